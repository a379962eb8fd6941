// The after-sale queue: review a request with a note (approve or refuse); receive a return.
import { Button, Card, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { listAfterSale, receiveReturn, type AfterSaleRow } from '../api';
import { can } from '../roles';
import { showError } from '../ui/errors';
import { ExportButton } from '../ui/ExportButton';
import { AFTER_SALE_STATUS, options, time, yuan } from '../ui/format';
import { usePaged } from '../ui/usePaged';
import type { ScreenProps } from '.';
import { ReviewModal } from './ReviewModal';

const COLUMNS = [
  { key: 'requestId', title: '售后单号' },
  { key: 'orderId', title: '订单号' },
  { key: 'userId', title: '用户' },
  { key: 'status', title: '状态' },
  { key: 'kind', title: '类型' },
  { key: 'items', title: '商品' },
  { key: 'amount', title: '金额' },
  { key: 'reason', title: '原因' },
  { key: 'note', title: '审核备注' },
  { key: 'carrier', title: '退回快递' },
  { key: 'trackingNo', title: '退回运单' },
  { key: 'createdAt', title: '申请时间' },
];
const KIND: Record<string, string> = { return: '退货退款', refund_only: '仅退款' };

export function AfterSale({ session }: ScreenProps) {
  const [status, setStatus] = useState('requested');
  const [reviewing, setReviewing] = useState<AfterSaleRow>();
  const [busy, setBusy] = useState<string>();
  const list = usePaged((cursor) => listAfterSale({ status, limit: 100, cursor }), status);
  const operator = can(session.roles, 'review-after-sale');
  const receive = async (r: AfterSaleRow) => {
    setBusy(r.requestId);
    try {
      const out = await receiveReturn(r.requestId);
      showOutcome(out.status);
      list.reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const action = (r: AfterSaleRow) => (
    <Space>
      {operator && r.status === 'requested' && (
        <Button className="review-open" onClick={() => setReviewing(r)}>
          审核
        </Button>
      )}
      {operator && (r.status === 'returning' || r.status === 'refunding') && (
        <Button loading={busy === r.requestId} onClick={() => void receive(r)}>
          {r.status === 'returning' ? '确认收到退货' : '重新查询退款'}
        </Button>
      )}
    </Space>
  );
  return (
    <Card title="售后">
      <Space style={{ marginBottom: 16 }}>
        <Select value={status} onChange={setStatus} options={options(AFTER_SALE_STATUS)} style={{ width: 120 }} />
        <ExportButton
          name={`after-sale-${status}`}
          columns={COLUMNS}
          fetchPage={(c) => listAfterSale({ status, limit: 500, cursor: c })}
        />
      </Space>
      <Table<AfterSaleRow>
        rowKey="requestId"
        loading={list.loading}
        dataSource={list.rows}
        pagination={false}
        columns={[
          { title: '售后单号', dataIndex: 'requestId' },
          { title: '订单号', dataIndex: 'orderId' },
          { title: '类型', dataIndex: 'kind', render: (k: string) => KIND[k] ?? k },
          { title: '状态', dataIndex: 'status', render: (s: string) => <Tag>{AFTER_SALE_STATUS[s] ?? s}</Tag> },
          { title: '金额', dataIndex: 'amount', render: yuan },
          { title: '原因', dataIndex: 'reason' },
          { title: '申请时间', dataIndex: 'createdAt', render: time },
          { title: '操作', key: 'op', render: (_: unknown, r: AfterSaleRow) => action(r) },
        ]}
      />
      {list.hasMore && (
        <Button onClick={list.more} style={{ marginTop: 12 }}>
          加载更多
        </Button>
      )}
      <ReviewModal request={reviewing} onClose={() => setReviewing(undefined)} onDone={list.reload} />
    </Card>
  );
}

function showOutcome(status: string) {
  void message.success(`售后单：${AFTER_SALE_STATUS[status] ?? status}`);
}
