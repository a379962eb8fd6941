// Requests awaiting a second signature: another member allowed to call the function approves
// (it runs then, and answers the function's own result) or rejects it with a note.
import { Button, Card, Input, Popconfirm, Select, Space, Table, Tag, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { approveRequest, listRequests, rejectRequest, type ApprovalRequest } from '../api';
import { showError } from '../ui/errors';
import { ExportButton } from '../ui/ExportButton';
import { options, REQUEST_STATUS, time } from '../ui/format';
import { isOpen } from '../ui/usePending';
import type { ScreenProps } from '.';

const COLUMNS = [
  { key: 'approvalId', title: '复核单号' },
  { key: 'fn', title: '操作' },
  { key: 'input', title: '内容' },
  { key: 'requester', title: '发起人' },
  { key: 'status', title: '状态' },
  { key: 'createdAt', title: '发起时间' },
  { key: 'expiresOn', title: '过期时间' },
  { key: 'approver', title: '复核人' },
  { key: 'note', title: '备注' },
];

const by = (r: ApprovalRequest) => r.requester;
const columns = [
  { title: '复核单号', dataIndex: 'approvalId' },
  { title: '操作', dataIndex: 'fn', render: (f: string) => <Tag>{f}</Tag> },
  { title: '内容', dataIndex: 'input', render: (i: unknown) => <code>{JSON.stringify(i)}</code> },
  { title: '发起人', key: 'by', render: (_: unknown, r: ApprovalRequest) => by(r) },
  {
    title: '状态',
    key: 'status',
    render: (_: unknown, r: ApprovalRequest) => (r.expired ? '已过期' : (REQUEST_STATUS[r.status] ?? r.status)),
  },
  { title: '发起时间', dataIndex: 'createdAt', render: time },
  { title: '过期时间', dataIndex: 'expiresOn', render: time },
  { title: '复核人', dataIndex: 'approver', render: (a?: string) => a ?? '—' },
];

interface ActionProps {
  r: ApprovalRequest;
  mine: boolean;
  act: (r: ApprovalRequest, approve: boolean, note?: string) => Promise<void>;
}

/** Approve (the function runs then) or reject with an optional note. The server refuses self-approval. */
function RequestActions({ r, mine, act }: ActionProps) {
  const [note, setNote] = useState('');
  if (!isOpen(r)) return null;
  return (
    <Space>
      <Popconfirm
        title={mine ? '这是您发起的申请，需由另一位同事批准' : `批准并执行 ${r.fn}？`}
        okText="批准"
        onConfirm={() => act(r, true)}
      >
        <Button type="primary" className="request-approve">
          批准
        </Button>
      </Popconfirm>
      <Popconfirm
        title={<Input placeholder="驳回理由（可选）" onChange={(e) => setNote(e.target.value)} />}
        okText="驳回"
        onConfirm={() => act(r, false, note.trim() || undefined)}
      >
        <Button danger>驳回</Button>
      </Popconfirm>
    </Space>
  );
}

export function Requests({ session }: ScreenProps) {
  const [status, setStatus] = useState('pending');
  const [rows, setRows] = useState<ApprovalRequest[]>([]);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await listRequests(status));
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  }, [status]);
  useEffect(() => void load(), [load]);
  const act = async (r: ApprovalRequest, approve: boolean, note?: string) => {
    try {
      if (approve) await approveRequest(r.approvalId);
      else await rejectRequest(r.approvalId, note);
      void message.success(approve ? `已批准并执行：${r.fn}` : `已驳回：${r.fn}`);
      void load();
    } catch (e) {
      showError(e);
    }
  };
  const render = (_: unknown, r: ApprovalRequest) => (
    <RequestActions r={r} mine={by(r) === session.username} act={act} />
  );
  return (
    <Card title="待复核的操作">
      <Space style={{ marginBottom: 16 }}>
        <Select value={status} onChange={setStatus} style={{ width: 140 }} options={options(REQUEST_STATUS)} />
        <Button onClick={() => void load()}>刷新</Button>
        <ExportButton name="requests" columns={COLUMNS} rows={rows} />
      </Space>
      <Table<ApprovalRequest>
        rowKey="approvalId"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 50 }}
        columns={[...columns, { title: '处理', key: 'op', render }]}
      />
    </Card>
  );
}
