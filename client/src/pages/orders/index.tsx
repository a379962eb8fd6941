import { View, Text } from '@tarojs/components';
import { api, type Order } from '../../api';
import { usePaged } from '../../lib/usePaged';
import { go, ROUTES } from '../../lib/nav';
import { fmtTime, fmtYuan, orderStatusText, PAY_WITH } from '../../lib/format';
import { RemoteView } from '../../components/StateView';
import { MoreFooter } from '../../components/MoreFooter';

function OrderCard({ o }: { o: Order }) {
  return (
    <View className={`card order-card order-${o.orderId}`} onClick={() => go(ROUTES.order, { id: o.orderId })}>
      <View className="row">
        <Text className="muted">订单 {o.orderId}</Text>
        <Text className="tag order-status">{orderStatusText(o.status)}</Text>
      </View>
      <View className="row">
        <Text>{o.payWith ? (PAY_WITH[o.payWith] ?? o.payWith) : ''}</Text>
        <Text className="row-value">{fmtYuan(o.amount)}</Text>
      </View>
      {o.createdAt ? <Text className="muted">{fmtTime(o.createdAt)}</Text> : null}
    </View>
  );
}

/** Every order, newest first: more load at the bottom of the list. */
export default function OrdersPage() {
  const orders = usePaged((cursor) => api.orders(cursor));
  return (
    <View className="page page-orders">
      <RemoteView remote={orders.first} isEmpty={() => orders.items.length === 0} emptyText="还没有订单">
        {orders.items.map((o) => (
          <OrderCard key={o.orderId} o={o} />
        ))}
        <MoreFooter paged={orders} cls="orders" />
      </RemoteView>
    </View>
  );
}
