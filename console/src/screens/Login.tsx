// Sign-in: username, password and (outside the local stage) the authenticator's 6 digits.
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { login } from '../api';
import { errorText } from '../ui/errors';

interface Fields {
  username: string;
  password: string;
  totp?: string;
}

export function Login() {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (f: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(f.username.trim(), f.password, f.totp?.trim() || undefined);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card title="绿色积分商城 · 管理后台登录" style={{ width: 380 }}>
        <Form<Fields> layout="vertical" onFinish={(f) => void submit(f)} className="login-form">
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="totp" label="动态验证码" extra="本地环境可留空；线上必须填写身份验证器上的 6 位数字">
            <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
          </Form.Item>
          {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
