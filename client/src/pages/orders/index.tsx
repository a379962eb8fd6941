import { View, Text } from '@tarojs/components';
import { api } from '../../api';
import { useRemote } from '../../lib/hooks';
import { go, ROUTES } from '../../lib/nav';
import { fmtTime, fmtYuan, orderStatusText, PAY_WITH } from '../../lib/format';
import { RemoteView } from '../../components/StateView';

export default function OrdersPage() {
  const orders = useRemote(() => api.orders());
  return (
    <View className="page page-orders">
      <RemoteView remote={orders} isEmpty={(d) => d.length === 0} emptyText="还没有订单">
        {orders.data?.map((o) => (
          <View
            key={o.orderId}
            className={`card order-card order-${o.orderId}`}
            onClick={() => go(ROUTES.order, { id: o.orderId })}
          >
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
        ))}
      </RemoteView>
    </View>
  );
}
