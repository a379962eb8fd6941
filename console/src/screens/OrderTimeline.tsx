// An order's timeline from the times on its row (created, paid, shipped, after-sale window).
import { Descriptions, Drawer, Timeline } from 'antd';
import type { OrderRow } from '../api';
import { ORDER_STATUS, time, yuan } from '../ui/format';

export function OrderTimeline({ order, onClose }: { order?: OrderRow; onClose: () => void }) {
  const steps = order
    ? [
        { at: order.createdAt, what: '下单' },
        { at: order.paidAt, what: '付款' },
        { at: order.shippedAt, what: `发货 ${order.carrier} ${order.trackingNo}` },
        { at: order.completesAt, what: '售后期结束，发放积分' },
      ].filter((s) => s.at)
    : [];
  return (
    <Drawer open={!!order} onClose={onClose} title={`订单 ${order?.orderId ?? ''}`} size={480}>
      {order && (
        <>
          <Descriptions column={1} size="small" style={{ marginBottom: 24 }}>
            <Descriptions.Item label="状态">{ORDER_STATUS[order.status] ?? order.status}</Descriptions.Item>
            <Descriptions.Item label="金额">{yuan(order.amount)}</Descriptions.Item>
            <Descriptions.Item label="用户">{order.userId}</Descriptions.Item>
            <Descriptions.Item label="商品">{order.items}</Descriptions.Item>
            <Descriptions.Item label="地址">{`${order.region} ${order.address}`}</Descriptions.Item>
            {order.openRequestId && <Descriptions.Item label="售后单">{order.openRequestId}</Descriptions.Item>}
          </Descriptions>
          <Timeline items={steps.map((s) => ({ content: `${time(s.at)}  ${s.what}` }))} />
        </>
      )}
    </Drawer>
  );
}
