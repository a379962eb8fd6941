import { View, Text } from '@tarojs/components';
import { dec, sumPoints } from '@greenpoints/shared';
import { api, type Order } from '../api';
import { useRemote } from '../lib/hooks';
import { fmtDayCn, fmtPoints, inAfterSale } from '../lib/format';
import { go, ROUTES } from '../lib/nav';

/** Orders in their after-sale window, the soonest first. */
export function inWindow(orders: Order[]): Order[] {
  return orders
    .filter((o) => inAfterSale(o.status) && o.completesAt)
    .sort((a, b) => (a.completesAt! < b.completesAt! ? -1 : 1));
}

/**
 * Points still to come. The total is the server's (`GET /wallet` `pendingPoints`: every order
 * not yet completed, however many); an older server without it gets the sum of the orders
 * listed here (the newest page only). Below, each order in its window with the day it ends.
 */
export function PendingPoints({ total }: { total?: string }) {
  const orders = useRemote(() => api.orders());
  const waiting = inWindow(orders.data?.items ?? []);
  const shown = total ?? sumPoints(waiting.map((o) => o.pointsEstimate ?? '0'));
  if (waiting.length === 0 && !(total && dec(total).gt(0))) return null;
  return (
    <View className="card pending-points">
      <View className="row">
        <Text className="label">待发放积分（约）</Text>
        <Text className="big pending-total">{fmtPoints(shown)}</Text>
      </View>
      {waiting.map((o) => (
        <View key={o.orderId} className="row pending-line" onClick={() => go(ROUTES.order, { id: o.orderId })}>
          <Text>{fmtDayCn(o.completesAt)} 发放</Text>
          <Text>约 {fmtPoints(o.pointsEstimate ?? '0')}</Text>
        </View>
      ))}
      <Text className="hint">
        {total === undefined ? '' : '合计含所有未完成的订单；'}
        售后期结束时按当日价格发放，此处按今日价格估算；退货的商品不发放积分。
      </Text>
    </View>
  );
}
