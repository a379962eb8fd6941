// Review one after-sale request: a note is required either way.
import { Button, Descriptions, Form, Input, Modal, message } from 'antd';
import { useState } from 'react';
import { reviewAfterSale, type AfterSaleRow } from '../api';
import { showError } from '../ui/errors';
import { AFTER_SALE_STATUS, yuan } from '../ui/format';

interface Props {
  request?: AfterSaleRow;
  onClose: () => void;
  onDone: () => void;
}

export function ReviewModal({ request, onClose, onDone }: Props) {
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const decide = async (approve: boolean) => {
    if (!request) return;
    const { note } = await form.validateFields();
    setBusy(true);
    try {
      const r = await reviewAfterSale(request.requestId, approve, note.trim());
      void message.success(`已${approve ? '同意' : '拒绝'}：${AFTER_SALE_STATUS[r.status] ?? r.status}`);
      form.resetFields();
      onClose();
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const footer = [
    <Button key="refuse" danger className="review-refuse" loading={busy} onClick={() => void decide(false)}>
      拒绝
    </Button>,
    <Button key="approve" type="primary" className="review-approve" loading={busy} onClick={() => void decide(true)}>
      同意
    </Button>,
  ];
  return (
    <Modal title="审核售后申请" open={!!request} onCancel={onClose} footer={footer}>
      {request && (
        <Descriptions column={1} size="small">
          <Descriptions.Item label="售后单">{request.requestId}</Descriptions.Item>
          <Descriptions.Item label="订单">{request.orderId}</Descriptions.Item>
          <Descriptions.Item label="商品">{request.items}</Descriptions.Item>
          <Descriptions.Item label="金额">{yuan(request.amount)}</Descriptions.Item>
          <Descriptions.Item label="原因">{request.reason}</Descriptions.Item>
        </Descriptions>
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="note" label="审核备注" rules={[{ required: true, whitespace: true, message: '请填写备注' }]}>
          <Input.TextArea className="review-note" rows={3} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
