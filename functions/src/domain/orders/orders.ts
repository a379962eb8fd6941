// Order lifecycle: created -> paid -> shipped -> received (the after-sale window, docs/rules.md
// "After-sale") -> completed (pool event) when the window closes, or refunded before receipt (no
// pool effect; a WeChat-paid order passes through refund_requested while WeChat returns the
// money). Returns inside the window: domain/after-sale.ts. Every transition is one transaction
// guarded by the status.
import {
  dec,
  keptTotals,
  orderPoints,
  redemptionCost,
  ZERO,
  type LedgerEvent,
  type Outcome,
} from '@greenpoints/shared';
import { AdapterError, type AdapterErrorCode, type RefundResult } from '../../adapters/wechat/types';
import type { Order, OrderLine, PayWith } from '../model';
import type { PageCursor } from './ports';
import { Tx, StaleRead, retryStale } from '../tx';
import { addWalletEvent } from '../wallet/ledger';
import { claimOp, eventIdFor, type Idem } from '../idempotency';
import { addSubmission, awaitEvent, drain, waitMs } from '../wallet/applier';
import { DomainError, IdempotencyRace, conflict, invalid, notFound } from '../errors';
import type { Reply } from '../reply';
import { log } from '../../log';
import { replyFor } from '../wallet/submit';
import { withParties } from '../programme/referrals';
import { newId } from '../ids';
import { goodsOf, notify } from '../notify';
import type { Deps } from '../deps';

export interface NewOrder {
  items: Array<{ productId: string; qty: number }>;
  payWith: PayWith;
  address: Order['address'];
}

const getOrder = (d: Pick<Deps, 'orders'>, orderId: string) => d.orders.get(orderId);
const getParams = (d: Pick<Deps, 'config'>, fresh?: boolean) => d.config.params(fresh);

const invalidStatus = (o: { status: string }, want: string) =>
  conflict('invalid_status', `the order is ${o.status}; this needs ${want}`);

/** The public form of an order. */
export function orderView(o: Order) {
  return {
    orderId: o.orderId,
    status: o.status,
    items: o.items.map((l) => ({
      productId: l.productId,
      name: l.name,
      qty: l.qty,
      price: l.price,
      noReasonReturn: l.noReasonReturn !== false,
      ...(l.returnedQty ? { returnedQty: l.returnedQty } : {}),
    })),
    amount: o.amount,
    payWith: o.payWith,
    ...(o.pointsCost ? { pointsCost: o.pointsCost } : {}),
    address: o.address,
    createdAt: o.createdAt,
    ...(o.paidAt ? { paidAt: o.paidAt } : {}),
    ...(o.shippedAt ? { shippedAt: o.shippedAt } : {}),
    ...(o.carrier ? { carrier: o.carrier, trackingNo: o.trackingNo } : {}),
    ...(o.receivedAt ? { receivedAt: o.receivedAt } : {}),
    ...(o.completesAt ? { completesAt: o.completesAt } : {}),
    ...(o.openRequestId ? { openRequestId: o.openRequestId } : {}),
    ...(o.afterSale ? { afterSale: JSON.parse(o.afterSale) as string[] } : {}),
    ...(o.refundedAmount ? { refundedAmount: o.refundedAmount } : {}),
    ...(o.completedAt ? { completedAt: o.completedAt } : {}),
    ...(o.refundRequestedAt ? { refundRequestedAt: o.refundRequestedAt } : {}),
    ...(o.refundedAt ? { refundedAt: o.refundedAt } : {}),
    ...(o.pointsGranted !== undefined ? { pointsGranted: o.pointsGranted } : {}),
    ...(o.priceAfter !== undefined ? { priceAfter: o.priceAfter } : {}),
  };
}

