// Refunds before receipt: stock and points back, WeChat's money through refund_requested.
import type { LedgerEvent } from '@greenpoints/shared';
import { AdapterError, type AdapterErrorCode, type RefundResult } from '../../adapters/wechat/types';
import type { Order } from '../model';
import { Tx, StaleRead, retryStale } from '../tx';
import { addWalletEvent } from '../wallet/ledger';
import { claimOp, type Idem } from '../idempotency';
import { DomainError, IdempotencyRace, conflict, notFound } from '../errors';
import type { Reply } from '../reply';
import type { Deps } from '../deps';
import { getOrder, invalidStatus } from './common';

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
