// Ship the selected paid orders: one carrier, one tracking number per order.
import { AutoComplete, Button, Form, Input, Modal, Progress } from 'antd';
import { useState } from 'react';
import { shipMany, shipOne, type OrderRow, type Shipment } from '../api';
import { showError } from '../ui/errors';
import { reportShipped } from './ship-report';

export const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '京东物流', '邮政EMS', '极兔速递'];

interface Props {
  orders: OrderRow[];
  onDone: () => void;
}

export function ShipModal({ orders, onDone }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ carrier: string; tracking: Record<string, string> }>();
  const submit = async () => {
    const { carrier, tracking } = await form.validateFields();
    const list: Shipment[] = orders.map((o) => ({
      orderId: o.orderId,
      carrier,
      trackingNo: tracking[o.orderId]!.trim(),
    }));
    setBusy(true);
    try {
      const out = list.length === 1 ? [await shipOne(list[0]!)] : await shipMany(list);
      reportShipped(list, out);
      setOpen(false);
      form.resetFields();
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" className="ship-selected" disabled={orders.length === 0} onClick={() => setOpen(true)}>
        发货{orders.length > 0 ? `（${orders.length}）` : ''}
      </Button>
      <Modal
        title="填写发货信息"
        open={open}
        onOk={() => void submit()}
        okText="确认发货"
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
      >
        <Form form={form} layout="vertical" className="ship-form">
          <Form.Item name="carrier" label="快递公司" rules={[{ required: true, message: '请选择或填写快递公司' }]}>
            <AutoComplete className="ship-carrier" options={CARRIERS.map((value) => ({ value }))} />
          </Form.Item>
          {orders.map((o) => (
            <Form.Item
              key={o.orderId}
              name={['tracking', o.orderId]}
              label={`运单号 · ${o.orderId}`}
              rules={[{ required: true, pattern: /^[A-Za-z0-9-]{4,40}$/, message: '4–40 位字母、数字或 -' }]}
            >
              <Input className="ship-tracking" />
            </Form.Item>
          ))}
        </Form>
        {busy && <Progress percent={99} status="active" showInfo={false} />}
      </Modal>
    </>
  );
}
