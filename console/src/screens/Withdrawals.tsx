// Withdrawals: the queue, approve (pay through WeChat merchant transfer) or reject; above
// withdrawSecondSignAbove the first approval waits for a second member (待复核).
import { Button, Card, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { approveWithdrawal, listWithdrawals, type WithdrawalRow } from '../api';
import { can } from '../roles';
import { announce, showError } from '../ui/errors';
import { ExportButton } from '../ui/ExportButton';
import { options, time, WITHDRAWAL_STATUS, yuan } from '../ui/format';
import { usePaged } from '../ui/usePaged';
import { usePending } from '../ui/usePending';
import type { ScreenProps } from '.';

const COLUMNS = [
  { key: 'withdrawalId', title: '提现单号' },
  { key: 'userId', title: '用户' },
  { key: 'amount', title: '金额' },
  { key: 'status', title: '状态' },
  { key: 'createdAt', title: '申请时间' },
  { key: 'decidedAt', title: '处理时间' },
  { key: 'detail', title: '说明' },
];

interface ActionProps {
  w: WithdrawalRow;
  approvalId?: string;
  busy: boolean;
  decide: (w: WithdrawalRow, approve: boolean) => Promise<void>;
}

/** Approve or reject; once a first signature is given, the request waiting for the second. */
function WithdrawalActions({ w, approvalId, busy, decide }: ActionProps) {
  if (approvalId)
    return (
      <Tag color="orange" className="awaiting-second">
        待复核 {approvalId}
      </Tag>
    );
  return (
    <Space>
      <Popconfirm
        title={`向用户打款 ${yuan(w.amount)}？`}
        okText="批准"
        cancelText="取消"
        onConfirm={() => decide(w, true)}
      >
        <Button type="primary" className="withdrawal-approve" loading={busy}>
          批准
        </Button>
      </Popconfirm>
      <Popconfirm title="拒绝并退回余额？" okText="拒绝" cancelText="取消" onConfirm={() => decide(w, false)}>
        <Button danger loading={busy}>
          拒绝
        </Button>
      </Popconfirm>
    </Space>
  );
}

const columns = [
  { title: '提现单号', dataIndex: 'withdrawalId' },
  { title: '用户', dataIndex: 'userId' },
  { title: '金额', dataIndex: 'amount', render: yuan },
  { title: '状态', dataIndex: 'status', render: (s: string) => <Tag>{WITHDRAWAL_STATUS[s] ?? s}</Tag> },
  { title: '申请时间', dataIndex: 'createdAt', render: time },
  { title: '说明', dataIndex: 'detail' },
];

export function Withdrawals({ session }: ScreenProps) {
  const [status, setStatus] = useState('requested');
  const [busy, setBusy] = useState<string>();
  const [waiting, addWaiting] = usePending('approve-withdrawal', 'withdrawalId');
  const list = usePaged((cursor) => listWithdrawals({ status, limit: 100, cursor }), status);
  const decide = async (w: WithdrawalRow, approve: boolean) => {
    setBusy(w.withdrawalId);
    try {
      const r = await approveWithdrawal(w.withdrawalId, approve);
      const done = `提现 ${w.withdrawalId} ${approve ? '已批准' : '已拒绝'}`;
      if (announce(r, done) && 'approvalId' in r) addWaiting(w.withdrawalId, r.approvalId);
      else list.reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const render = (_: unknown, w: WithdrawalRow) => (
    <WithdrawalActions w={w} approvalId={waiting[w.withdrawalId]} busy={busy === w.withdrawalId} decide={decide} />
  );
  const mayDecide = can(session.roles, 'approve-withdrawal') && status === 'requested';
  return (
    <Card title="提现">
      <Space style={{ marginBottom: 16 }}>
        <Select value={status} onChange={setStatus} options={options(WITHDRAWAL_STATUS)} style={{ width: 120 }} />
        <ExportButton
          name={`withdrawals-${status}`}
          columns={COLUMNS}
          fetchPage={(c) => listWithdrawals({ status, limit: 500, cursor: c })}
        />
      </Space>
      <Table<WithdrawalRow>
        rowKey="withdrawalId"
        loading={list.loading}
        dataSource={list.rows}
        pagination={false}
        columns={[...columns, ...(mayDecide ? [{ title: '操作', key: 'op', render }] : [])]}
      />
      {list.hasMore && (
        <Button onClick={list.more} style={{ marginTop: 12 }}>
          加载更多
        </Button>
      )}
    </Card>
  );
}
