import Taro from '@tarojs/taro';

// Page paths, stable: the e2e test and shared invite links use them.
export const ROUTES = {
  home: '/pages/index/index',
  product: '/pages/product/index',
  cart: '/pages/cart/index',
  orders: '/pages/orders/index',
  order: '/pages/order/index',
  wallet: '/pages/wallet/index',
  price: '/pages/price/index',
  pool: '/pages/pool/index',
  poolCheck: '/pages/pool-check/index',
  ledger: '/pages/ledger/index',
  team: '/pages/team/index',
  leaderboard: '/pages/leaderboard/index',
  rules: '/pages/rules/index',
  login: '/pages/login/index',
  mine: '/pages/mine/index',
  addresses: '/pages/addresses/index',
  addressEdit: '/pages/address-edit/index',
  afterSale: '/pages/after-sale/index',
  afterSales: '/pages/after-sales/index',
  withdrawals: '/pages/withdrawals/index',
  privacy: '/pages/privacy/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

export function withQuery(route: Route, query: Record<string, string>): string {
  const q = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return q ? `${route}?${q}` : route;
}

/** The pages of the native tabBar (app.config.ts): reached with switchTab, never navigateTo. */
export const TAB_ROUTES: readonly Route[] = [ROUTES.home, ROUTES.orders, ROUTES.wallet, ROUTES.mine];
export const isTab = (route: Route) => TAB_ROUTES.includes(route);

/** Open a page; falls back to redirect when the mini-program page stack (10) is full. */
export function go(route: Route, query: Record<string, string> = {}): void {
  if (isTab(route)) {
    switchTo(route); // a tab page takes no query (the tabBar keeps one instance of it)
    return;
  }
  const url = withQuery(route, query);
  Taro.navigateTo({ url })
    .catch(() => Taro.redirectTo({ url }))
    .catch(() => undefined);
}

/** Replace the current page (a form that is done leads to its result). */
export function redirect(route: Route, query: Record<string, string> = {}): void {
  const url = withQuery(route, query);
  Taro.redirectTo({ url }).catch(() => undefined);
}

/** Switch between the main sections without growing the stack. */
export function switchTo(route: Route): void {
  if (isTab(route)) Taro.switchTab({ url: route }).catch(() => Taro.reLaunch({ url: route }));
  else Taro.reLaunch({ url: route });
}

/** A query parameter of the current page ('' when absent or before the router is ready). */
export function useQueryParam(name: string): string {
  const router = Taro.useRouter() as ReturnType<typeof Taro.useRouter> | null;
  const v = router?.params?.[name];
  return typeof v === 'string' ? v : '';
}