export async function createOrder(
  d: Pick<
    Deps,
    'config' | 'idempotency' | 'ledger' | 'orders' | 'poolState' | 'products' | 'tx' | 'users' | 'wallets' | 'wechatPay'
  >,
  userId: string,
  idem: Idem,
  req: NewOrder,
): Promise<Reply> {
  // One line per product: a transaction may touch each stock item once.
  const qty = new Map<string, number>();
  for (const l of req.items) qty.set(l.productId, (qty.get(l.productId) ?? 0) + l.qty);
  for (const [pid, q] of qty) if (q > 999) throw invalid('invalid_request', `quantity of ${pid} above 999`);
  return retryStale(async () => {
    const products = await d.products.getMany([...qty.keys()]);
    const lines: OrderLine[] = [];
    let amount = ZERO;
    let contribution = ZERO;
    let dividend = ZERO;
    for (const [pid, q] of qty) {
      const p = products.get(pid);
      if (!p || !p.active) throw new DomainError('not_found', 'product_not_found', `product ${pid} not found`);
      lines.push({
        productId: pid,
        name: p.name,
        qty: q,
        price: p.price,
        poolContribution: p.poolContribution,
        dividendContribution: p.dividendContribution,
        noReasonReturn: p.noReasonReturn,
      });
      amount = amount.plus(dec(p.price).times(q));
      contribution = contribution.plus(dec(p.poolContribution).times(q));
      dividend = dividend.plus(dec(p.dividendContribution).times(q));
    }
    const now = new Date().toISOString();
    const order: Order = {
      orderId: newId('o'),
      userId,
      status: req.payWith === 'wechat' ? 'created' : 'paid',
      items: lines,
      amount: amount.toFixed(2),
      payWith: req.payWith,
      // Redemptions contribute nothing to the pool (docs/rules.md event 1).
      contribution: req.payWith === 'equity' ? '0.00' : contribution.toFixed(2),
      dividendContribution: req.payWith === 'equity' ? '0.00' : dividend.toFixed(2),
      address: req.address,
      createdAt: now,
      ...(req.payWith === 'wechat' ? {} : { paidAt: now }),
    };
    const tx = new Tx(d.tx);
    if (req.payWith !== 'wechat') {
      let event: LedgerEvent;
      if (req.payWith === 'equity') {
        // Points are held at the live price now, burned at completion, returned on refund.
        const { params } = await getParams(d);
        order.pointsCost = redemptionCost(await d.poolState.state(params), order.amount);
        event = { kind: 'hold', user: userId, points: order.pointsCost, orderId: order.orderId };
      } else {
        event = { kind: 'spend', user: userId, tender: req.payWith, amount: order.amount, orderId: order.orderId };
      }
      await addWalletEvent(d, tx, userId, `${order.orderId}:pay`, event, now, { orderId: order.orderId });
    }
    // WeChat orders carry the JSAPI parameters for wx.requestPayment (the sandbox's locally).
    // A prepay for an order whose transaction then fails just expires unpaid at WeChat.
    const payParams = req.payWith === 'wechat' ? await prepay(d, userId, order) : undefined;
    const body = {
      orderId: order.orderId,
      status: order.status,
      amount: order.amount,
      ...(order.pointsCost ? { pointsCost: order.pointsCost } : {}),
      ...(payParams ? { payParams } : {}),
    };
    tx.add(claimOp(d, idem, { status: 201, body }), new IdempotencyRace());
    tx.add(d.orders.create(order));
    for (const [pid, q] of qty) {
      tx.add(d.products.takeStock(pid, q), conflict('out_of_stock', `not enough stock of ${pid}`));
    }
    await tx.commit();
    return { status: 201, body };
  });
}

async function prepay(d: Pick<Deps, 'users' | 'wechatPay'>, userId: string, o: Order): Promise<Record<string, string>> {
  const user = await d.users.get(userId);
  const description = o.items.length === 1 ? o.items[0]!.name : `${o.items[0]!.name} 等 ${o.items.length} 件`;
  const r = await d.wechatPay().createJsapiPrepay({
    orderId: o.orderId,
    amount: o.amount,
    description: description.slice(0, 120),
    openId: user?.openId ?? '',
  });
  return r.payParams;
}

async function ownOrder(d: Pick<Deps, 'orders'>, userId: string, orderId: string): Promise<Order> {
  const o = await getOrder(d, orderId);
  // Another user's order is reported as missing: ids are not secrets, but existence is.
  if (!o || o.userId !== userId) throw notFound('order');
  return o;
}

export async function getOwnOrder(d: Pick<Deps, 'config' | 'orders' | 'poolState'>, userId: string, orderId: string) {
  return (await withEstimates(d, [await ownOrder(d, userId, orderId)]))[0];
}

export async function listOwnOrders(
  d: Pick<Deps, 'config' | 'orders' | 'poolState'>,
  userId: string,
  limit: number,
  cursor?: PageCursor,
) {
  const r = await d.orders.listByUser(userId, limit, cursor);
  return { orders: await withEstimates(d, r.orders), next: r.next };
}

/** Orders in their window carry the points they would earn at today's price (one pool read). */
async function withEstimates(d: Pick<Deps, 'config' | 'poolState'>, orders: Order[]) {
  const waiting = orders.some((o) => o.status === 'received' || o.status === 'after_sale');
  const estimate = waiting ? await estimator(d) : undefined;
  return orders.map((o) => ({
    ...orderView(o),
    ...(estimate && (o.status === 'received' || o.status === 'after_sale') ? { pointsEstimate: estimate(o) } : {}),
  }));
}

/** The points an order's kept items would grant now (docs/rules.md event 1; a redemption earns none). */
async function estimator(d: Pick<Deps, 'config' | 'poolState'>): Promise<(o: Order) => string> {
  const { params } = await getParams(d);
  const pool = await d.poolState.state(params, false);
  return (o) => (o.payWith === 'equity' ? '0' : orderPoints(pool, params, keptTotals(o.items).contribution));
}

/** Only goods exempt from returns without a reason: the order completes at receipt. */
export const allExempt = (o: Order) => o.items.every((l) => l.noReasonReturn === false);

