// Payment: the sandbox and WeChat's notice mark an order paid, and shipping moves it on.
import { dec } from '@greenpoints/shared';
import { Tx, StaleRead } from '../tx';
import { conflict, invalid, notFound } from '../errors';
import { goodsOf, notify } from '../notify';
import type { Deps } from '../deps';
import { getOrder, invalidStatus } from './common';
import { refundLatePayment } from './late-payment';

/** Marks a created order paid (sandbox pay and the WeChat Pay notify). Idempotent. */
export async function markPaid(
  d: Pick<Deps, 'audit' | 'orders' | 'tx' | 'wechatPay'>,
  orderId: string,
  opts: { userId?: string; transactionId?: string; amount?: string; paidAt?: string },
) {
  const o = await getOrder(d, orderId);
  if (!o || (opts.userId && o.userId !== opts.userId)) throw notFound('order');
  // Paid at WeChat after it was cancelled unpaid (the pay sheet was open): give the money back.
  if (
    opts.transactionId &&
    o.payWith === 'wechat' &&
    (o.status === 'refunded' || o.status === 'cancelled') &&
    !o.paidAt
  ) {
    return refundLatePayment(d, o, {
      transactionId: opts.transactionId,
      amount: opts.amount ?? o.amount,
      paidAt: opts.paidAt ?? new Date().toISOString(),
    });
  }
  if (opts.amount !== undefined && dec(opts.amount).cmp(o.amount) !== 0) {
    throw invalid('amount_mismatch', `paid ${opts.amount}, the order is ${o.amount}`);
  }
  if (o.status === 'cancelled' && !opts.transactionId)
    throw conflict('order_cancelled', '订单超时未支付，已取消；请重新下单');
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
