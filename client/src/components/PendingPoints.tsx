import { View, Text } from '@tarojs/components';
import { ZERO } from '@greenpoints/shared';
import { api, type Order } from '../api';
import { useRemote } from '../lib/hooks';
import { fmtDayCn, fmtPoints, inAfterSale } from '../lib/format';
import { go, ROUTES } from '../lib/nav';

/** Points still to come: orders in their after-sale window, each with the day it ends. */
export function PendingPoints() {
  const orders = useRemote(() => api.orders());
  const waiting = (orders.data ?? [])
    .filter((o: Order) => inAfterSale(o.status) && o.completesAt)
    .sort((a, b) => (a.completesAt! < b.completesAt! ? -1 : 1));
  if (waiting.length === 0) return null;
  const total = waiting.reduce((s, o) => s.plus(o.pointsEstimate ?? '0'), ZERO);
  return (
    <View className="card pending-points">
      <View className="row">
        <Text className="label">待发放积分（约）</Text>
        <Text className="big pending-total">{fmtPoints(total.toFixed())}</Text>
      </View>
      {waiting.map((o) => (
        <View key={o.orderId} className="row pending-line" onClick={() => go(ROUTES.order, { id: o.orderId })}>
          <Text>{fmtDayCn(o.completesAt)} 发放</Text>
          <Text>约 {fmtPoints(o.pointsEstimate ?? '0')}</Text>
        </View>
      ))}
      <Text className="hint">售后期结束时按当日价格发放，此处按今日价格估算；退货的商品不发放积分。</Text>
    </View>
  );
}