/** Marks a created order paid (sandbox pay and the WeChat Pay notify). Idempotent. */
export async function markPaid(
  d: Pick<Deps, 'audit' | 'orders' | 'tx' | 'wechatPay'>,
  orderId: string,
  opts: { userId?: string; transactionId?: string; amount?: string; paidAt?: string },
) {
  const o = await getOrder(d, orderId);
  if (!o || (opts.userId && o.userId !== opts.userId)) throw notFound('order');
  // Paid at WeChat after it was cancelled unpaid (the pay sheet was open): give the money back.
  if (opts.transactionId && o.payWith === 'wechat' && o.status === 'refunded' && !o.paidAt) {
    return refundLatePayment(d, o, {
      transactionId: opts.transactionId,
      amount: opts.amount ?? o.amount,
      paidAt: opts.paidAt ?? new Date().toISOString(),
    });
  }
  if (opts.amount !== undefined && dec(opts.amount).cmp(o.amount) !== 0) {
    throw invalid('amount_mismatch', `paid ${opts.amount}, the order is ${o.amount}`);
  }
  if (o.status !== 'created') {
    if (o.status === 'paid' && o.payWith === 'wechat') return { orderId, status: o.status }; // a repeated notice
    // WeChat repeats a notify until it gets a 2xx, also after the order moved on.
    if (opts.transactionId && o.transactionId === opts.transactionId) return { orderId, status: o.status };
    throw invalidStatus(o, 'created');
  }
  const tx = new Tx(d.tx);
  tx.add(
    d.orders.update(
      orderId,
      {
        status: 'paid',
        paidAt: opts.paidAt ?? new Date().toISOString(),
        ...(opts.transactionId ? { transactionId: opts.transactionId } : {}),
      },
      { status: 'created' },
    ),
    new StaleRead('order'),
  );
  try {
    await tx.commit();
  } catch (e) {
    if (!(e instanceof StaleRead)) throw e;
    const again = await getOrder(d, orderId);
    if (again?.status === 'paid') return { orderId, status: again.status };
    throw invalidStatus(again ?? o, 'created');
  }
  return { orderId, status: 'paid' };
}

export async function shipOrder(
  d: Pick<Deps, 'orders' | 'tx' | 'users' | 'wechatSubscribe'>,
  orderId: string,
  shipment: { carrier: string; trackingNo: string },
) {
  const o = await getOrder(d, orderId);
  if (!o) throw notFound('order');
  if (o.status !== 'paid') throw invalidStatus(o, 'paid');
  const at = new Date().toISOString();
  const tx = new Tx(d.tx);
  tx.add(
    d.orders.update(
      orderId,
      { status: 'shipped', shippedAt: at, carrier: shipment.carrier, trackingNo: shipment.trackingNo },
      { status: 'paid' },
    ),
    invalidStatus(o, 'paid'),
  );
  // The auto-confirm schedule reads this queue by shipping time.
  tx.add(d.orders.shippedAdd(at, orderId));
  await tx.commit();
  await notify(d, o.userId, 'shipped', { goods: goodsOf(o.items), ...shipment, at }, `pages/order/index?id=${orderId}`);
  return { orderId, status: 'shipped', shippedAt: at, ...shipment };
}

/** The pool event of a completed order: the one place completion rules are chosen. */
export function completionEvent(o: Order): LedgerEvent {
  // Only the kept items count: returned ones contribute nothing (docs/rules.md event 1).
  if (o.payWith === 'equity') {
    const held = dec(o.pointsCost!)
      .minus(o.refundedPoints ?? '0')
      .toFixed();
    return { kind: 'redeem', user: o.userId, points: held, orderId: o.orderId };
  }
  // Nothing returned: the order's own totals, as fixed at creation.
  const kept = o.items.some((l) => l.returnedQty)
    ? keptTotals(o.items)
    : { amount: o.amount, contribution: o.contribution, dividendContribution: o.dividendContribution };
  // Referrers, agent: filled here by the full programme (docs/rules.md events 7 and commissions).
  return {
    kind: 'order_completed',
    orderId: o.orderId,
    buyer: o.userId,
    amount: kept.amount,
    contribution: kept.contribution,
    dividendContribution: kept.dividendContribution,
  };
}

/**
 * The completion event of an order: derived from the order, so buyer, staff and schedule cannot
 * complete it twice; after a rejected attempt, derived from that attempt, so it can be tried again.
 */
export const completionEventId = (orderId: string, rejectedEventId?: string) =>
  eventIdFor('order', orderId, rejectedEventId ? `complete:after:${rejectedEventId}` : 'complete');

export function completionView(orderId: string, o: Outcome) {
  return { orderId, status: 'completed', pointsGranted: o.pointsGranted ?? '0', priceAfter: o.priceAfter };
}

const addDays = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * 86400_000).toISOString();

/**
 * The one completion submission (buyer confirm of exempt goods, complete-due): `from` ->
 * completing plus the pending pool event, added to `tx`; the applier sets completed. From
 * shipped (exempt goods at receipt) the order leaves the auto-confirm queue and a rejected event
 * sends it back there; from received a rejected event leaves it received, and its DUE entry
 * (kept until complete-due sees the order completed) brings it back to the next run.
 */
