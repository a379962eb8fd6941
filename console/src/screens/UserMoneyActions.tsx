// A funded grant or a buyback for one user (finance): both wait for a second signature.
import { Button, Form, Input, Modal, Space, Switch } from 'antd';
import { useState } from 'react';
import { buyback, grant } from '../api';
import { can } from '../roles';
import type { Session } from '../session';
import { announce, showError } from '../ui/errors';

type Kind = 'grant' | 'buyback';
const POINTS = /^(0|[1-9]\d{0,11})(\.\d{1,6})?$/;

export function UserMoneyActions({ userId, session }: { userId: string; session: Session }) {
  const [kind, setKind] = useState<Kind>();
  const [form] = Form.useForm<{ points: string; reason?: string; locked?: boolean }>();
  if (!can(session.roles, 'grant') && !can(session.roles, 'buyback')) return null;
  const submit = async () => {
    const f = await form.validateFields();
    const requestId = `console-${kind}-${Date.now().toString(36)}`;
    try {
      const r =
        kind === 'grant'
          ? await grant({ userId, points: f.points, reason: f.reason ?? '', locked: !!f.locked, requestId })
          : await buyback({ userId, points: f.points, requestId });
      announce(r, kind === 'grant' ? '已发放' : '已回购');
      setKind(undefined);
      form.resetFields();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Space>
      {can(session.roles, 'grant') && <Button onClick={() => setKind('grant')}>发放积分</Button>}
      {can(session.roles, 'buyback') && <Button onClick={() => setKind('buyback')}>回购积分</Button>}
      <Modal
        title={kind === 'grant' ? '发放积分（资金按现价注入）' : '回购积分'}
        open={!!kind}
        onOk={() => void submit()}
        onCancel={() => setKind(undefined)}
        okText="提交复核"
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="points"
            label="积分"
            rules={[{ required: true, pattern: POINTS, message: '正数，最多 6 位小数' }]}
          >
            <Input />
          </Form.Item>
          {kind === 'grant' && (
            <>
              <Form.Item name="reason" label="原因" rules={[{ required: true, max: 40 }]}>
                <Input />
              </Form.Item>
              <Form.Item name="locked" label="锁定发放" valuePropName="checked">
                <Switch />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
