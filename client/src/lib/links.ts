import { ROUTES, type Route } from './nav';

export interface LinkDef {
  route: Route;
  label: string;
  cls: string;
}

// Every entry point to a section, written once: the home grid, 我的, the wallet and the pool
// page pick the ones they show.
export const LINKS = {
  wallet: { route: ROUTES.wallet, label: '积分钱包', cls: 'link-wallet' },
  orders: { route: ROUTES.orders, label: '我的订单', cls: 'link-orders' },
  cart: { route: ROUTES.cart, label: '购物车', cls: 'link-cart' },
  price: { route: ROUTES.price, label: '价格走势', cls: 'link-price' },
  pool: { route: ROUTES.pool, label: '分红池', cls: 'link-pool' },
  poolCheck: { route: ROUTES.poolCheck, label: '核对我的账目', cls: 'link-pool-check' },
  rules: { route: ROUTES.rules, label: '规则说明', cls: 'link-rules' },
  ledger: { route: ROUTES.ledger, label: '明细', cls: 'link-ledger' },
  team: { route: ROUTES.team, label: '我的团队', cls: 'link-team' },
  leaderboard: { route: ROUTES.leaderboard, label: '排行榜', cls: 'link-leaderboard' },
  addresses: { route: ROUTES.addresses, label: '收货地址', cls: 'link-addresses' },
  withdrawals: { route: ROUTES.withdrawals, label: '提现记录', cls: 'link-withdrawals' },
  afterSales: { route: ROUTES.afterSales, label: '售后记录', cls: 'link-after-sales' },
  privacy: { route: ROUTES.privacy, label: '隐私政策', cls: 'link-privacy' },
} satisfies Record<string, LinkDef>;

export type LinkName = keyof typeof LINKS;

export const pickLinks = (...names: LinkName[]): LinkDef[] => names.map((n) => LINKS[n]);