export async function submitCompletion(
  d: Pick<Deps, 'agents' | 'config' | 'ledger' | 'orders' | 'pool' | 'users' | 'wallets'>,
  tx: Tx,
  o: Order,
  from: 'shipped' | 'received',
  extra: { receivedAt?: string } = {},
): Promise<string> {
  const eventId = completionEventId(o.orderId, o.rejectedEventId);
  tx.add(
    d.orders.update(o.orderId, { status: 'completing', eventId, ...extra }, { status: from }),
    invalidStatus(o, from),
  );
  if (from === 'shipped' && o.shippedAt) tx.add(d.orders.shippedRemove(o.shippedAt, o.orderId));
  const event = await withParties(d, completionEvent(o), o.address?.regionCode || o.address?.region); // referrers and agent (docs/rules.md event 7)
  const link =
    from === 'shipped'
      ? { orderId: o.orderId, revertTo: 'shipped', shippedAt: o.shippedAt }
      : { orderId: o.orderId, revertTo: 'received' };
  await addSubmission(d, tx, { eventId, userId: o.userId, event, order: link }, invalidStatus(o, from));
  return eventId;
}

/**
 * Receipt (buyer confirm, or autoConfirmDays after shipping): shipped -> received, the window
 * opens until receivedAt + afterSaleDays and the order joins the DUE queue at that time.
 */
async function receive(
  d: Pick<Deps, 'config' | 'idempotency' | 'orders' | 'poolState' | 'tx'>,
  o: Order,
  receivedAt: string,
  idem?: Idem,
) {
  const { params } = await getParams(d);
  const completesAt = addDays(receivedAt, params.afterSaleDays);
  const body = {
    orderId: o.orderId,
    status: 'received',
    receivedAt,
    completesAt,
    pointsEstimate: (await estimator(d))(o),
  };
  const tx = new Tx(d.tx);
  if (idem) tx.add(claimOp(d, idem, { status: 200, body }), new IdempotencyRace());
  tx.add(
    d.orders.update(o.orderId, { status: 'received', receivedAt, completesAt }, { status: 'shipped' }),
    invalidStatus(o, 'shipped'),
  );
  if (o.shippedAt) tx.add(d.orders.shippedRemove(o.shippedAt, o.orderId));
  tx.add(d.orders.duePut(completesAt, o.orderId));
  await tx.commit();
  return body;
}

/**
 * Buyer confirms receipt: the window opens ({status: received, completesAt, pointsEstimate});
 * an order of exempt goods only completes at once (the pool event, as before the window).
 */
export async function confirmOrder(
  d: Pick<
    Deps,
    | 'agents'
    | 'config'
    | 'events'
    | 'idempotency'
    | 'ledger'
    | 'orders'
    | 'pool'
    | 'poolState'
    | 'projection'
    | 'tx'
    | 'users'
    | 'wallets'
    | 'wechatSubscribe'
  >,
  userId: string,
  orderId: string,
  idem: Idem,
  resumeEventId?: string,
): Promise<Reply> {
  let eventId = resumeEventId;
  if (!eventId) {
    const o = await ownOrder(d, userId, orderId);
    if (o.status !== 'shipped') throw invalidStatus(o, 'shipped');
    const receivedAt = new Date().toISOString();
    if (!allExempt(o)) return { status: 200, body: await receive(d, o, receivedAt, idem) };
    const tx = new Tx(d.tx);
    eventId = await submitCompletion(d, tx, o, 'shipped', { receivedAt });
    tx.add(claimOp(d, idem, undefined, eventId), new IdempotencyRace());
    await tx.commit();
  }
  const reply = replyFor(await awaitEvent(d, eventId), eventId, (out) => completionView(orderId, out));
  if (!resumeEventId && reply.status === 200) await notifyPoints(d, orderId, reply.body as { pointsGranted: string });
  return reply;
}

async function notifyPoints(
  d: Pick<Deps, 'orders' | 'users' | 'wechatSubscribe'>,
  orderId: string,
  done: { pointsGranted: string },
): Promise<void> {
  const o = await getOrder(d, orderId);
  if (!o) return;
  await notify(
    d,
    o.userId,
    'points',
    { goods: goodsOf(o.items), points: done.pointsGranted, at: o.completedAt ?? '' },
    'pages/wallet/index',
  );
}

const ENDED = new Set(['completed', 'returned', 'refunded', 'cancelled']);

export interface DueRun {
  /** the clock: real time, or (local stage) a stand-in */
  now: string;
  max: number;
  /** only these orders (each still only if due) */
  orderIds?: string[];
}

type DueResult = { orderId: string; status: string; eventId?: string; pointsGranted?: string; error?: unknown };

/**
 * The schedule (complete-due): receipt of orders shipped autoConfirmDays ago, then every order
 * whose window closed with no open request is submitted, then ONE drain applies them all.
 */
