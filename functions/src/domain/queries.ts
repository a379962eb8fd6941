// The operator's queries (docs/staff.md): orders, after-sale requests and withdrawals by status,
// one user by any of their ids, and one day's figures. Each is paged (a cursor over the index it
// reads) and each row is flat, so the same rows become a CSV export (staff/operator.ts).
import { dec, ZERO, truncate, type Dec } from '@greenpoints/shared';
import { getParams, getPool, getUser, getUserIdByOpenId, getWallet, toOrder, listOrders } from '../repo/repository';
import { batchGet, getItem, query, type Item, type Scalar } from '../repo/ddb';
import { keys, gsi, pad } from '../repo/keys';
import { programmeKeys } from '../repo/programme';
import { decodeCursor, encodeCursor } from './cursor';
import { invalid, notFound } from './errors';
import { getRequest } from './after-sale';
import { readSettlement } from './settlement';

export type Row = Record<string, string | number>;
export interface Page {
  rows: Row[];
  cursor?: string;
}

const str = (v: Scalar | undefined) => (v === undefined ? '' : String(v));

export async function listOrdersByStatus(status: string, limit: number, cursor?: string): Promise<Page> {
  const pk = gsi.ordersByStatus(status);
  const r = await query({ pk, index: 'GSI2', newestFirst: true, limit, cursor: decodeCursor(cursor, pk, 'GSI2PK') });
  const items = await batchGet(r.items.map((i) => ({ PK: String(i.PK), SK: String(i.SK) })));
  const byId = new Map(items.map((i) => [String(i.orderId), toOrder(i)]));
  const rows: Row[] = [];
  for (const k of r.items) {
    const o = byId.get(String(k.PK).slice('ORDER#'.length));
    // The index is eventually consistent: an order that moved on since is left out of this page.
    if (!o || o.status !== status) continue;
    rows.push({
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
    });
  }
  return { rows, cursor: encodeCursor(r.next) };
}

export async function listAfterSale(status: string, limit: number, cursor?: string): Promise<Page> {
  const pk = gsi.afterSales(status);
  const r = await query({ pk, index: 'GSI1', newestFirst: true, limit, cursor: decodeCursor(cursor, pk, 'GSI1PK') });
  const rows = r.items.map((i) => ({
    requestId: str(i.requestId),
    orderId: str(i.orderId),
    userId: str(i.userId),
    status: str(i.status),
    kind: str(i.kind),
    items: (JSON.parse(str(i.items) || '[]') as Array<{ productId: string; qty: number }>)
      .map((l) => `${l.productId}×${l.qty}`)
      .join('；'),
    amount: str(i.amount),
    reason: str(i.reason),
    note: str(i.note),
    carrier: str(i.carrier),
    trackingNo: str(i.trackingNo),
    createdAt: str(i.createdAt),
    updatedAt: str(i.updatedAt),
  }));
  return { rows, cursor: encodeCursor(r.next) };
}

export async function listWithdrawals(status: string, limit: number, cursor?: string): Promise<Page> {
  const pk = gsi.withdrawals(status);
  const r = await query({ pk, index: 'GSI1', newestFirst: true, limit, cursor: decodeCursor(cursor, pk, 'GSI1PK') });
  const rows = r.items.map((i) => ({
    withdrawalId: str(i.withdrawalId),
    userId: str(i.userId),
    amount: str(i.amount),
    status: str(i.status),
    createdAt: str(i.createdAt),
    decidedAt: str(i.decidedAt),
    detail: str(i.detail),
  }));
  return { rows, cursor: encodeCursor(r.next) };
}

/** One user by userId, openId or phone (a legacy member's), with wallet and latest orders. */
export async function findUser(by: { userId?: string; openId?: string; phone?: string }) {
  let userId = by.userId;
  if (!userId && by.openId) userId = await getUserIdByOpenId(by.openId);
  if (!userId && by.phone) {
    const p = await getItem(programmeKeys.phone(by.phone));
    userId = p ? String(p.userId) : undefined;
  }
  const u = userId ? await getUser(userId) : undefined;
  if (!u) throw notFound('user');
  const [w, orders] = await Promise.all([getWallet(u.userId), listOrders(u.userId, 10)]);
  return {
    user: { userId: u.userId, openId: u.openId, role: u.role, referrer: u.referrer ?? '', createdAt: u.createdAt },
    wallet: w.wallet,
    orders: orders.orders.map((o) => ({
      orderId: o.orderId,
      status: o.status,
      amount: o.amount,
      createdAt: o.createdAt,
    })),
  };
}

/** Most pool events one report reads (pages of 500): a busier day is reported as truncated. */
const MAX_REPORT_EVENTS = 20000;

