import { View, Text, Button } from '@tarojs/components';
import type { Order } from '../api';
import { go, ROUTES } from '../lib/nav';
import { fmtDayCn, fmtPoints, inAfterSale } from '../lib/format';

/**
 * The order's after-sale window (售后期): until when it may be returned, and the points that
 * come at its end at that day's price (an estimate at today's price); the parcel's tracking
 * number; the way to the after-sale form or to the request in progress.
 */
export function AfterSaleWindow({ order }: { order: Order }) {
  const open = inAfterSale(order.status) && !!order.completesAt;
  const requests = order.afterSale ?? [];
  if (!order.trackingNo && !open && requests.length === 0) return null;
  return (
    <View className="card after-sale-window">
      {order.trackingNo && (
        <View className="row shipment">
          <Text className="label">物流</Text>
          <Text className="tracking-no">
            {order.carrier} {order.trackingNo}
          </Text>
        </View>
      )}
      {open && (
        <Text className="after-sale-until">
          售后期至 {fmtDayCn(order.completesAt)}，届时按当日价格发放约 {fmtPoints(order.pointsEstimate ?? '0')} 积分
        </Text>
      )}
      {order.status === 'received' && (
        <Button
          className="btn btn-plain request-after-sale"
          onClick={() => go(ROUTES.afterSale, { orderId: order.orderId })}
        >
          申请售后（退货 / 退款）
        </Button>
      )}
      {requests.map((rid) => (
        <Button key={rid} className="btn btn-plain after-sale-link" onClick={() => go(ROUTES.afterSale, { id: rid })}>
          {rid === order.openRequestId ? '查看售后进度' : '查看售后记录'}
        </Button>
      ))}
    </View>
  );
}