export async function completeDue(
  d: Pick<
    Deps,
    | 'agents'
    | 'config'
    | 'events'
    | 'idempotency'
    | 'ledger'
    | 'orders'
    | 'pool'
    | 'poolState'
    | 'projection'
    | 'tx'
    | 'users'
    | 'wallets'
    | 'wechatSubscribe'
  >,
  run: DueRun,
): Promise<{ now: string; received: string[]; completed: DueResult[] }> {
  const { params } = await getParams(d, true);
  const nowMs = new Date(run.now).getTime();
  const received: string[] = [];
  const submitted: Array<{ orderId: string; eventId: string }> = [];
  const skipped: DueResult[] = [];
  const candidates = run.orderIds ?? (await dueCandidates(d, run.now, params.autoConfirmDays, run.max));
  for (const orderId of [...new Set(candidates)]) {
    try {
      let o = await getOrder(d, orderId);
      if (!o) throw notFound('order');
      if (o.status === 'shipped' && o.shippedAt) {
        const at = addDays(o.shippedAt, params.autoConfirmDays);
        if (new Date(at).getTime() > nowMs) throw conflict('not_due', `receipt is confirmed by itself at ${at}`);
        if (allExempt(o)) {
          submitted.push({ orderId: o.orderId, eventId: await commitSubmission(d, o, 'shipped', { receivedAt: at }) });
          continue;
        }
        await receive(d, o, at);
        received.push(o.orderId);
        o = (await getOrder(d, o.orderId))!;
        if (new Date(o.completesAt!).getTime() > nowMs) continue; // its window has just opened
      }
      if (o.status === 'received') {
        if (new Date(o.completesAt!).getTime() > nowMs)
          throw conflict('not_due', `the after-sale window closes at ${o.completesAt}`);
        submitted.push({ orderId: o.orderId, eventId: await commitSubmission(d, o, 'received') });
        continue;
      }
      if (ENDED.has(o.status) && o.completesAt) {
        // Completed, returned or refunded since: its DUE entry has done its work.
        await new Tx(d.tx).add(d.orders.dueRemove(o.completesAt, o.orderId)).commit();
      }
      if (run.orderIds) throw invalidStatus(o, 'received');
    } catch (e) {
      // One order's refusal (a request won the race, not due) never stops the others.
      const err =
        e instanceof DomainError
          ? { code: e.code, message: e.message }
          : { code: 'internal', message: (e as Error).message };
      if (!(e instanceof DomainError)) log.error('complete-due failed on an order', { orderId, error: e as Error });
      skipped.push({ orderId, status: 'skipped', error: err });
    }
  }
  if (submitted.length) await drain(d);
  const completed: DueResult[] = [];
  // Another caller may hold the drain (drain() then returns at once): wait for its batches,
  // within one bounded wait for the whole run, before reporting what completed.
  const deadline = Date.now() + waitMs();
  for (const s of submitted) {
    let rec = await d.events.get(s.eventId);
    if (rec?.status === 'pending') rec = await awaitEvent(d, s.eventId, Math.max(0, deadline - Date.now()));
    if (rec?.status === 'applied') {
      const out = completionView(s.orderId, rec.outcome as Outcome);
      completed.push(out);
      await notifyPoints(d, s.orderId, out);
    } else if (rec?.status === 'rejected') completed.push({ orderId: s.orderId, status: 'received', error: rec.error });
    else completed.push({ orderId: s.orderId, status: 'completing', eventId: s.eventId });
  }
  return { now: run.now, received, completed: [...completed, ...skipped] };
}

/**
 * Submits one order's completion now if the rules allow it (the bench, tools): exempt goods
 * shipped, or a received order whose window has closed.
 */
export async function startCompletion(
  d: Pick<Deps, 'agents' | 'config' | 'ledger' | 'orders' | 'pool' | 'tx' | 'users' | 'wallets'>,
  orderId: string,
): Promise<{ eventId: string }> {
  const o = await getOrder(d, orderId);
  if (!o) throw notFound('order');
  const now = new Date().toISOString();
  if (o.status === 'shipped' && allExempt(o))
    return { eventId: await commitSubmission(d, o, 'shipped', { receivedAt: now }) };
  if (o.status === 'received' && o.completesAt! <= now) return { eventId: await commitSubmission(d, o, 'received') };
  throw invalidStatus(o, 'shipped (exempt goods) or received with its window closed');
}

async function commitSubmission(
  d: Pick<Deps, 'agents' | 'config' | 'ledger' | 'orders' | 'pool' | 'tx' | 'users' | 'wallets'>,
  o: Order,
  from: 'shipped' | 'received',
  extra?: { receivedAt?: string },
) {
  const tx = new Tx(d.tx);
  const eventId = await submitCompletion(d, tx, o, from, extra);
  await tx.commit();
  return eventId;
}

/** Shipped orders past autoConfirmDays, then received orders past their window (bounded each). */
async function dueCandidates(d: Pick<Deps, 'orders'>, now: string, autoConfirmDays: number, max: number) {
  const cutoff = new Date(new Date(now).getTime() - autoConfirmDays * 86400_000).toISOString();
  const shipped = await d.orders.shippedBefore(cutoff, max);
  const due = await d.orders.dueBefore(now, max);
  return [...shipped, ...due];
}

/** WeChat's out_refund_no of an order: one number per order, so no retry can refund twice. */
export const refundIdFor = (orderId: string) => `R${orderId}`;

const refundedBody = (orderId: string) => ({ orderId, status: 'refunded' });