/** The first pool seq at or after `at` (binary search over EVENT#seq: log2(seq) reads). */
async function firstSeqFrom(at: string, last: number): Promise<number> {
  let lo = 1;
  let hi = last + 1;
  for (let i = 0; i < 64 && lo < hi; i++) {
    const mid = Math.floor((lo + hi) / 2);
    const e = await getItem(keys.poolEvent(mid), false);
    if (e && str(e.at) >= at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * One business day (China time): sales and contributions of the orders completed, points issued
 * and burned, payouts and the fees they left in the pool, commissions, the day's dividends (its
 * settlement), and the price at the day's open and close, all from the pool's own event log.
 */
export async function dailyReport(date: string) {
  const from = new Date(`${date}T00:00:00+08:00`).toISOString();
  const to = new Date(new Date(from).getTime() + 86400_000).toISOString();
  const { params } = await getParams();
  const pool = await getPool(params);
  const first = await firstSeqFrom(from, pool.seq);
  const end = await firstSeqFrom(to, pool.seq); // first seq of the next day
  const sum = {
    orders: 0,
    sales: ZERO,
    contributions: ZERO,
    pointsIssued: ZERO,
    pointsBurned: ZERO,
    payouts: ZERO,
    feesKept: ZERO,
    commissions: ZERO,
  };
  let open: string | undefined;
  let close: string | undefined;
  let read = 0;
  let cursor: Record<string, Scalar> | undefined;
  if (end > first) {
    do {
      const r = await query({
        pk: 'POOL',
        skBetween: [`EVENT#${pad(first)}`, `EVENT#${pad(end - 1)}`],
        limit: 500,
        cursor,
      });
      for (const i of r.items) {
        addEvent(sum, i);
        open ??= JSON.parse(str(i.outcome)).priceBefore as string;
        close = str(i.priceAfter);
      }
      read += r.items.length;
      cursor = r.next;
    } while (cursor && read < MAX_REPORT_EVENTS);
  }
  if (!open) {
    // No pool event that day: the price stood where the last earlier event left it.
    const before = first > 1 ? await getItem(keys.poolEvent(first - 1), false) : undefined;
    open = before ? str(before.priceAfter) : pool.lastPrice;
    close = open;
  }
  const settled = await readSettlement(date);
  return {
    date,
    orders: sum.orders,
    sales: sum.sales.toFixed(2),
    contributions: sum.contributions.toFixed(2),
    pointsIssued: sum.pointsIssued.toFixed(),
    pointsBurned: sum.pointsBurned.toFixed(),
    payouts: sum.payouts.toFixed(2),
    feesKept: truncate(sum.feesKept, 2).toFixed(2),
    commissions: sum.commissions.toFixed(2),
    dividends: settled?.paid ?? '0.00',
    dividendsSettled: settled?.status === 'done',
    priceOpen: truncate(open, 4).toFixed(4),
    priceClose: truncate(close!, 4).toFixed(4),
    priceOpenExact: open,
    priceCloseExact: close!,
    poolEvents: end - first,
    ...(read >= MAX_REPORT_EVENTS && cursor ? { truncated: true } : {}),
  };
}

const COMMISSIONS = new Set(['commission_l1', 'commission_l2', 'agent_commission']);

function addEvent(sum: { [k: string]: Dec | number }, i: Item): void {
  const event = JSON.parse(str(i.event)) as { kind: string; amount?: string; points?: string };
  const out = JSON.parse(str(i.outcome)) as {
    poolDelta?: { fund: string; circulating: string };
    pointsGranted?: string;
    points?: string;
    payout?: string;
    gross?: string;
    changes: Array<{ field: string; delta: string; why: string }>;
  };
  const add = (k: string, v: string | undefined) => {
    if (v) sum[k] = (sum[k] as Dec).plus(v);
  };
  switch (event.kind) {
    case 'order_completed':
      sum.orders = (sum.orders as number) + 1;
      add('sales', event.amount);
      add('contributions', out.poolDelta?.fund);
      add('pointsIssued', out.poolDelta?.circulating);
      for (const c of out.changes) if (COMMISSIONS.has(c.why)) add('commissions', c.delta);
      break;
    case 'grant':
      add('pointsIssued', out.pointsGranted);
      break;
    case 'sell':
      add('pointsBurned', out.points);
      add('payouts', out.payout);
      if (out.gross && out.payout) add('feesKept', dec(out.gross).minus(out.payout).toFixed());
      break;
    case 'redeem':
      add('pointsBurned', out.points);
      break;
  }
}

export function requireOne(by: Record<string, unknown>): void {
  const n = ['userId', 'openId', 'phone'].filter((k) => by[k] !== undefined).length;
  if (n !== 1) throw invalid('invalid_request', 'give exactly one of userId, openId, phone');
}

export { getRequest };
