// A user's ledger (user-ledger), newest first, paged on the server, exported whole as CSV.
import { Button, Card, Table, Tag } from 'antd';
import { userLedger, type UserLedgerRow } from '../api';
import { ExportButton } from '../ui/ExportButton';
import { pts, time, yuan } from '../ui/format';
import { usePaged } from '../ui/usePaged';

const MONEY_FIELDS = new Set([
  'constant',
  'storeCredit',
  'cash',
  'cashPending',
  'withdrawn',
  'constantReserved',
  'quota',
  'dividendsPaid',
]);

const COLUMNS = [
  { key: 'at', title: '时间' },
  { key: 'kind', title: '事件' },
  { key: 'field', title: '字段' },
  { key: 'delta', title: '变动' },
  { key: 'why', title: '原因' },
  { key: 'orderId', title: '订单号' },
  { key: 'eventId', title: '事件号' },
];

export function UserLedger({ userId }: { userId: string }) {
  const page = usePaged((cursor) => userLedger(userId, { limit: 50, cursor }), userId);
  return (
    <Card
      size="small"
      title="积分流水"
      className="user-ledger"
      extra={
        <ExportButton
          name={`ledger-${userId}`}
          columns={COLUMNS}
          fetchPage={(cursor) => userLedger(userId, { limit: 500, cursor })}
        />
      }
    >
      <Table<UserLedgerRow>
        rowKey={(l) => `${l.eventId}-${l.field}-${l.why}-${l.at}`}
        size="small"
        loading={page.loading}
        dataSource={page.rows}
        pagination={false}
        columns={[
          { title: '时间', dataIndex: 'at', render: time },
          { title: '事件', dataIndex: 'kind', render: (k: string) => <Tag>{k}</Tag> },
          { title: '字段', dataIndex: 'field' },
          {
            title: '变动',
            dataIndex: 'delta',
            render: (d: string, l) => (MONEY_FIELDS.has(l.field) ? yuan(d) : pts(d)),
          },
          { title: '原因', dataIndex: 'why' },
          { title: '订单号', dataIndex: 'orderId', render: (o: string) => o || '—' },
        ]}
      />
      {page.hasMore && (
        <Button style={{ marginTop: 8 }} onClick={page.more} loading={page.loading}>
          加载更多
        </Button>
      )}
    </Card>
  );
}
