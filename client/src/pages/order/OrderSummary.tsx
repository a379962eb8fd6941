import { View, Text, Button } from '@tarojs/components';
import type { Order } from '../../api';
import { go, ROUTES } from '../../lib/nav';
import { maskPhone } from '../../lib/checkout-address';
import { canRefund, fmtPoints, fmtPrice, fmtTime, fmtYuan, orderStatusText, PAY_WITH } from '../../lib/format';
import { StatList } from '../../components/Stat';

/** The order: status, lines, amount, tender, receiver (phone masked), address, time. */
export function OrderSummary({ order }: { order: Order }) {
  return (
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
  );
}

/** A completed order: the points it earned and the price after it. */
export function OrderReward({ order }: { order: Order }) {
  if (order.status !== 'completed' || order.pointsGranted === undefined) return null;
  return (
    <View className="card order-reward">
      <Text className="label">本单获赠积分</Text>
      <Text className="big points-granted">{fmtPoints(order.pointsGranted)}</Text>
      {order.priceAfter && <Text className="hint price-after">订单完成后的积分价格 ¥{fmtPrice(order.priceAfter)}</Text>}
      <Button className="btn btn-plain to-wallet" onClick={() => go(ROUTES.wallet)}>
        查看积分钱包
      </Button>
    </View>
  );
}

/** What the shopper can expect next, by status. */
export function OrderHints({ order, onRefresh }: { order: Order; onRefresh: () => void }) {
  const s = order.status;
  return (
    <View>
      {s === 'paid' && <Text className="hint order-wait-ship">商家发货后即可确认收货。</Text>}
      {s === 'refund_requested' && (
        <Text className="hint order-refunding">退款已提交微信支付，到账后订单显示为“已退款”。</Text>
      )}
      {s === 'completing' && (
        <Text className="hint" onClick={onRefresh}>
          订单正在完成，积分马上到账，点此刷新。
        </Text>
      )}
      {canRefund(s) && <Text className="hint">确认收货前可以退款；退款的订单不发放积分。</Text>}
      {s === 'cancelled' && (
        <Text className="hint order-cancelled">订单已取消，商品库存已退回；如已扣款会原路退回。</Text>
      )}
    </View>
  );
}
