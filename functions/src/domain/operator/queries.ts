// The operator's queries (docs/staff.md): orders, after-sale requests and withdrawals by status,
// one user by any of their ids, and one day's figures. Each is paged (a cursor over the index it
// reads) and each row is flat, so the same rows become a CSV export (staff/operator.ts).
import { dec, ZERO, truncate, type Dec } from '@greenpoints/shared';
import { invalid, notFound } from '../errors';
import { getRequest } from '../orders/after-sale';
import { readSettlement } from '../programme/settlement';
import { orderRow } from './console-queries';
import type { LedgerEvent, Outcome } from '@greenpoints/shared';
import type { Deps } from '../deps';

export type Row = Record<string, string | number>;
export interface Page {
  rows: Row[];
  cursor?: string;
}

export async function listOrdersByStatus(
  d: Pick<Deps, 'queries'>,
  status: string,
  limit: number,
  cursor?: string,
): Promise<Page> {
  const r = await d.queries.ordersByStatus(status, limit, cursor);
  const rows: Row[] = [];
  for (const o of r.items) {
    // The index is eventually consistent: an order that moved on since is left out of this page.
    if (o.status === status) rows.push({ ...orderRow(o) });
  }
  return { rows, cursor: r.cursor };
}

export async function listAfterSale(
  d: Pick<Deps, 'queries'>,
  status: string,
  limit: number,
  cursor?: string,
): Promise<Page> {
  const r = await d.queries.afterSales(status, limit, cursor);
  const rows = r.items.map((i) => ({
    requestId: i.requestId,
    orderId: i.orderId,
    userId: i.userId,
    status: i.status,
    kind: i.kind,
    items: i.items.map((l) => `${l.productId}×${l.qty}`).join('；'),
    amount: i.amount,
    reason: i.reason,
    note: i.note,
    carrier: i.carrier,
    trackingNo: i.trackingNo,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  }));
  return { rows, cursor: r.cursor };
}

export async function listWithdrawals(
  d: Pick<Deps, 'queries'>,
  status: string,
  limit: number,
  cursor?: string,
): Promise<Page> {
  const r = await d.queries.withdrawals(status, limit, cursor);
  const rows = r.items.map((w) => ({
    withdrawalId: w.withdrawalId,
    userId: w.userId,
    amount: w.amount,
    status: w.status,
    createdAt: w.createdAt,
    decidedAt: w.decidedAt ?? '',
    detail: w.detail ?? '',
  }));
  return { rows, cursor: r.cursor };
}

/** One user by userId, openId or phone (a legacy member's), with wallet and latest orders. */
export async function findUser(
  d: Pick<Deps, 'legacy' | 'queries' | 'users' | 'wallets'>,
  by: { userId?: string; openId?: string; phone?: string },
) {
  const users = d.users;
  let userId = by.userId;
  if (!userId && by.openId) userId = await users.idByOpenId(by.openId);
  if (!userId && by.phone) userId = await d.legacy.userIdByPhone(by.phone);
  const u = userId ? await users.get(userId) : undefined;
  if (!u) throw notFound('user');
  const [w, orders] = await Promise.all([d.wallets.get(u.userId), d.queries.latestOrders(u.userId, 10)]);
  return {
    user: {
      userId: u.userId,
      openId: u.openId,
      role: u.role,
      referrer: u.referrer ?? '',
      nickname: u.nickname,
      createdAt: u.createdAt,
    },
    wallet: w.wallet,
    orders: orders.map((o) => ({
      orderId: o.orderId,
      status: o.status,
      amount: o.amount,
      createdAt: o.createdAt,
    })),
  };
}

/** Most pool events one report reads (pages of 500): a busier day is reported as truncated. */
const MAX_REPORT_EVENTS = 20000;

/** The first pool log batch at or after `at` (binary search over the batches: log2 reads). */
async function firstBatchFrom(d: Pick<Deps, 'pool'>, at: string, last: number): Promise<number> {
  let lo = 1;
  let hi = last + 1;
  for (let i = 0; i < 64 && lo < hi; i++) {
    const mid = Math.floor((lo + hi) / 2);
    const b = await d.pool.getBatch(mid);
    if (b && b.at >= at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * One business day (China time): sales and contributions of the orders completed, points issued
 * and burned, payouts and the fees they left in the pool, commissions, the day's dividends (its
 * settlement), and the price at the day's open and close, all from the pool's own event log.
 */
export async function dailyReport(d: Pick<Deps, 'config' | 'pool' | 'settlement'>, date: string) {
  const from = new Date(`${date}T00:00:00+08:00`).toISOString();
  const to = new Date(new Date(from).getTime() + 86400_000).toISOString();
  const { params } = await d.config.params();
  const pool = d.pool;
  const head = await pool.head(params);
  const first = await firstBatchFrom(d, from, head.batch);
  const end = await firstBatchFrom(d, to, head.batch); // first batch of the next day
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
  let next = first;
  for (; next < end && read < MAX_REPORT_EVENTS; next += 20) {
    for (const b of await pool.getBatches(next, Math.min(20, end - next)))
      for (const e of b.entries) {
        if (!e.outcome) continue;
        addEvent(sum, e.event, e.outcome);
        open ??= e.outcome.priceBefore;
        close = e.outcome.priceAfter;
        read++;
      }
  }
  if (!open) {
    // No pool event that day: the price stood where the last earlier batch left it.
    const before = first > 1 ? await pool.getBatch(first - 1) : undefined;
    open = before ? before.poolAfter.lastPrice : head.pool.lastPrice;
    close = open;
  }
  const settled = await readSettlement(d, date);
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
    poolEvents: read,
    ...(read >= MAX_REPORT_EVENTS && next < end ? { truncated: true } : {}),
  };
}

const COMMISSIONS = new Set(['commission_l1', 'commission_l2', 'agent_commission']);

function addEvent(sum: { [k: string]: Dec | number }, ev: LedgerEvent, out: Outcome): void {
  const event = ev as { kind: string; amount?: string; points?: string };
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
  const n = ['userId', 'openId', 'phone', 'nickname'].filter((k) => by[k] !== undefined).length;
  if (n !== 1) throw invalid('invalid_request', 'give exactly one of userId, openId, phone, nickname');
}

export { getRequest };
