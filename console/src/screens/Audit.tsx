// The audit log: every staff call (and every refused one), newest first, with filters.
import { Button, Card, DatePicker, Input, InputNumber, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { auditLog, type AuditEntry, type AuditQuery } from '../api';
import { showError } from '../ui/errors';
import { ExportButton } from '../ui/ExportButton';
import { time } from '../ui/format';

const COLUMNS = [
  { key: 'at', title: '时间' },
  { key: 'actor', title: '操作人' },
  { key: 'roles', title: '角色' },
  { key: 'fn', title: '功能' },
  { key: 'outcome', title: '结果' },
  { key: 'requester', title: '发起人' },
  { key: 'approver', title: '复核人' },
  { key: 'input', title: '输入' },
  { key: 'error', title: '错误' },
];

const OUTCOMES: Record<string, [string, string]> = {
  ok: ['成功', 'green'],
  awaiting_approval: ['待复核', 'orange'],
  denied: ['拒绝访问', 'red'],
  error: ['失败', 'red'],
};

function Outcome({ e }: { e: AuditEntry }) {
  const [label, color] = OUTCOMES[e.outcome ?? (e.ok ? 'ok' : 'error')] ?? [e.outcome ?? '', 'default'];
  return <Tag color={color}>{label}</Tag>;
}

export function Audit() {
  const [q, setQ] = useState<AuditQuery>({ limit: 100 });
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const [loading, setLoading] = useState(false);
  const search = useCallback(async (query: AuditQuery) => {
    setLoading(true);
    try {
      setRows(await auditLog(query));
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void search({ limit: 100 }), [search]);
  const range = (r: [Dayjs | null, Dayjs | null] | null) =>
    setQ({ ...q, from: r?.[0]?.startOf('day').toISOString(), to: r?.[1]?.endOf('day').toISOString() });
  return (
    <Card title="审计日志">
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker onChange={range} />
        <Input
          placeholder="功能，如 set-config"
          allowClear
          onChange={(e) => setQ({ ...q, fn: e.target.value || undefined })}
        />
        <Input placeholder="操作人" allowClear onChange={(e) => setQ({ ...q, actor: e.target.value || undefined })} />
        <InputNumber
          min={1}
          max={500}
          value={q.limit}
          onChange={(v) => setQ({ ...q, limit: v ?? 100 })}
          addonBefore="条数"
        />
        <Button type="primary" onClick={() => void search(q)}>
          查询
        </Button>
        <ExportButton name="audit-log" columns={COLUMNS} rows={rows} />
      </Space>
      <Table<AuditEntry>
        rowKey={(e) => `${e.at}-${e.actor}-${e.fn}`}
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '时间', dataIndex: 'at', render: time },
          { title: '操作人', dataIndex: 'actor' },
          {
            title: '角色',
            dataIndex: 'roles',
            render: (r?: string | string[]) => (Array.isArray(r) ? r.join('、') : r || '—'),
          },
          { title: '功能', dataIndex: 'fn', render: (f: string) => <Tag>{f}</Tag> },
          { title: '结果', key: 'outcome', render: (_: unknown, e: AuditEntry) => <Outcome e={e} /> },
          { title: '发起人', dataIndex: 'requester', render: (a?: string) => a ?? '—' },
          { title: '复核人', dataIndex: 'approver', render: (a?: string) => a ?? '—' },
          {
            title: '输入',
            dataIndex: 'input',
            render: (i: unknown) => <code style={{ fontSize: 12 }}>{JSON.stringify(i)}</code>,
          },
        ]}
      />
    </Card>
  );
}
