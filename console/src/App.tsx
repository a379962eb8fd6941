// The console's shell: sign-in, then a menu of the screens the signed-in roles may use.
import { Button, Layout, Menu, Result, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { logout } from './api';
import { can, ROLE_NAMES } from './roles';
import { getSession, onSession, type Session } from './session';
import { SCREENS, type Screen } from './screens';
import { Login } from './screens/Login';
import { useHash } from './ui/useHash';

export const allowed = (s: Session, screen: Screen) => screen.fns.some((fn) => can(s.roles, fn));

function Shell({ session }: { session: Session }) {
  const [key, go] = useHash();
  const visible = SCREENS.filter((s) => allowed(session, s));
  const screen = SCREENS.find((s) => s.key === key);
  const Body = screen && allowed(session, screen) ? screen.Component : undefined;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light">
        <Typography.Title level={5} style={{ padding: '16px 24px', margin: 0 }}>
          绿色积分 · 管理后台
        </Typography.Title>
        <Menu
          className="console-menu"
          mode="inline"
          selectedKeys={[key]}
          items={visible.map((s) => ({ key: s.key, label: s.label }))}
          onClick={(e) => go(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', textAlign: 'right', paddingInline: 24 }}>
          <Space>
            <span className="console-user">{session.username}</span>
            {session.roles.map((r) => (
              <Tag key={r}>{ROLE_NAMES[r] ?? r}</Tag>
            ))}
            <Button onClick={logout}>退出</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          {Body ? (
            <Body session={session} />
          ) : (
            <Result status="403" title="无权访问" subTitle="当前角色不能使用此页面" />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function App() {
  const [session, setSession] = useState<Session | undefined>(getSession);
  useEffect(() => onSession(setSession), []);
  return session ? <Shell session={session} /> : <Login />;
}
