// Entities of the single table and their item forms (docs/data-model.md). Reads live here;
// writes are TxOp lists built by the domain from these item builders.
import {
  defaultParams,
  emptyPool,
  emptyWallet,
  validateParams,
  type Params,
  type PoolState,
  type Wallet,
} from '@greenpoints/shared';
import { getItem, batchGet, query, type Item, type Scalar, type TxOp } from './ddb';
import {
  gsi,
  indexKeys,
  keys,
  nicknameIndexAttrs,
  partitions,
  referralIndexAttrs,
  skPrefixes,
  walletIndexAttrs,
} from './keys';
import type {
  EventRecord,
  Order,
  OrderLine,
  OrderStatus,
  PayWith,
  Product,
  StoredParams,
  StoredWallet,
  User,
} from '../domain/model';
export type { EventRecord, Order, OrderLine, OrderStatus, PayWith, Product, StoredParams, StoredWallet, User };

const s = (v: Scalar | undefined, d = ''): string => (v === undefined ? d : String(v));
const n = (v: Scalar | undefined, d = 0): number => (typeof v === 'number' ? v : v === undefined ? d : Number(v));

// ---------- products ----------
export function productItem(p: Product): Item {
  const { pictures, ...rest } = p;
  return {
    ...keys.product(p.productId),
    ...indexKeys.product(p.productId),
    type: 'product',
    ...rest,
    category: p.category ?? '',
    description: p.description ?? '',
    pictures: JSON.stringify(pictures ?? []),
  };
}
function toProduct(i: Item): Product {
  return {
    productId: s(i.productId),
    name: s(i.name),
    price: s(i.price),
    poolContribution: s(i.poolContribution),
    dividendContribution: s(i.dividendContribution, '0.00'),
    stock: n(i.stock),
    image: s(i.image),
    active: i.active !== false,
    category: s(i.category),
    description: s(i.description),
    pictures: JSON.parse(s(i.pictures, '[]')) as string[],
    noReasonReturn: i.noReasonReturn !== false,
  };
}
export async function listProducts(): Promise<Product[]> {
  const r = await query({ pk: gsi.products, index: 'GSI1', limit: 500 });
  return r.items.map(toProduct);
}
export async function getProducts(ids: string[]): Promise<Map<string, Product>> {
  const items = await batchGet(ids.map(keys.product));
  return new Map(items.map((i) => [s(i.productId), toProduct(i)]));
}

// ---------- users ----------
export function userItem(u: User): Item {
  return {
    ...keys.user(u.userId),
    type: 'user',
    ...u,
    referrer: u.referrer ?? '',
    ...referralIndexAttrs(u.referrer, u.createdAt, u.userId),
    ...nicknameIndexAttrs(u.nickname, u.userId),
  };
}
export async function getUserIdByOpenId(openId: string): Promise<string | undefined> {
  const i = await getItem(keys.openId(openId));
  return i ? s(i.userId) : undefined;
}
export async function getUser(userId: string): Promise<User | undefined> {
  const i = await getItem(keys.user(userId));
  if (!i) return undefined;
  return {
    userId: s(i.userId),
    openId: s(i.openId),
    role: i.role === 'staff' ? 'staff' : 'user',
    referrer: s(i.referrer) || undefined,
    nickname: s(i.nickname),
    createdAt: s(i.createdAt),
    ...(i.deletedAt ? { deletedAt: s(i.deletedAt) } : {}),
  };
}

// ---------- wallets ----------
const WALLET_FIELDS = Object.keys(emptyWallet()) as Array<keyof Wallet>;
export function walletItem(userId: string, w: Wallet, version: number): Item {
  const it: Item = { ...keys.wallet(userId), type: 'wallet', userId, version };
  for (const f of WALLET_FIELDS) it[f] = w[f];
  // The holder and leaderboard indexes follow the balances on every write (repo/keys.ts).
  return { ...it, ...walletIndexAttrs(userId, w) };
}
/** The wallet's write, guarded by the version it was computed from (0: must not exist yet). */
export function walletPut(userId: string, w: Wallet, priorVersion: number): TxOp {
  return {
    op: 'put',
    item: walletItem(userId, w, priorVersion + 1),
    ifVersion: priorVersion === 0 ? null : priorVersion,
  };
}

/** One ledger entry: its key is fixed by (time, event, n), so it is written once. */
export function ledgerItem(
  userId: string,
  at: string,
  e: { eventId: string; n: number; kind: string; field: string; delta: string; why: string },
  ref: Record<string, string> = {},
): Item {
  return {
    ...keys.ledger(userId, at, e.eventId, e.n),
    type: 'ledger',
    userId,
    field: e.field,
    delta: e.delta,
    why: e.why,
    kind: e.kind,
    eventId: e.eventId,
    at,
    ...ref,
  };
}

export function toWallet(i: Item | undefined): StoredWallet {
  const w = emptyWallet();
  if (!i) return { wallet: w, version: 0 };
  for (const f of WALLET_FIELDS) if (typeof i[f] === 'string') w[f] = i[f] as string;
  return { wallet: w, version: n(i.version) };
}
export async function getWallet(userId: string): Promise<StoredWallet> {
  return toWallet(await getItem(keys.wallet(userId)));
}
export async function getWallets(userIds: string[]): Promise<Map<string, StoredWallet>> {
  const items = await batchGet(userIds.map(keys.wallet));
  const byUser = new Map(items.map((i) => [s(i.userId), i]));
  return new Map(userIds.map((u) => [u, toWallet(byUser.get(u))]));
}

