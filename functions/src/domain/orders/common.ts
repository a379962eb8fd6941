// What every step of an order's lifecycle shares: reads, the status error, the public form.
// The lifecycle: created -> paid -> shipped -> received (the after-sale window, docs/rules.md
// "After-sale") -> completed (pool event) when the window closes, or refunded before receipt
// (no pool effect; a WeChat-paid order passes through refund_requested while WeChat returns the
// money). Returns inside the window: after-sale.ts. Every transition is one transaction guarded
// by the status.
import type { OrderView } from '@greenpoints/shared';
import type { Order } from '../model';
import { conflict } from '../errors';
import type { Deps } from '../deps';

export const getOrder = (d: Pick<Deps, 'orders'>, orderId: string) => d.orders.get(orderId);

export const getParams = (d: Pick<Deps, 'config'>, fresh?: boolean) => d.config.params(fresh);

export const invalidStatus = (o: { status: string }, want: string) =>
  conflict('invalid_status', `the order is ${o.status}; this needs ${want}`);

/** The public form of an order. */
export function orderView(o: Order): OrderView {
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
    ...(o.payExpiresAt && o.status === 'created' ? { payExpiresAt: o.payExpiresAt } : {}),
    ...(o.cancelledAt ? { cancelledAt: o.cancelledAt } : {}),
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

/** Only goods exempt from returns without a reason: the order completes at receipt. */
export const allExempt = (o: Order) => o.items.every((l) => l.noReasonReturn === false);
