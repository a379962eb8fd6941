// An order's timeline as the server tells it (get-order): its own times (created, paid, shipped,
// received, refunded, completed) and every after-sale step with who decided and the note; then
// the after-sale requests themselves.
import { Descriptions, Drawer, Spin, Table, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { getOrder, type OrderDetail, type StaffAfterSale } from '../api';
import { showError } from '../ui/errors';
import { AFTER_SALE_STATUS, ORDER_STATUS, pts, time, yuan } from '../ui/format';

const STEP_STATUS: Record<string, string> = { ...AFTER_SALE_STATUS };

/** A step's words: an after-sale step's status in Chinese. */
function stepText(what: string): string {
  const m = /^售后 (\S+)：(\w+)$/.exec(what);
  return m ? `售后 ${m[1]}：${STEP_STATUS[m[2]!] ?? m[2]}` : what;
}

export function OrderTimeline({ orderId, onClose }: { orderId?: string; onClose: () => void }) {
  const [detail, setDetail] = useState<OrderDetail>();
  useEffect(() => {
    setDetail(undefined);
    if (orderId) getOrder(orderId).then(setDetail, showError);
  }, [orderId]);
  const o = detail?.order;
  return (
    <Drawer open={!!orderId} onClose={onClose} title={`订单 ${orderId ?? ''}`} size={560}>
      {!o ? (
        <Spin />
      ) : (
        <>
          <Descriptions column={1} size="small" style={{ marginBottom: 24 }}>
            <Descriptions.Item label="状态">{ORDER_STATUS[o.status] ?? o.status}</Descriptions.Item>
            <Descriptions.Item label="金额">{yuan(o.amount)}</Descriptions.Item>
            <Descriptions.Item label="用户">{o.userId}</Descriptions.Item>
            <Descriptions.Item label="商品">{o.items}</Descriptions.Item>
            <Descriptions.Item label="地址">{`${o.region} ${o.address}`}</Descriptions.Item>
            {o.pointsGranted && <Descriptions.Item label="发放积分">{pts(o.pointsGranted)}</Descriptions.Item>}
            {o.refundedAmount !== '0.00' && (
              <Descriptions.Item label="已退金额">{yuan(o.refundedAmount)}</Descriptions.Item>
            )}
          </Descriptions>
          <Timeline
            className="order-timeline"
            items={detail.timeline.map((s) => ({
              content: `${time(s.at)}  ${stepText(s.what)}${s.by ? `（${s.by}）` : ''}${s.note ? `：${s.note}` : ''}`,
            }))}
          />
          {detail.afterSale.length > 0 && <AfterSaleTable rows={detail.afterSale} />}
        </>
      )}
    </Drawer>
  );
}

function AfterSaleTable({ rows }: { rows: StaffAfterSale[] }) {
  return (
    <Table<StaffAfterSale>
      title={() => '售后记录'}
      rowKey="requestId"
      size="small"
      dataSource={rows}
      pagination={false}
      columns={[
        { title: '售后单', dataIndex: 'requestId' },
        { title: '类型', dataIndex: 'kind', render: (k: string) => (k === 'return' ? '退货退款' : '仅退款') },
        { title: '状态', dataIndex: 'status', render: (s: string) => <Tag>{AFTER_SALE_STATUS[s] ?? s}</Tag> },
        { title: '金额', dataIndex: 'amount', render: yuan },
        { title: '原因', dataIndex: 'reason' },
        { title: '申请时间', dataIndex: 'createdAt', render: time },
      ]}
    />
  );
}
