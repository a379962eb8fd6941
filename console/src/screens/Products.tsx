// Products: the whole catalogue, inactive products included (list-products), edit or add one,
// its pictures and stock.
import { Button, Card, Image, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { assetUrl, listProducts, type Product } from '../api';
import { showError } from '../ui/errors';
import { ExportButton } from '../ui/ExportButton';
import { yuan } from '../ui/format';
import { ProductForm } from './ProductForm';

const COLUMNS = [
  { key: 'productId', title: '商品 ID' },
  { key: 'name', title: '名称' },
  { key: 'category', title: '分类' },
  { key: 'price', title: '价格' },
  { key: 'poolContribution', title: '入池金额' },
  { key: 'dividendContribution', title: '分红金额' },
  { key: 'stock', title: '库存' },
  { key: 'active', title: '在售' },
];

export function Products() {
  const [rows, setRows] = useState<Product[]>([]);
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<Product | 'new'>();
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await listProducts());
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void load(), [load]);
  return (
    <Card
      title="商品"
      extra={
        <Space>
          <Button type="primary" onClick={() => setEditing('new')}>
            新增商品
          </Button>
          <ExportButton name="products" columns={COLUMNS} rows={rows} />
        </Space>
      }
    >
      <Table<Product>
        rowKey="productId"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: '图片',
            dataIndex: 'image',
            render: (src: string) => (src ? <Image src={assetUrl(src)} width={48} /> : '—'),
          },
          { title: '名称', dataIndex: 'name' },
          { title: '分类', dataIndex: 'category', render: (c: string) => (c ? <Tag>{c}</Tag> : '—') },
          { title: '价格', dataIndex: 'price', render: yuan },
          { title: '入池', dataIndex: 'poolContribution', render: yuan },
          { title: '库存', dataIndex: 'stock' },
          {
            title: '状态',
            dataIndex: 'active',
            render: (a: boolean | undefined) =>
              a === false ? <Tag color="default">已下架</Tag> : <Tag color="green">在售</Tag>,
          },
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, p: Product) => <Button onClick={() => setEditing(p)}>编辑</Button>,
          },
        ]}
      />
      <ProductForm product={editing} onClose={() => setEditing(undefined)} onSaved={() => void load()} />
    </Card>
  );
}
