// The staff console's queries (docs/staff.md "Console queries"): the programme's liabilities,
// users by nickname, a user's ledger and team two levels down, the parameters and their versions,
// orders filtered on the server, one order with its timeline and after-sale history, every
// product. Each takes only the stores it reads; none writes.
import {
  defaultParams,
  price,
  priceDisplay,
  truncate,
  valueOf,
  wideDec,
  type ConfigVersionRow,
  type ConfigView,
  type Liabilities,
  type OrderDetail,
  type OrderRow,
  type ReferralRow,
  type StaffAfterSale,
  type StaffPage,
  type TimelineStep,
  type UserLedgerRow,
  type UserMatch,
  type UserReferrals,
} from '@greenpoints/shared';
import { notFound } from '../errors';
import type { ConsoleStores, OrderQuery } from './console-ports';
import type { Order } from '../model';
import type { Stores } from '../deps';

/** An order as one flat row of the operator's lists (and their CSV export). */
export function orderRow(o: Order): OrderRow {
  return {
    orderId: o.orderId,
    userId: o.userId,
    status: o.status,
    amount: o.amount,
    payWith: o.payWith,
    items: o.items.map((l) => `${l.name}×${l.qty - (l.returnedQty ?? 0)}`).join('；'),
    region: o.address.region,
    address: o.address.detail,
    createdAt: o.createdAt,
    paidAt: o.paidAt ?? '',
    shippedAt: o.shippedAt ?? '',
    carrier: o.carrier ?? '',
    trackingNo: o.trackingNo ?? '',
    completesAt: o.completesAt ?? '',
    openRequestId: o.openRequestId ?? '',
  };
}

const money = (s: string | undefined) => truncate(s ?? '0', 2).toFixed(2);
const sumOf = (sums: Record<string, string>, ...fields: string[]) =>
  fields.reduce((a, f) => a.plus(sums[f] ?? '0'), wideDec(0)).toFixed();

/**
 * What the programme owes, from authoritative totals: the pool item (fund, circulating, the
 * price) and the sum of every wallet (each wallet is its ledger's sum; reconcile checks that).
 */
export async function liabilities(deps: Pick<Stores, 'config' | 'poolState'> & ConsoleStores): Promise<Liabilities> {
  const asOf = new Date().toISOString();
  const { params } = await deps.config.params();
  const [pool, totals] = await Promise.all([deps.poolState.state(params, true), deps.console.walletTotals()]);
  const s = totals.sums;
  return {
    asOf,
    price: price(pool),
    priceDisplay: priceDisplay(pool),
    fund: pool.fund,
    circulating: pool.circulating,
    treasury: pool.treasury,
    circulatingValue: valueOf(pool, pool.circulating),
    cashOwed: money(sumOf(s, 'cash', 'cashPending')),
    pendingWithdrawals: money(s.cashPending),
    constantOutstanding: money(sumOf(s, 'constant', 'constantReserved')),
    storeCredit: money(s.storeCredit),
    walletPoints: sumOf(s, 'equity', 'equityLocked', 'equityHeld', 'equityReserved'),
    wallets: totals.wallets,
  };
}

/** Users whose nickname starts with the text (a prefix search of the nickname index). */
export async function usersByNickname(
  deps: Pick<Stores, 'users'> & ConsoleStores,
  prefix: string,
  limit: number,
): Promise<StaffPage<UserMatch>> {
  const found = await deps.console.usersByNickname(prefix, limit);
  const users = await Promise.all(found.map((f) => deps.users.get(f.userId)));
  const rows = users.flatMap((u) =>
    u && !u.deletedAt ? [{ userId: u.userId, nickname: u.nickname, createdAt: u.createdAt }] : [],
  );
  return { rows };
}

async function mustExist(deps: Pick<Stores, 'users'>, userId: string) {
  const u = await deps.users.get(userId);
  if (!u) throw notFound('user');
  return u;
}

