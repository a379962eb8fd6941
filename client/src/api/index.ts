// Every call of the shopper API (docs/api.md). Pages import `api` and never build URLs.
import { request } from './request';
import type { PoolHeadAnswer, PoolKeysAnswer, PoolLogPage, PoolProofAnswer } from '@greenpoints/shared';
import type {
  AddressBook,
  AfterSaleAnswer,
  AfterSaleBody,
  AfterSaleRequest,
  AfterSalesPage,
  AddressForm,
  BookAddress,
  Category,
  DeleteAnswer,
  ExportAnswer,
  InviteAnswer,
  Profile,
  ConvertAnswer,
  ConvertBackAnswer,
  LeaderRow,
  LedgerAnswer,
  LedgerPage,
  LoginAnswer,
  LoginBody,
  NewOrderBody,
  Order,
  OrderAnswer,
  OrdersPage,
  Page,
  Pool,
  PricePoint,
  Product,
  SellAnswer,
  ShipBackBody,
  Team,
  Wallet,
  WithdrawalAnswer,
  WithdrawalsPage,
  WithdrawalView,
} from './types';

export * from './types';
export { ApiError, isRetryable } from './errors';

/** `?cursor=…` for a page after the first; every page is the server's default size (20). */
const pageQuery = (cursor?: string | null) => (cursor ? `?cursor=${encodeURIComponent(cursor)}` : '');

export const api = {
  login(body: LoginBody) {
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
  createOrder(body: NewOrderBody, idempotencyKey: string) {
    return request<OrderAnswer>({ method: 'POST', path: '/orders', body, idempotencyKey });
  },
  addresses() {
    return request<AddressBook>({ method: 'GET', path: '/addresses' });
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
    return request<OrderAnswer>({ method: 'POST', path: `/orders/${encodeURIComponent(orderId)}/pay`, idempotencyKey });
  },
  confirmOrder(orderId: string, idempotencyKey: string) {
    return request<OrderAnswer>({
      method: 'POST',
      path: `/orders/${encodeURIComponent(orderId)}/confirm`,
      idempotencyKey,
    });
  },
  refundOrder(orderId: string, idempotencyKey: string) {
    return request<OrderAnswer>({
      method: 'POST',
      path: `/orders/${encodeURIComponent(orderId)}/refund`,
      idempotencyKey,
    });
  },
  requestAfterSale(orderId: string, body: AfterSaleBody, idempotencyKey: string) {
    return request<AfterSaleAnswer>({
      method: 'POST',
      path: `/orders/${encodeURIComponent(orderId)}/after-sale`,
      body,
      idempotencyKey,
    });
  },
  afterSale(requestId: string) {
    return request<AfterSaleRequest>({ method: 'GET', path: `/after-sale/${encodeURIComponent(requestId)}` });
  },
  /** One page of the caller's after-sale requests, newest first (售后记录). */
  async afterSales(cursor?: string | null): Promise<Page<AfterSaleRequest>> {
    const page = await request<AfterSalesPage>({ method: 'GET', path: `/after-sale${pageQuery(cursor)}` });
    return { items: page.items ?? [], cursor: page.cursor ?? null };
  },
  shipBack(requestId: string, body: ShipBackBody, idempotencyKey: string) {
    return request<AfterSaleAnswer>({
      method: 'POST',
      path: `/after-sale/${encodeURIComponent(requestId)}/ship-back`,
      body,
      idempotencyKey,
    });
  },
  /** One page of the caller's orders, newest first; `cursor` from the previous page. */
  async orders(cursor?: string | null): Promise<Page<Order>> {
    const page = await request<OrdersPage>({ method: 'GET', path: `/orders${pageQuery(cursor)}` });
    return { items: page.orders, cursor: page.cursor ?? null };
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
    const page = await request<LedgerAnswer>({ method: 'GET', path: `/ledger${pageQuery(cursor)}` });
    return { items: page.entries, cursor: page.cursor ?? null };
  },
  /** One page of the caller's withdrawals, newest first (商家转账: some wait for 确认收款). */
  async withdrawals(cursor?: string | null): Promise<Page<WithdrawalView>> {
    const page = await request<WithdrawalsPage>({ method: 'GET', path: `/withdrawals${pageQuery(cursor)}` });
    return { items: page.items ?? [], cursor: page.cursor ?? null };
  },
  /** The shopper's mini-program code for the share poster. */
  invite() {
    return request<InviteAnswer>({ method: 'GET', path: '/me/invite' });
  },
  /** Everything the server holds about the caller, as one JSON document. */
  exportMe() {
    return request<ExportAnswer>({ method: 'GET', path: '/me/export' });
  },
  /** Deletes the account; 409 `account_has_*` while anything is owed either way. */
  deleteMe(idempotencyKey: string) {
    return request<DeleteAnswer>({ method: 'POST', path: '/me/delete', body: {}, idempotencyKey });
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
  /** The newest published batch and its chain hash, signed (checked against poolKeys). */
  poolHead() {
    return request<PoolHeadAnswer>({ method: 'GET', path: '/pool/head', auth: false });
  },
  poolKeys() {
    return request<PoolKeysAnswer>({ method: 'GET', path: '/pool/keys', auth: false });
  },
  /** One batch of the public log, with the parameters it was applied with. */
  poolBatch(batch: number) {
    return request<PoolLogPage>({ method: 'GET', path: `/pool/log?from=${batch}&limit=1`, auth: false });
  },
  /** Where the caller's own event sits in the public log, and the caller's pseudonym there. */
  poolProof(eventId: string) {
    return request<PoolProofAnswer>({ method: 'GET', path: `/pool/proof/${encodeURIComponent(eventId)}` });
  },
};

export type Api = typeof api;
