// Staff accounts (admin): list, add (username, password, roles), change roles, disable.
import { Button, Card, Checkbox, Form, Input, Modal, Space, Switch, Table, Tag, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { addStaff, listStaff, updateStaff, type StaffAccount } from '../api';
import { ROLE_NAMES, ROLES } from '../roles';
import { showError } from '../ui/errors';
import { ExportButton } from '../ui/ExportButton';
import { time } from '../ui/format';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }));
const COLUMNS = [
  { key: 'username', title: '用户名' },
  { key: 'roles', title: '角色' },
  { key: 'disabled', title: '已停用' },
  { key: 'createdAt', title: '创建时间' },
];

function TotpSecret({ secret, otpauth }: { secret: string; otpauth: string }) {
  return (
    <>
      <p>在身份验证器中手动添加此密钥：</p>
      <Typography.Text copyable code>
        {secret}
      </Typography.Text>
      <p style={{ marginTop: 12, wordBreak: 'break-all' }}>{otpauth}</p>
    </>
  );
}

function AddStaff({ onDone }: { onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ username: string; password: string; roles: string[] }>();
  const submit = async () => {
    const a = await form.validateFields();
    try {
      const r = (await addStaff(a)) as { totp?: { secret: string; otpauth: string } };
      void message.success(`已添加 ${a.username}`);
      // The authenticator's secret is shown once: the new member adds it to their app.
      if (r?.totp)
        Modal.info({
          title: `${a.username} 的动态验证码密钥（只显示一次）`,
          content: <TotpSecret secret={r.totp.secret} otpauth={r.totp.otpauth} />,
        });
      setOpen(false);
      form.resetFields();
      onDone();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        添加员工
      </Button>
      <Modal title="添加员工" open={open} onOk={() => void submit()} onCancel={() => setOpen(false)}>
        <Form form={form} layout="vertical">
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,40}$/, message: '3–40 位字母、数字或 _ . -' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="password" label="初始密码" extra="线上至少 12 位" rules={[{ required: true, min: 8 }]}>
            <Input.Password />
          </Form.Item>
          <Form.Item name="roles" label="角色" rules={[{ required: true, message: '至少选择一个角色' }]}>
            <Checkbox.Group options={ROLE_OPTIONS} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function StaffAccounts() {
  const [rows, setRows] = useState<StaffAccount[]>([]);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await listStaff());
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void load(), [load]);
  const update = async (u: { username: string; roles?: string[]; disabled?: boolean }) => {
    try {
      await updateStaff(u);
      void message.success(`已更新 ${u.username}`);
      void load();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Card
      title="员工账号"
      extra={
        <Space>
          <AddStaff onDone={() => void load()} />
          <ExportButton name="staff" columns={COLUMNS} rows={rows} />
        </Space>
      }
    >
      <Table<StaffAccount>
        rowKey="username"
        loading={loading}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          {
            title: '角色',
            dataIndex: 'roles',
            render: (roles: string[], a: StaffAccount) => (
              <Checkbox.Group
                value={roles}
                options={ROLE_OPTIONS}
                onChange={(v) => void update({ username: a.username, roles: v.map(String) })}
              />
            ),
          },
          {
            title: '状态',
            dataIndex: 'disabled',
            render: (d: boolean | undefined, a: StaffAccount) => (
              <Space>
                <Switch checked={!d} onChange={(on) => void update({ username: a.username, disabled: !on })} />
                {d ? <Tag>已停用</Tag> : <Tag color="green">启用</Tag>}
              </Space>
            ),
          },
          { title: '创建时间', dataIndex: 'createdAt', render: time },
        ]}
      />
    </Card>
  );
}
