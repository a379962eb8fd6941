import { View } from '@tarojs/components';
import { api, ApiError, type Order } from '../../api';
import { useAction, type Action } from '../../lib/hooks';
import { payOrder } from '../../lib/pay';
import { askConsent } from '../../lib/subscribe';
import { confirmInWeChat } from '../../lib/confirm-receipt';
import { canCancel, canConfirm, canRefund, fmtYuan, isUnpaid } from '../../lib/format';
import { ErrorLine } from '../../components/StateView';
import { ActionButton } from '../../components/ActionButton';

interface OrderButton {
  cls: string;
  label: string;
  action: Action<string, Partial<Order>>;
  /** What the shopper reads once it worked. */
  done: string;
}

/**
 * Receipt: WeChat's own confirm view where it exists (a WeChat-paid order in the mini-program),
 * then our confirm route, the one path that opens the after-sale window; elsewhere our route only.
 */
async function confirmReceipt(order: Order, key: string): Promise<Partial<Order> | undefined> {
  await askConsent('points'); // the points come at the window's end: a message then
  const view = await confirmInWeChat(order);
  if (view === 'cancel') return undefined;
  if (view === 'fail') throw new ApiError(0, 'wechat_confirm_failed', 'weappOrderConfirm failed');
  try {
    return await api.confirmOrder(order.orderId, key);
  } catch (e) {
    // WeChat's own message (trade_manage_order_settlement) may have confirmed it on the server
    // first: the order moved on, which is what the shopper asked for.
    if (view === 'success' && e instanceof ApiError && e.code === 'invalid_status') return api.order(order.orderId);
    throw e;
  }
}

/** The actions this status allows, in the order they are offered, and what each one says. */
export function OrderActions({ order, onDone }: { order: Order; onDone: (r: Partial<Order>, msg: string) => void }) {
  const pay = useAction(async (orderId: string, key: string) => {
    await askConsent('shipped');
    return payOrder(orderId, key);
  });
  const confirm = useAction((_: string, key: string) => confirmReceipt(order, key));
  const refund = useAction((orderId: string, key: string) => api.refundOrder(orderId, key));
  const busy = pay.running || confirm.running || refund.running;
  const s = order.status;
  const buttons = [
    isUnpaid(s) && {
      cls: 'btn-primary pay-order',
      label: `${order.payWith === 'wechat' || !order.payWith ? '微信支付' : '确认支付'} ${fmtYuan(order.amount)}`,
      action: pay,
      done: '支付成功',
    },
    canConfirm(s) && { cls: 'btn-primary confirm-order', label: '确认收货', action: confirm, done: '已确认收货' },
    canRefund(s) && { cls: 'btn-danger refund-order', label: '申请退款', action: refund, done: '已退款' },
    // A WeChat refund still in progress: asking again only re-checks it (the same refund number).
    s === 'refund_requested' && {
      cls: 'btn-plain refund-check',
      label: '查询退款进度',
      action: refund,
      done: '已退款',
    },
    canCancel(s) && { cls: 'btn-plain cancel-order', label: '取消订单', action: refund, done: '订单已取消' },
  ].filter((b): b is OrderButton => !!b);
  return (
    <View className="order-actions">
      <ErrorLine text={pay.error || confirm.error || refund.error} />
      {buttons.map((b) => (
        <ActionButton
          key={b.cls}
          cls={b.cls}
          busy={b.action.running}
          disabled={busy}
          onClick={async () => {
            const r = await b.action.run(order.orderId);
            if (r) onDone(r, b.done);
          }}
        >
          {b.label}
        </ActionButton>
      ))}
    </View>
  );
}