/**
 * Refund before completion. Constant, store credit and equity tenders come back through the
 * engine in one transaction with the order and its stock. A WeChat-paid order is locked first
 * (refund_requested: confirm, ship and auto-confirm refuse it), then WeChat is asked for the
 * money back, then the order becomes refunded with its stock; see refundWeChat.
 * `resumed`: the caller's Idempotency-Key was already claimed by an earlier try of this refund.
 */
export async function refundOrder(
  d: Pick<Deps, 'config' | 'idempotency' | 'ledger' | 'orders' | 'products' | 'tx' | 'wallets' | 'wechatPay'>,
  userId: string | undefined,
  orderId: string,
  idem?: Idem,
  resumed = false,
): Promise<Reply> {
  return retryStale(async () => {
    const o = await getOrder(d, orderId);
    if (!o || (userId && o.userId !== userId)) throw notFound('order');
    // This key's refund was settled by another try meanwhile (the staff, a new key): its answer.
    if (resumed && o.status === 'refunded') return { status: 200, body: refundedBody(orderId), final: true };
    if (o.payWith === 'wechat' && o.status !== 'created') return refundWeChat(d, o, resumed ? undefined : idem);
    if (o.payWith === 'wechat' && o.status === 'created') {
      // Cancel unpaid: close it at WeChat first, so the open pay sheet can no longer take money.
      // An unreachable WeChat throws here (502 upstream_unavailable) before anything is written.
      const closed = await d.wechatPay().closeOrder(orderId);
      if (closed.status === 'paid') {
        const now = await getOrder(d, orderId);
        // The notify already marked it paid: the ordinary refund of a paid order.
        if (now && now.status !== 'created' && now.status !== 'refunded')
          return refundWeChat(d, now, resumed ? undefined : idem);
        throw conflict('order_paid', '微信支付已收到这笔付款，订单不能取消；付款确认后（通常几秒内）可申请退款');
      }
    }
    if (!['created', 'paid', 'shipped'].includes(o.status)) throw invalidStatus(o, 'created, paid or shipped');
    const at = new Date().toISOString();
    const tx = new Tx(d.tx);
    const body = refundedBody(orderId);
    if (idem) tx.add(claimOp(d, idem, { status: 200, body }), new IdempotencyRace());
    tx.add(
      d.orders.update(orderId, { status: 'refunded', refundedAt: at }, { status: o.status }),
      invalidStatus(o, o.status),
    );
    if (o.status === 'shipped' && o.shippedAt) tx.add(d.orders.shippedRemove(o.shippedAt, orderId));
    addStockBack(d, tx, o);
    if (o.status !== 'created' && o.payWith !== 'wechat') {
      const event: LedgerEvent =
        o.payWith === 'equity'
          ? { kind: 'unhold', user: o.userId, points: o.pointsCost!, orderId }
          : { kind: 'refund_spend', user: o.userId, tender: o.payWith, amount: o.amount, orderId };
      await addWalletEvent(d, tx, o.userId, `${orderId}:refund`, event, at, { orderId });
    }
    await tx.commit();
    return { status: 200, body };
  });
}

function addStockBack(d: Pick<Deps, 'products'>, tx: Tx, o: Order): void {
  for (const l of o.items) tx.add(d.products.giveBackStock(l.productId, l.qty));
}

// Adapter failures after which WeChat certainly moved no money: the order is refundable again.
// Any other failure (network, 5xx, 429, an unverifiable answer) leaves it refund_requested:
// asking again with the same out_refund_no settles it either way.
const NOTHING_MOVED = new Set<AdapterErrorCode>([
  'refund_refused',
  'invalid_amount',
  'invalid_request',
  'config_missing',
]);

/**
 * paid/shipped -> refund_requested (with the Idempotency-Key, pending) -> ask WeChat ->
 *   SUCCESS: refunded, stock back; PROCESSING: stays refund_requested (202; asking again settles it);
 *   refused: back to paid/shipped (shipped: back in the auto-confirm queue), answer stored.
 * A refund_requested order (a retry, the staff function) only asks WeChat again.
 */
