import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { api, type Order } from '../../api';
import { useAction, useRemote, type Action } from '../../lib/hooks';
import { go, ROUTES, useQueryParam } from '../../lib/nav';
import { payOrder } from '../../lib/pay';
import { maskPhone } from '../../lib/checkout-address';
import {
  canCancel,
  canConfirm,
  canRefund,
  fmtPoints,
  fmtPrice,
  fmtTime,
  fmtYuan,
  isUnpaid,
  orderStatusText,
  PAY_WITH,
} from '../../lib/format';
import { ErrorLine, RemoteView } from '../../components/StateView';
import { StatList } from '../../components/Stat';
import { ActionButton } from '../../components/ActionButton';
import { AfterSaleWindow } from '../../components/AfterSaleWindow';
import { askConsent } from '../../lib/subscribe';

interface OrderButton {
  cls: string;
  label: string;
  action: Action<string, Partial<Order>>;
  /** What the shopper reads once it worked. */
  done: string;
}

export default function OrderPage() {
  const id = useQueryParam('id');
  const remote = useRemote(() => api.order(id), [id]);
  // The answer of an action is newer than what was loaded: show it until the next reload.
  const [patch, setPatch] = useState<Partial<Order>>({});
  const [done, setDone] = useState('');

  const pay = useAction(async (orderId: string, key: string) => {
    await askConsent('shipped');
    return payOrder(orderId, key);
  });
  const confirm = useAction(async (orderId: string, key: string) => {
    await askConsent('points'); // the points come at the window's end: a message then
    return api.confirmOrder(orderId, key);
  });
  const refund = useAction((orderId: string, key: string) => api.refundOrder(orderId, key));
  const busy = pay.running || confirm.running || refund.running;

  const after = (r: Partial<Order> | undefined, msg: string) => {
    if (!r) return;
    setPatch((p) => ({ ...p, ...r }));
    setDone(msg);
    remote.reload();
  };

  // The actions this status allows, in the order they are offered.
  const buttonsFor = (o: Order): OrderButton[] =>
    [
      isUnpaid(o.status) && {
        cls: 'btn-primary pay-order',
        label: `${o.payWith === 'wechat' || !o.payWith ? '微信支付' : '确认支付'} ${fmtYuan(o.amount)}`,
        action: pay,
        done: '支付成功',
      },
      canConfirm(o.status) && {
        cls: 'btn-primary confirm-order',
        label: '确认收货',
        action: confirm,
        done: '已确认收货',
      },
      canRefund(o.status) && { cls: 'btn-danger refund-order', label: '申请退款', action: refund, done: '已退款' },
      // A WeChat refund still in progress: asking again only re-checks it (the same refund number).
      o.status === 'refund_requested' && {
        cls: 'btn-plain refund-check',
        label: '查询退款进度',
        action: refund,
        done: '已退款',
      },
      canCancel(o.status) && { cls: 'btn-plain cancel-order', label: '取消订单', action: refund, done: '订单已取消' },
    ].filter((b): b is OrderButton => !!b);

  return (
    <View className="page page-order">
      <RemoteView remote={remote}>
        {(loaded) => {
          const order = { ...loaded, ...patch };
          return (
            <View>
              <View className="card">
                <View className="row">
                  <Text className="muted">订单 {order.orderId}</Text>
                  <Text className="tag order-status">{orderStatusText(order.status)}</Text>
                </View>
                {order.items?.map((it) => (
                  <View key={it.productId} className="row">
                    <Text>{it.name ?? it.productId}</Text>
                    <Text>
                      {it.price ? fmtYuan(it.price) : ''} × {it.qty}
                    </Text>
                  </View>
                ))}
                <StatList
                  stats={[
                    { label: '订单金额', value: fmtYuan(order.amount), cls: 'order-amount' },
                    !!order.payWith && { label: '支付方式', value: PAY_WITH[order.payWith] ?? order.payWith },
                    !!order.pointsCost && { label: '兑换所用积分', value: fmtPoints(order.pointsCost) },
                    !!order.address?.name && {
                      label: '收货人',
                      value: `${order.address.name} ${maskPhone(order.address.phone ?? '')}`,
                      cls: 'order-receiver',
                    },
                    !!order.address && {
                      label: '收货地址',
                      value: `${order.address.region} ${order.address.detail}`,
                      cls: 'order-address',
                    },
                  ]}
                />
                {order.createdAt ? <Text className="muted">{fmtTime(order.createdAt)}</Text> : null}
              </View>

              <AfterSaleWindow order={order} />

              {order.status === 'completed' && order.pointsGranted !== undefined && (
                <View className="card order-reward">
                  <Text className="label">本单获赠积分</Text>
                  <Text className="big points-granted">{fmtPoints(order.pointsGranted)}</Text>
                  {order.priceAfter && (
                    <Text className="hint price-after">订单完成后的积分价格 ¥{fmtPrice(order.priceAfter)}</Text>
                  )}
                  <Button className="btn btn-plain to-wallet" onClick={() => go(ROUTES.wallet)}>
                    查看积分钱包
                  </Button>
                </View>
              )}

              {done && <View className="ok-line action-done">{done}</View>}
              <ErrorLine text={pay.error || confirm.error || refund.error} />

              {buttonsFor(order).map((b) => (
                <ActionButton
                  key={b.cls}
                  cls={b.cls}
                  busy={b.action.running}
                  disabled={busy}
                  onClick={async () => after(await b.action.run(order.orderId), b.done)}
                >
                  {b.label}
                </ActionButton>
              ))}
              {order.status === 'paid' && <Text className="hint order-wait-ship">商家发货后即可确认收货。</Text>}
              {order.status === 'refund_requested' && (
                <Text className="hint order-refunding">退款已提交微信支付，到账后订单显示为“已退款”。</Text>
              )}
              {order.status === 'completing' && (
                <Text className="hint" onClick={remote.reload}>
                  订单正在完成，积分马上到账，点此刷新。
                </Text>
              )}
              {canRefund(order.status) && <Text className="hint">确认收货前可以退款；退款的订单不发放积分。</Text>}
            </View>
          );
        }}
      </RemoteView>
    </View>
  );
}