// ---------- pool ----------
const POOL_STRINGS = [
  'fund',
  'circulating',
  'treasury',
  'issued',
  'burned',
  'lastPrice',
  'contributions',
  'grantFunding',
  'payouts',
] as const;
export function poolItem(p: PoolState): Item {
  const it: Item = { ...keys.pool(), type: 'pool', seq: p.seq };
  for (const f of POOL_STRINGS) it[f] = p[f];
  return it;
}
export function toPool(i: Item | undefined, params: Params): PoolState {
  const p = emptyPool(params);
  if (!i) return p;
  for (const f of POOL_STRINGS)
    if (typeof i[f] === 'string') (p as unknown as Record<string, string>)[f] = i[f] as string;
  p.seq = n(i.seq);
  return p;
}
export async function getPool(params: Params, consistent = true): Promise<PoolState> {
  return toPool(await getItem(keys.pool(), consistent), params);
}

// ---------- params ----------
let paramsCache: { at: number; value: StoredParams } | undefined;
export async function getParams(fresh = false): Promise<StoredParams> {
  // A short cache: parameters change rarely and are read on every request.
  if (!fresh && paramsCache && Date.now() - paramsCache.at < 2000) return paramsCache.value;
  const i = await getItem(keys.config());
  const value: StoredParams = i
    ? { params: validateParams(JSON.parse(s(i.params))), version: n(i.version) }
    : { params: defaultParams, version: 0 };
  paramsCache = { at: Date.now(), value };
  return value;
}
export async function getParamsVersion(v: number): Promise<Params> {
  if (v === 0) return defaultParams;
  const i = await getItem(keys.configVersion(v));
  if (!i) throw new Error(`parameter version ${v} missing`);
  return validateParams(JSON.parse(s(i.params)));
}

// ---------- orders ----------
const ORDER_OPTIONAL = [
  'pointsCost',
  'payExpiresAt',
  'cancelledAt',
  'shippingReport',
  'paidAt',
  'shippedAt',
  'completedAt',
  'refundedAt',
  'refundId',
  'refundRequestedAt',
  'refundFrom',
  'refundDetail',
  'transactionId',
  'latePayment',
  'eventId',
  'rejectedEventId',
  'pointsGranted',
  'priceAfter',
  'carrier',
  'trackingNo',
  'receivedAt',
  'completesAt',
  'openRequestId',
  'afterSale',
  'refundedAmount',
  'refundedPoints',
] as const;
export function orderItem(o: Order): Item {
  const it: Item = {
    ...keys.order(o.orderId),
    type: 'order',
    orderId: o.orderId,
    userId: o.userId,
    status: o.status,
    items: JSON.stringify(o.items),
    amount: o.amount,
    payWith: o.payWith,
    contribution: o.contribution,
    dividendContribution: o.dividendContribution,
    address: JSON.stringify(o.address),
    createdAt: o.createdAt,
    // A user's orders, and the operator's list by status (keys only; every status write moves
    // it: repo/keys.ts statusIndex).
    ...indexKeys.order(o),
  };
  for (const f of ORDER_OPTIONAL) {
    if (o[f] !== undefined) it[f] = o[f] as string;
  }
  return it;
}
/** The auto-confirm queue entry of a shipped order (read by shipping time). */
export function shippedItem(shippedAt: string, orderId: string): Item {
  return { ...keys.shipped(shippedAt, orderId), type: 'shipped', orderId, shippedAt };
}
export function toOrder(i: Item): Order {
  const opt = (k: string) => (typeof i[k] === 'string' ? (i[k] as string) : undefined);
  return {
    orderId: s(i.orderId),
    userId: s(i.userId),
    status: s(i.status) as OrderStatus,
    items: JSON.parse(s(i.items, '[]')) as OrderLine[],
    amount: s(i.amount),
    payWith: s(i.payWith) as PayWith,
    contribution: s(i.contribution),
    dividendContribution: s(i.dividendContribution),
    address: JSON.parse(s(i.address, '{}')) as Order['address'],
    createdAt: s(i.createdAt),
    ...Object.fromEntries(ORDER_OPTIONAL.map((f) => [f, opt(f)])),
  };
}
/** The completion queue entry of a received order (read by the end of its window). */
export function dueItem(completesAt: string, orderId: string): Item {
  return { ...keys.due(completesAt, orderId), type: 'due', orderId, completesAt };
}
export async function getOrder(orderId: string): Promise<Order | undefined> {
  const i = await getItem(keys.order(orderId));
  return i ? toOrder(i) : undefined;
}
export async function listOrders(userId: string, limit: number, cursor?: Record<string, Scalar>) {
  const r = await query({ pk: gsi.userOrders(userId), index: 'GSI1', newestFirst: true, limit, cursor });
  return { orders: r.items.map(toOrder), next: r.next };
}

// ---------- events ----------
export async function getEvent(eventId: string): Promise<EventRecord | undefined> {
  const i = await getItem(keys.event(eventId));
  if (!i) return undefined;
  return {
    eventId: s(i.eventId),
    status: s(i.status) as EventRecord['status'],
    userId: s(i.userId),
    kind: s(i.kind),
    seq: typeof i.seq === 'number' ? i.seq : undefined,
    outcome: typeof i.outcome === 'string' ? JSON.parse(i.outcome) : undefined,
    error: typeof i.error === 'string' ? JSON.parse(i.error) : undefined,
  };
}

// ---------- ledger ----------
export async function listLedger(userId: string, limit: number, cursor?: Record<string, Scalar>) {
  const r = await query({ pk: partitions.user(userId), skPrefix: skPrefixes.ledger, newestFirst: true, limit, cursor });
  return { entries: r.items, next: r.next };
}