/** One page of a user's ledger, newest first. */
export async function userLedger(
  deps: Pick<Stores, 'users' | 'ledger'>,
  userId: string,
  limit: number,
  cursor?: string,
): Promise<StaffPage<UserLedgerRow>> {
  await mustExist(deps, userId);
  const page = await deps.ledger.page(userId, limit, cursor);
  const rows = page.items.map((l) => ({ ...l, orderId: l.orderId ?? '' }));
  return { rows, ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** Most referrals listed per level (a bigger team says `truncated`). */
export const TEAM_LIMIT = 200;

/** A user's team: direct referrals (level 1) and theirs (level 2), newest first. */
export async function userReferrals(deps: Pick<Stores, 'users' | 'referrals'>, userId: string): Promise<UserReferrals> {
  await mustExist(deps, userId);
  const level1 = await deps.referrals.direct(userId, TEAM_LIMIT + 1);
  const first = level1.slice(0, TEAM_LIMIT);
  const rows: ReferralRow[] = first.map((r) => ({ ...r, level: 1, via: '' }));
  let truncated = level1.length > TEAM_LIMIT;
  let second = 0;
  for (const r of first) {
    if (second >= TEAM_LIMIT) {
      truncated = true;
      break;
    }
    const theirs = await deps.referrals.direct(r.userId, TEAM_LIMIT - second + 1);
    if (theirs.length > TEAM_LIMIT - second) truncated = true;
    for (const t of theirs.slice(0, TEAM_LIMIT - second)) rows.push({ ...t, level: 2, via: r.userId });
    second = rows.length - first.length;
  }
  return { userId, rows, counts: { level1: first.length, level2: second }, truncated };
}

/** The parameter names whose values differ between two versions. */
function changedNames(before: object, after: object): string {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).join(',');
}

/** The current parameters and a page of their versions, newest first, each with what it changed. */
export async function configView(
  deps: Pick<Stores, 'config'> & ConsoleStores,
  limit: number,
  cursor?: string,
): Promise<ConfigView> {
  const cur = await deps.config.params(true);
  // One more than asked: the oldest row's change is against the version before it.
  const page = await deps.console.configVersions(limit + 1, cursor);
  const shown = page.items.slice(0, limit);
  const history: ConfigVersionRow[] = [];
  for (const [i, v] of shown.entries()) {
    const prior = page.items[i + 1]?.params ?? (await deps.config.paramsAt(v.version - 1));
    history.push({ version: v.version, at: v.at, params: { ...v.params }, changed: changedNames(prior, v.params) });
  }
  const more = page.items.length > limit ? await deps.console.configVersions(limit, cursor) : undefined;
  return {
    version: cur.version,
    params: { ...cur.params },
    defaults: { ...defaultParams },
    history,
    ...(more?.cursor ? { cursor: more.cursor } : {}),
  };
}

/** Orders by status or user, between two dates, of one product: one page (maybe short: filtered). */
export async function filteredOrders(
  deps: ConsoleStores,
  q: OrderQuery & { productId?: string },
  limit: number,
  cursor?: string,
): Promise<StaffPage<OrderRow>> {
  const page = await deps.console.orders(q, limit, cursor);
  const rows = page.items
    // An index is eventually consistent: an order that moved on since is left out of this page.
    .filter((o) => !q.status || o.status === q.status)
    .filter((o) => !q.productId || o.items.some((l) => l.productId === q.productId))
    .map(orderRow);
  return { rows, ...(page.cursor ? { cursor: page.cursor } : {}) };
}

function orderSteps(o: Order): TimelineStep[] {
  const steps: Array<[string | undefined, string]> = [
    [o.createdAt, '下单'],
    [o.paidAt, '付款'],
    [o.cancelledAt, '未付款取消'],
    [o.shippedAt, `发货 ${o.carrier ?? ''} ${o.trackingNo ?? ''}`.trim()],
    [o.receivedAt, '确认收货'],
    [o.refundRequestedAt, '申请退款'],
    [o.refundedAt, '已退款'],
    [o.completedAt, `完成，发放 ${o.pointsGranted ?? '0'} 积分`],
  ];
  return steps.flatMap(([at, what]) => (at ? [{ at, what }] : []));
}

/** One order: its row, its timeline (its own times and every after-sale step) and its requests. */
export async function orderDetail(deps: Pick<Stores, 'orders' | 'afterSales'>, orderId: string): Promise<OrderDetail> {
  const o = await deps.orders.get(orderId);
  if (!o) throw notFound('order');
  const ids = JSON.parse(o.afterSale ?? '[]') as string[];
  const requests = (await Promise.all(ids.map((id) => deps.afterSales.get(id)))).flatMap((r) => (r ? [r] : []));
  const afterSale: StaffAfterSale[] = requests.map((r) => ({
    requestId: r.requestId,
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    amount: r.amount,
    items: r.items,
    createdAt: r.createdAt,
    history: r.history,
    ...(r.note ? { note: r.note } : {}),
    ...(r.carrier ? { carrier: r.carrier, trackingNo: r.trackingNo ?? '' } : {}),
  }));
  const steps = orderSteps(o);
  for (const r of requests)
    for (const h of r.history)
      steps.push({ at: h.at, what: `售后 ${r.requestId}：${h.status}`, by: h.by, ...(h.note ? { note: h.note } : {}) });
  steps.sort((a, b) => a.at.localeCompare(b.at));
  const order = {
    ...orderRow(o),
    status: o.status,
    pointsGranted: o.pointsGranted ?? '',
    refundedAmount: o.refundedAmount ?? '0.00',
    receivedAt: o.receivedAt ?? '',
    completedAt: o.completedAt ?? '',
  };
  return { order, timeline: steps, afterSale };
}
