import { useState } from 'react';
import { View } from '@tarojs/components';
import { api, type Order } from '../../api';
import { useRemote } from '../../lib/hooks';
import { useQueryParam } from '../../lib/nav';
import { isUnpaid } from '../../lib/format';
import { RemoteView } from '../../components/StateView';
import { AfterSaleWindow } from '../../components/AfterSaleWindow';
import { PayCountdown } from '../../components/PayCountdown';
import { ContactButton } from '../../components/ContactButton';
import { OrderHints, OrderReward, OrderSummary } from './OrderSummary';
import { OrderActions } from './OrderActions';

export default function OrderPage() {
  const id = useQueryParam('id');
  const remote = useRemote(() => api.order(id), [id]);
  // The answer of an action is newer than what was loaded: show it until the next reload.
  const [patch, setPatch] = useState<Partial<Order>>({});
  const [done, setDone] = useState('');
  const after = (r: Partial<Order>, msg: string) => {
    setPatch((p) => ({ ...p, ...r }));
    setDone(msg);
    remote.reload();
  };
  return (
    <View className="page page-order">
      <RemoteView remote={remote}>
        {(loaded) => {
          const order: Order = { ...loaded, ...patch };
          return (
            <View>
              <OrderSummary order={order} />
              <AfterSaleWindow order={order} />
              <OrderReward order={order} />
              {done && <View className="ok-line action-done">{done}</View>}
              {isUnpaid(order.status) && order.payExpiresAt && (
                <PayCountdown expiresAt={order.payExpiresAt} onExpired={remote.reload} />
              )}
              <OrderActions order={order} onDone={after} />
              <OrderHints order={order} onRefresh={remote.reload} />
              <ContactButton from={`order:${order.orderId}`} cls="order-contact" />
            </View>
          );
        }}
      </RemoteView>
    </View>
  );
}
