// Every call of the shopper API (docs/api.md). Pages import `api` and never build URLs.
import { request } from './request';
import type {
  AfterSaleKind,
  AfterSaleRequest,
  Address,
  AddressForm,
  BookAddress,
  Category,
  Profile,
  ConvertAnswer,
  ConvertBackAnswer,
  LeaderRow,
  LedgerEntry,
  LedgerPage,
  LoginAnswer,
  Order,
  PayWith,
  Pool,
  PricePoint,
  Product,
  SellAnswer,
  Team,
  Wallet,
  WithdrawalAnswer,
} from './types';

export * from './types';
export { ApiError, isRetryable } from './errors';

export const api = {
  login(body: { code?: string; devOpenId?: string; referrer?: string }) {
    return request<LoginAnswer>({ method: 'POST', path: '/auth/login', body, auth: false });
  },
  /** The catalogue, optionally one category and/or a search by name (the server filters). */
  products(filter: { category?: string; q?: string } = {}) {
    const q = Object.entries(filter)
      .filter(([, v]) => !!v)
      .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
      .join('&');
    return request<Product[]>({ method: 'GET', path: `/products${q ? `?${q}` : ''}`, auth: false });
  },
  async categories() {
    const raw = await request<{ categories?: Category[] }>({ method: 'GET', path: '/categories', auth: false });
    return raw?.categories ?? [];
  },
  /** `addressId` (from the book) or a full `address`. */
  createOrder(
    body: {
      items: Array<{ productId: string; qty: number }>;
      payWith: PayWith;
      addressId?: string;
      address?: Address | AddressForm;
    },
    idempotencyKey: string,
  ) {
    return request<Order>({ method: 'POST', path: '/orders', body, idempotencyKey });
  },
  addresses() {
    return request<{ addresses: BookAddress[]; defaultId: string | null }>({ method: 'GET', path: '/addresses' });
  },
  addAddress(body: AddressForm, idempotencyKey: string) {
    return request<BookAddress>({ method: 'POST', path: '/addresses', body, idempotencyKey });
  },
  updateAddress(addressId: string, body: AddressForm) {
    return request<BookAddress>({ method: 'PUT', path: `/addresses/${encodeURIComponent(addressId)}`, body });
  },
  deleteAddress(addressId: string) {
    return request<{ deleted: string; defaultId: string | null }>({
      method: 'DELETE',
      path: `/addresses/${encodeURIComponent(addressId)}`,
    });
  },
  profile() {
    return request<Profile>({ method: 'GET', path: '/profile' });
  },
  updateProfile(body: { nickname?: string; avatar?: string }) {
    return request<Profile>({ method: 'PUT', path: '/profile', body });
  },
  payOrder(orderId: string, idempotencyKey: string) {
    return request<Order>({ method: 'POST', path: `/orders/${encodeURIComponent(orderId)}/pay`, idempotencyKey });
  },
  confirmOrder(orderId: string, idempotencyKey: string) {
    return request<Order>({ method: 'POST', path: `/orders/${encodeURIComponent(orderId)}/confirm`, idempotencyKey });
  },
  refundOrder(orderId: string, idempotencyKey: string) {
    return request<Order>({ method: 'POST', path: `/orders/${encodeURIComponent(orderId)}/refund`, idempotencyKey });
  },
  requestAfterSale(
    orderId: string,
    body: { kind: AfterSaleKind; items: Array<{ productId: string; qty: number }>; reason: string },
    idempotencyKey: string,
  ) {
    return request<{ requestId: string; status: string }>({
      method: 'POST',
      path: `/orders/${encodeURIComponent(orderId)}/after-sale`,
      body,
      idempotencyKey,
    });
  },
  afterSale(requestId: string) {
    return request<AfterSaleRequest>({ method: 'GET', path: `/after-sale/${encodeURIComponent(requestId)}` });
  },
  shipBack(requestId: string, body: { carrier: string; trackingNo: string }, idempotencyKey: string) {
    return request<{ requestId: string; status: string }>({
      method: 'POST',
      path: `/after-sale/${encodeURIComponent(requestId)}/ship-back`,
      body,
      idempotencyKey,
    });
  },
  async orders() {
    return (await request<{ orders: Order[]; cursor?: string }>({ method: 'GET', path: '/orders' })).orders;
  },
  order(orderId: string) {
    return request<Order>({ method: 'GET', path: `/orders/${encodeURIComponent(orderId)}` });
  },
  wallet() {
    return request<Wallet>({ method: 'GET', path: '/wallet' });
  },
  sell(points: string, idempotencyKey: string) {
    return request<SellAnswer>({ method: 'POST', path: '/wallet/sell', body: { points }, idempotencyKey });
  },
  convert(points: string, idempotencyKey: string) {
    return request<ConvertAnswer>({ method: 'POST', path: '/wallet/convert', body: { points }, idempotencyKey });
  },
  convertBack(amount: string, idempotencyKey: string) {
    return request<ConvertBackAnswer>({
      method: 'POST',
      path: '/wallet/convert-back',
      body: { amount },
      idempotencyKey,
    });
  },
  withdraw(amount: string, idempotencyKey: string) {
    return request<WithdrawalAnswer>({ method: 'POST', path: '/withdrawals', body: { amount }, idempotencyKey });
  },
  async ledger(cursor?: string | null): Promise<LedgerPage> {
    const q = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
    const page = await request<{ entries: LedgerEntry[]; cursor?: string }>({ method: 'GET', path: `/ledger${q}` });
    return { items: page.entries, cursor: page.cursor ?? null };
  },
  team() {
    return request<Team>({ method: 'GET', path: '/team' });
  },
  async leaderboard() {
    return (await request<{ top: LeaderRow[] }>({ method: 'GET', path: '/leaderboard' })).top;
  },
  pool() {
    return request<Pool>({ method: 'GET', path: '/pool', auth: false });
  },
  poolHistory(limit = 100) {
    return request<PricePoint[]>({ method: 'GET', path: `/pool/history?limit=${limit}`, auth: false });
  },
};

export type Api = typeof api;
