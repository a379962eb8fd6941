// A payment that reached an order cancelled unpaid (the pay sheet was still open): given back.
import { AdapterError } from '../../adapters/wechat/types';
import type { Order } from '../model';
import { Tx, StaleRead } from '../tx';
import { conflict } from '../errors';
import { log } from '../../log';
import type { Deps } from '../deps';
import { getOrder } from './common';
import { refundIdFor } from './refund';

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
export async function refundLatePayment(
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
    lp = await claimLatePayment(d, o, n, depth);
    if (!lp) return awaitLateClaim(d, o, n, depth); // another notice claimed it first
  }
  const claimed = lp;
  const raw =
    o.latePayment && JSON.parse(o.latePayment).refundStatus === 'requested' ? o.latePayment : JSON.stringify(claimed);
  const settled = await askRefund(d, orderId, claimed, raw);
  await recordLateRefund(d, o, claimed, settled, raw);
  return done;
}

/** The first notice's one claim on the order's late payment; undefined: another notice has it. */
async function claimLatePayment(
  d: Pick<Deps, 'orders' | 'tx'>,
  o: Order,
  n: { transactionId: string; amount: string; paidAt: string },
  depth: number,
): Promise<LatePayment | undefined> {
  const orderId = o.orderId;
  const claim: LatePayment = {
    ...n,
    refundId: refundIdFor(orderId),
    refundStatus: 'requested',
    at: new Date().toISOString(),
  };
  try {
    await new Tx(d.tx)
      .add(
        d.orders.update(orderId, { latePayment: JSON.stringify(claim) }, { status: o.status, absent: ['latePayment'] }),
        new StaleRead('order'),
      )
      .commit();
    return claim;
  } catch (e) {
    if (!(e instanceof StaleRead) || depth > 2) throw e;
    return undefined;
  }
}

/** WeChat's answer to the refund (or its refusal for good); an unknown outcome throws. */
async function askRefund(
  d: Pick<Deps, 'orders' | 'tx' | 'wechatPay'>,
  orderId: string,
  claimed: LatePayment,
  raw: string,
): Promise<LatePayment> {
  try {
    const r = await d.wechatPay().refund({
      orderId,
      refundId: claimed.refundId,
      amount: claimed.amount,
      total: claimed.amount,
      reason: LATE_REFUND_REASON,
    });
    return {
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
    log.error('late payment: WeChat refused the refund; staff must return it', {
      orderId,
      transactionId: claimed.transactionId,
      error: e.message,
    });
    return { ...claimed, refundStatus: 'refused', detail: JSON.stringify({ code: e.code, message: e.message }) };
  }
}

/** WeChat's answer on the order and a system audit entry, in one transaction (a later try may have won). */
async function recordLateRefund(
  d: Pick<Deps, 'audit' | 'orders' | 'tx'>,
  o: Order,
  claimed: LatePayment,
  settled: LatePayment,
  raw: string,
): Promise<void> {
  const orderId = o.orderId;
  const tx = new Tx(d.tx);
  tx.add(
    d.orders.update(orderId, { latePayment: JSON.stringify(settled) }, { status: o.status, latePayment: raw }),
    new StaleRead('order'),
  );
  tx.add(
    d.audit.record({
      at: new Date().toISOString(),
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
}
