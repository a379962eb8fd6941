// Orders: filter by state, date, user or product (on the server: list-orders); ship one or many
// (or a CSV of parcels); an order's timeline with its after-sale history; CSV export of the
// whole filtered list.
import { Button, Card, DatePicker, Input, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { listOrders, type OrderFilter, type OrderRow } from '../api';
import { can } from '../roles';
import { ExportButton } from '../ui/ExportButton';
import { options, ORDER_STATUS, time, yuan } from '../ui/format';
import { usePaged } from '../ui/usePaged';
import type { ScreenProps } from '.';
import { OrderTimeline } from './OrderTimeline';
import { ShipCsvImport } from './ShipCsvImport';
import { ShipModal } from './ShipModal';

export const ORDER_COLUMNS = [
  { key: 'orderId', title: '订单号' },
  { key: 'userId', title: '用户' },
  { key: 'status', title: '状态' },
  { key: 'amount', title: '金额' },
  { key: 'payWith', title: '支付方式' },
  { key: 'items', title: '商品' },
  { key: 'region', title: '地区' },
  { key: 'address', title: '地址' },
  { key: 'createdAt', title: '下单时间' },
  { key: 'paidAt', title: '付款时间' },
  { key: 'shippedAt', title: '发货时间' },
  { key: 'carrier', title: '快递公司' },
  { key: 'trackingNo', title: '运单号' },
];

interface Filter {
  user: string;
  product: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

/** The server's filter (list-orders): dates as China days, both included. */
function query(status: string, f: Filter): OrderFilter {
  const [a, b] = f.range ?? [null, null];
  return {
    status,
    ...(f.user.trim() ? { userId: f.user.trim() } : {}),
    ...(f.product.trim() ? { productId: f.product.trim() } : {}),
    ...(a ? { from: a.format('YYYY-MM-DD') } : {}),
    ...(b ? { to: b.format('YYYY-MM-DD') } : {}),
  };
}

function orderColumns(open: (o: OrderRow) => void) {
  return [
    {
      title: '订单号',
      dataIndex: 'orderId',
      render: (id: string, o: OrderRow) => <a onClick={() => open(o)}>{id}</a>,
    },
    { title: '状态', dataIndex: 'status', render: (s: string) => <Tag>{ORDER_STATUS[s] ?? s}</Tag> },
    { title: '金额', dataIndex: 'amount', render: yuan },
    { title: '用户', dataIndex: 'userId' },
    { title: '商品', dataIndex: 'items' },
    { title: '收货地区', dataIndex: 'region' },
    { title: '下单时间', dataIndex: 'createdAt', render: time },
    { title: '运单', dataIndex: 'trackingNo', render: (t: string, o: OrderRow) => (t ? `${o.carrier} ${t}` : '—') },
  ];
}

export function Orders({ session }: ScreenProps) {
  const [status, setStatus] = useState('paid');
  const [filter, setFilter] = useState<Filter>({ user: '', product: '', range: null });
  const [selected, setSelected] = useState<OrderRow[]>([]);
  const [timeline, setTimeline] = useState<string>();
  const q = query(status, filter);
  const fetchPage = (cursor?: string) => listOrders({ ...q, limit: 100, cursor });
  const list = usePaged(fetchPage, JSON.stringify(q));
  const rows = list.rows;
  const mayShip = status === 'paid' && can(session.roles, 'ship-order');
  const done = () => (setSelected([]), list.reload());
  return (
    <Card title="订单">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          className="order-status"
          value={status}
          onChange={setStatus}
          options={options(ORDER_STATUS)}
          style={{ width: 120 }}
        />
        <DatePicker.RangePicker onChange={(range) => setFilter({ ...filter, range })} />
        <Input.Search
          className="order-user"
          placeholder="用户 ID"
          allowClear
          onSearch={(user) => setFilter({ ...filter, user })}
          style={{ width: 200 }}
        />
        <Input.Search
          className="order-product"
          placeholder="商品 ID"
          allowClear
          onSearch={(product) => setFilter({ ...filter, product })}
          style={{ width: 200 }}
        />
        {mayShip && <ShipModal orders={selected} onDone={done} />}
        {mayShip && <ShipCsvImport onDone={done} />}
        <ExportButton
          name={`orders-${status}`}
          columns={ORDER_COLUMNS}
          fetchPage={(c) => listOrders({ ...q, limit: 500, cursor: c })}
        />
      </Space>
      <Table<OrderRow>
        rowKey="orderId"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        columns={orderColumns((o) => setTimeline(o.orderId))}
        pagination={false}
        rowSelection={
          mayShip ? { selectedRowKeys: selected.map((o) => o.orderId), onChange: (_k, r) => setSelected(r) } : undefined
        }
      />
      {list.hasMore && (
        <Button onClick={list.more} style={{ marginTop: 12 }}>
          加载更多
        </Button>
      )}
      <OrderTimeline orderId={timeline} onClose={() => setTimeline(undefined)} />
    </Card>
  );
}
