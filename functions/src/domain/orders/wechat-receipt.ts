// A receipt confirmed in WeChat's order view (wx.openBusinessView weappOrderConfirm, or WeChat's
// automatic confirmation) goes through the buyer's own confirm (orders/completion.ts confirmOrder),
// under an idempotency key of its own, so repeats and a confirm from our page count once.
import type { ReceiptEvent } from '../../adapters/wechat/types';
import { confirmOrder, type DueDeps } from './completion';
import { DomainError, IdempotencyRace } from '../errors';
import { log } from '../../log';

export async function onWeChatReceipt(deps: DueDeps, e: ReceiptEvent) {
  const o = await deps.orders.get(e.orderId);
  if (!o || o.payWith !== 'wechat') {
    log.warn('WeChat receipt for an order we do not know', { orderId: e.orderId });
    return { orderId: e.orderId, status: 'unknown' };
  }
  if (o.status !== 'shipped') return { orderId: o.orderId, status: o.status }; // confirmed already (or not shipped)
  try {
    const r = await confirmOrder(deps, o.userId, o.orderId, {
      userId: o.userId,
      key: `wxreceipt-${o.orderId}`,
      hash: 'wechat-receipt',
    });
    return { orderId: o.orderId, status: (r.body as { status?: string }).status ?? 'received' };
  } catch (err) {
    // Another push or our own confirm got there first: the order moved, as wanted.
    if (err instanceof IdempotencyRace || (err instanceof DomainError && err.code === 'invalid_status')) {
      const now = await deps.orders.get(o.orderId);
      return { orderId: o.orderId, status: now?.status ?? o.status };
    }
    throw err;
  }
}
