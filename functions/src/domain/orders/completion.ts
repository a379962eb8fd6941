// Receipt and completion: confirm, the schedule (complete-due) and the pool event of a
// completed order.
import { dec, keptTotals, type LedgerEvent, type Outcome } from '@greenpoints/shared';
import type { Order } from '../model';
import { Tx } from '../tx';
import { claimOp, eventIdFor, type Idem } from '../idempotency';
import { addSubmission, awaitEvent, drain, waitMs } from '../wallet/applier';
import { DomainError, IdempotencyRace, conflict, notFound } from '../errors';
import type { Reply } from '../reply';
import { log } from '../../log';
import { replyFor } from '../wallet/submit';
import { withParties } from '../programme/referrals';
import { goodsOf, notify } from '../notify';
import type { Deps } from '../deps';
import { getOrder, getParams, invalidStatus, allExempt } from './common';
import { ownOrder, estimator } from './read';

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

/** What completing an order reaches: the order, the pool event's path, the referrers' rewards, the notice. */
export type DueDeps = Pick<
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
>;

/**
 * Buyer confirms receipt: the window opens ({status: received, completesAt, pointsEstimate});
 * an order of exempt goods only completes at once (the pool event, as before the window).
 */
export async function confirmOrder(
  d: DueDeps,
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
  d: DueDeps,
  run: DueRun,
): Promise<{ now: string; received: string[]; completed: DueResult[] }> {
  const { params } = await getParams(d, true);
  const received: string[] = [];
  const submitted: Array<{ orderId: string; eventId: string }> = [];
  const skipped: DueResult[] = [];
  const candidates = run.orderIds ?? (await dueCandidates(d, run.now, params.autoConfirmDays, run.max));
  for (const orderId of [...new Set(candidates)]) {
    try {
      const eventId = await dueOne(d, orderId, run, params.autoConfirmDays, received);
      if (eventId) submitted.push({ orderId, eventId });
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
  return { now: run.now, received, completed: [...(await dueOutcomes(d, submitted)), ...skipped] };
}

/** One due order: receipt if shipped long enough ago, its completion submitted if its window closed. */
async function dueOne(
  d: DueDeps,
  orderId: string,
  run: DueRun,
  autoConfirmDays: number,
  received: string[],
): Promise<string | undefined> {
  const nowMs = new Date(run.now).getTime();
  let o = await getOrder(d, orderId);
  if (!o) throw notFound('order');
  if (o.status === 'shipped' && o.shippedAt) {
    const at = addDays(o.shippedAt, autoConfirmDays);
    if (new Date(at).getTime() > nowMs) throw conflict('not_due', `receipt is confirmed by itself at ${at}`);
    if (allExempt(o)) return commitSubmission(d, o, 'shipped', { receivedAt: at });
    await receive(d, o, at);
    received.push(o.orderId);
    o = (await getOrder(d, o.orderId))!;
    if (new Date(o.completesAt!).getTime() > nowMs) return undefined; // its window has just opened
  }
  if (o.status === 'received') {
    if (new Date(o.completesAt!).getTime() > nowMs)
      throw conflict('not_due', `the after-sale window closes at ${o.completesAt}`);
    return commitSubmission(d, o, 'received');
  }
  if (ENDED.has(o.status) && o.completesAt) {
    // Completed, returned or refunded since: its DUE entry has done its work.
    await new Tx(d.tx).add(d.orders.dueRemove(o.completesAt, o.orderId)).commit();
  }
  if (run.orderIds) throw invalidStatus(o, 'received');
  return undefined;
}

/** What the submitted completions came to (points noticed to their shoppers). */
async function dueOutcomes(d: DueDeps, submitted: Array<{ orderId: string; eventId: string }>) {
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
  return completed;
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
