// Users: find one by id, openId, phone or nickname (a prefix: pick one of the matches); wallet,
// latest orders, agent regions, the ledger (paged) and the team two levels down; a funded grant
// or a buyback (both wait for a second signature).
import { Card, Descriptions, Empty, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { findByNickname, findUser, listAgents, type FoundUser, type UserMatch } from '../api';
import { can } from '../roles';
import { showError } from '../ui/errors';
import { ExportButton } from '../ui/ExportButton';
import { ORDER_STATUS, pts, time, yuan } from '../ui/format';
import type { ScreenProps } from '.';
import { UserMoneyActions } from './UserMoneyActions';
import { UserLedger } from './UserLedger';
import { UserReferrals } from './UserReferrals';

const MONEY = new Set([
  'constant',
  'storeCredit',
  'cash',
  'cashPending',
  'withdrawn',
  'constantReserved',
  'quota',
  'dividendsPaid',
]);
const WALLET_NAMES: Record<string, string> = {
  equity: '积分',
  equityLocked: '锁定积分',
  equityHeld: '冻结积分',
  equityReserved: '待处理积分',
  lockedGranted: '累计锁定发放',
  constant: '恒定积分',
  storeCredit: '储值余额',
  cash: '现金余额',
  cashPending: '提现中',
  withdrawn: '已提现',
  constantReserved: '待处理恒定积分',
  quota: '分红额度',
  dividendsPaid: '已分红',
};
type By = 'userId' | 'openId' | 'phone' | 'nickname';

export function Users({ session }: ScreenProps) {
  const [by, setBy] = useState<By>('userId');
  const [found, setFound] = useState<FoundUser>();
  const [matches, setMatches] = useState<UserMatch[]>();
  const [regions, setRegions] = useState<string[]>();
  const open = async (query: { userId: string } | { openId: string } | { phone: string }) => {
    try {
      const u = await findUser(query);
      setFound(u);
      const agents = can(session.roles, 'assign-agent') ? await listAgents().catch(() => undefined) : undefined;
      setRegions(agents?.filter((a) => a.userId === u.user.userId).map((a) => a.region));
    } catch (e) {
      setFound(undefined);
      showError(e);
    }
  };
  const search = async (v: string) => {
    const text = v.trim();
    if (!text) return;
    setMatches(undefined);
    if (by !== 'nickname') return open({ [by]: text } as { userId: string });
    setFound(undefined);
    try {
      const r = await findByNickname(text);
      setMatches(r.rows);
      if (r.rows.length === 1) await open({ userId: r.rows[0]!.userId });
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Card title="用户">
      <Space.Compact style={{ marginBottom: 16 }}>
        <Select<By>
          value={by}
          onChange={setBy}
          className="user-search-by"
          style={{ width: 120 }}
          options={[
            { value: 'userId', label: '用户 ID' },
            { value: 'openId', label: 'openId' },
            { value: 'phone', label: '手机号' },
            { value: 'nickname', label: '昵称' },
          ]}
        />
        <Input.Search
          className="user-search"
          enterButton="查找"
          onSearch={(v) => void search(v)}
          style={{ width: 360 }}
        />
      </Space.Compact>
      {matches && matches.length !== 1 && <UserMatches rows={matches} open={(userId) => void open({ userId })} />}
      {found ? (
        <UserDetail u={found} regions={regions} session={session} />
      ) : (
        !matches && <Empty description="输入用户 ID、openId、老会员手机号或昵称查找" />
      )}
    </Card>
  );
}

function UserMatches({ rows, open }: { rows: UserMatch[]; open: (userId: string) => void }) {
  return (
    <Table<UserMatch>
      className="user-matches"
      title={() => `昵称以此开头的用户（${rows.length}）`}
      rowKey="userId"
      size="small"
      dataSource={rows}
      pagination={false}
      style={{ marginBottom: 16 }}
      columns={[
        { title: '昵称', dataIndex: 'nickname' },
        { title: '用户 ID', dataIndex: 'userId', render: (id: string) => <a onClick={() => open(id)}>{id}</a> },
        { title: '注册时间', dataIndex: 'createdAt', render: time },
      ]}
    />
  );
}

function UserDetail({ u, regions, session }: { u: FoundUser; regions?: string[]; session: ScreenProps['session'] }) {
  const wallet = Object.entries(u.wallet).map(([k, v]) => ({ k, v }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Descriptions title="基本信息" bordered size="small" column={3}>
        <Descriptions.Item label="用户 ID">{u.user.userId}</Descriptions.Item>
        <Descriptions.Item label="昵称">{u.user.nickname || '—'}</Descriptions.Item>
        <Descriptions.Item label="openId">{u.user.openId}</Descriptions.Item>
        <Descriptions.Item label="注册时间">{time(u.user.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="推荐人">{u.user.referrer || '—'}</Descriptions.Item>
        <Descriptions.Item label="区域代理">
          {regions === undefined ? '暂无数据' : regions.length ? regions.map((r) => <Tag key={r}>{r}</Tag>) : '否'}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions
        title="钱包"
        bordered
        size="small"
        column={4}
        extra={
          <ExportButton
            name={`wallet-${u.user.userId}`}
            columns={[
              { key: 'k', title: '字段' },
              { key: 'v', title: '数值' },
            ]}
            rows={wallet}
          />
        }
      >
        {wallet.map(({ k, v }) => (
          <Descriptions.Item key={k} label={WALLET_NAMES[k] ?? k}>
            {MONEY.has(k) ? yuan(v) : pts(v)}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <UserMoneyActions userId={u.user.userId} session={session} />
      <Table
        title={() => '最近订单'}
        rowKey="orderId"
        size="small"
        dataSource={u.orders}
        pagination={false}
        columns={[
          { title: '订单号', dataIndex: 'orderId' },
          { title: '状态', dataIndex: 'status', render: (s: string) => ORDER_STATUS[s] ?? s },
          { title: '金额', dataIndex: 'amount', render: yuan },
          { title: '下单时间', dataIndex: 'createdAt', render: time },
        ]}
      />
      <UserLedger userId={u.user.userId} />
      <UserReferrals userId={u.user.userId} />
    </Space>
  );
}