async function refundWeChat(
  d: Pick<Deps, 'idempotency' | 'orders' | 'products' | 'tx' | 'wechatPay'>,
  o: Order,
  idem?: Idem,
): Promise<Reply> {
  const orderId = o.orderId;
  const refundId = o.refundId ?? refundIdFor(orderId);
  if (o.status === 'refund_requested') {
    // Another key (or the staff) resumes: claim this key too, so its replay gets this answer.
    if (idem) await new Tx(d.tx).add(claimOp(d, idem, undefined, refundId), new IdempotencyRace()).commit();
  } else {
    if (o.status !== 'paid' && o.status !== 'shipped') throw invalidStatus(o, 'paid or shipped');
    const tx = new Tx(d.tx);
    if (idem) tx.add(claimOp(d, idem, undefined, refundId), new IdempotencyRace());
    tx.add(
      d.orders.update(
        orderId,
        { status: 'refund_requested', refundId, refundFrom: o.status, refundRequestedAt: new Date().toISOString() },
        { status: o.status },
      ),
      invalidStatus(o, o.status),
    );
    if (o.status === 'shipped' && o.shippedAt) tx.add(d.orders.shippedRemove(o.shippedAt, orderId));
    await tx.commit();
    o = { ...o, status: 'refund_requested', refundId, refundFrom: o.status };
  }
  let r: RefundResult;
  try {
    r = await d.wechatPay().refund({ orderId, refundId, amount: o.amount, total: o.amount, reason: '订单退款' });
  } catch (e) {
    if (!(e instanceof AdapterError)) throw e; // a bug: the order stays refund_requested, visibly
    // Nothing moved: the order is refundable again and this answer is final for the key.
    // Otherwise the outcome is unknown: the key stays open, asking again settles it.
    const final = NOTHING_MOVED.has(e.code);
    if (final) await reopenOrder(d, o, JSON.stringify({ code: e.code, message: e.message }));
    throw new DomainError(e.kind, e.code, e.message, { final });
  }
  const detail = JSON.stringify({
    status: r.status,
    wechatRefundId: r.wechatRefundId,
    ...(r.successTime ? { successTime: r.successTime } : {}),
  });
  if (r.status === 'PROCESSING') {
    return { status: 202, body: { orderId, status: 'refund_requested', refundId }, final: false };
  }
  const tx = new Tx(d.tx);
  tx.add(
    d.orders.update(
      orderId,
      { status: 'refunded', refundedAt: r.successTime ?? new Date().toISOString(), refundDetail: detail },
      { status: 'refund_requested' },
    ),
    new StaleRead('order'),
  );
  addStockBack(d, tx, o);
  await commitOrAccept(d, tx, orderId, 'refunded');
  return { status: 200, body: refundedBody(orderId), final: true };
}

/** WeChat refused: the order goes back to where it was, refundable again. */
async function reopenOrder(d: Pick<Deps, 'orders' | 'tx'>, o: Order, detail: string): Promise<void> {
  const back = o.refundFrom === 'shipped' ? 'shipped' : 'paid';
  const tx = new Tx(d.tx);
  tx.add(
    d.orders.update(o.orderId, { status: back, refundDetail: detail }, { status: 'refund_requested' }),
    new StaleRead('order'),
  );
  if (back === 'shipped' && o.shippedAt) tx.add(d.orders.shippedPut(o.shippedAt, o.orderId));
  await commitOrAccept(d, tx, o.orderId, back);
}

/** Two tries of one refund at once: the loser finds the order where the winner put it. */
async function commitOrAccept(d: Pick<Deps, 'orders'>, tx: Tx, orderId: string, want: string): Promise<void> {
  try {
    await tx.commit();
  } catch (e) {
    if (!(e instanceof StaleRead)) throw e;
    const now = await getOrder(d, orderId);
    if (now?.status !== want)
      throw conflict('invalid_status', `the order is ${now?.status ?? 'gone'}; its refund was settled otherwise`);
  }
}

/** A payment that reached a cancelled order, as recorded on the order (`latePayment`, JSON). */
export interface LatePayment {
  transactionId: string;
  /** yuan, what WeChat says was paid: the amount refunded */
  amount: string;
  paidAt: string;
  /** out_refund_no: R<orderId>, the order's one refund number (a cancelled order had no other refund) */
  refundId: string;
  /** requested: claimed, WeChat being asked; SUCCESS / PROCESSING: WeChat has the refund; refused: no money moved, staff must act */
  refundStatus: 'requested' | 'SUCCESS' | 'PROCESSING' | 'refused';
  wechatRefundId?: string;
  successTime?: string;
  detail?: string;
  /** set when the claimant's WeChat call ended with an unknown outcome: a repeat may ask again */
  attemptEndedAt?: string;
  at: string;
}

export const LATE_REFUND_REASON = '订单已取消，退回付款';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A repeated notice waits up to 40 × 250 ms (inside the function's 15 s) for the claimant's answer. */
const LATE_WAIT_ROUNDS = 40;
/** A claim older than this has lost its claimant (a crash): the next notice asks WeChat again. */
const LATE_CLAIM_STALE_MS = 30_000;

/** A claim whose claimant may still be asking WeChat: neither ended nor stale. */
function lateClaimIsLive(lp: LatePayment): boolean {
  return !lp.attemptEndedAt && Date.now() - Date.parse(lp.at) <= LATE_CLAIM_STALE_MS;
}

/**
 * A repeated notice waits (bounded) for the claimant's answer rather than asking WeChat again.
 * A claim still live after the wait belongs to a claimant that is only slow: throwing makes
 * WeChat repeat the notice later. An ended or stale claim is asked again by this notice.
 */
async function awaitLateClaim(
  d: Pick<Deps, 'audit' | 'orders' | 'tx' | 'wechatPay'>,
  o: Order,
  n: { transactionId: string; amount: string; paidAt: string },
  depth: number,
): Promise<{ orderId: string; status: string }> {
  for (let i = 0; i < LATE_WAIT_ROUNDS; i++) {
    await sleep(250);
    const again = await getOrder(d, o.orderId);
    const got = again?.latePayment ? (JSON.parse(again.latePayment) as LatePayment) : undefined;
    if (!again || !got || !lateClaimIsLive(got) || got.refundStatus !== 'requested')
      return refundLatePayment(d, again ?? o, n, depth + 1);
  }
  throw new Error(`late payment of ${o.orderId}: another notice's refund is still in progress`);
}

/**
 * A verified payment notice for an order cancelled unpaid. The first notice claims the order's
 * latePayment (one claim, conditional); the claimant asks WeChat for a refund with R<orderId>
 * and records the answer with a system audit entry in one transaction. Repeats of the notice
 * wait for that answer; a claim left unsettled (a crash, an outage) is asked again with the
 * same out_refund_no, which WeChat refunds once. Resolves (2xx to WeChat) only once WeChat has
 * the refund, or refused it for good; an unknown outcome throws so WeChat repeats the notice.
 */
async function refundLatePayment(
  d: Pick<Deps, 'audit' | 'orders' | 'tx' | 'wechatPay'>,
  o: Order,
  n: { transactionId: string; amount: string; paidAt: string },
  depth = 0,
): Promise<{ orderId: string; status: string }> {
  const orderId = o.orderId;
  const done = { orderId, status: o.status };
  let lp = o.latePayment ? (JSON.parse(o.latePayment) as LatePayment) : undefined;
  // WeChat takes one payment per out_trade_no; a second transaction id is not ours to guess about.
  if (lp && lp.transactionId !== n.transactionId)
    throw conflict('invalid_status', `order ${orderId} already has late payment ${lp.transactionId}`);
  if (lp && lp.refundStatus !== 'requested') return done; // settled: a repeated notice
  if (lp && lateClaimIsLive(lp)) return awaitLateClaim(d, o, n, depth); // another notice is asking WeChat now
  if (!lp) {
    const claim: LatePayment = {
      ...n,
      refundId: refundIdFor(orderId),
      refundStatus: 'requested',
      at: new Date().toISOString(),
    };
    try {
      await new Tx(d.tx)
        .add(
          d.orders.update(
            orderId,
            { latePayment: JSON.stringify(claim) },
            { status: 'refunded', absent: ['latePayment'] },
          ),
          new StaleRead('order'),
        )
        .commit();
      lp = claim;
    } catch (e) {
      if (!(e instanceof StaleRead) || depth > 2) throw e;
      return awaitLateClaim(d, o, n, depth); // another notice claimed it first
    }
  }
  const claimed = lp!;
  const raw =
    o.latePayment && JSON.parse(o.latePayment).refundStatus === 'requested' ? o.latePayment : JSON.stringify(claimed);
  let settled: LatePayment;
  try {
    const r = await d.wechatPay().refund({
      orderId,
      refundId: claimed.refundId,
      amount: claimed.amount,
      total: claimed.amount,
      reason: LATE_REFUND_REASON,
    });
    settled = {
      ...claimed,
      refundStatus: r.status,
      wechatRefundId: r.wechatRefundId,
      ...(r.successTime ? { successTime: r.successTime } : {}),
    };
  } catch (e) {
    // Unknown outcome (network, 5xx, 429, config): no 2xx, WeChat repeats the notice and we ask again.
    if (!(e instanceof AdapterError) || !['refund_refused', 'invalid_amount', 'invalid_request'].includes(e.code)) {
      // Tell repeats this attempt is over, so the next notice asks again at once (best effort:
      // without the mark, the claim goes stale after LATE_CLAIM_STALE_MS all the same).
      const ended = JSON.stringify({ ...claimed, attemptEndedAt: new Date().toISOString() });
      await new Tx(d.tx)
        .add(d.orders.update(orderId, { latePayment: ended }, { latePayment: raw }))
        .commit()
        .catch(() => undefined);
      throw e;
    }
    settled = { ...claimed, refundStatus: 'refused', detail: JSON.stringify({ code: e.code, message: e.message }) };
    log.error('late payment: WeChat refused the refund; staff must return it', {
      orderId,
      transactionId: claimed.transactionId,
      error: e.message,
    });
  }
  const at = new Date().toISOString();
  const tx = new Tx(d.tx);
  tx.add(
    d.orders.update(orderId, { latePayment: JSON.stringify(settled) }, { status: 'refunded', latePayment: raw }),
    new StaleRead('order'),
  );
  tx.add(
    d.audit.record({
      at,
      actor: 'system',
      fn: 'late-payment-refund',
      input: JSON.stringify({
        orderId,
        transactionId: claimed.transactionId,
        amount: claimed.amount,
        refundId: claimed.refundId,
      }),
      ok: settled.refundStatus !== 'refused',
      result: JSON.stringify(settled),
      ...(settled.refundStatus === 'refused' ? { error: 'refund_refused' } : {}),
    }),
  );
  try {
    await tx.commit();
  } catch (e) {
    if (!(e instanceof StaleRead)) throw e;
    // Another try recorded WeChat's answer to the same refund number first.
    const again = await getOrder(d, orderId);
    const got = again?.latePayment ? (JSON.parse(again.latePayment) as LatePayment) : undefined;
    if (!got || got.refundStatus === 'requested') throw e;
  }
  return done;
}
