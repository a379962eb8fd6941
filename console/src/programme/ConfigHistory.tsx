// Parameter versions, from the audit log of set-config (who asked, who approved, what changed).
import { Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { auditLog, type AuditEntry } from '../api';
import { showError } from '../ui/errors';
import { ExportButton } from '../ui/ExportButton';
import { time } from '../ui/format';

interface Version {
  at: string;
  actor: string;
  approver: string;
  version: string;
  change: string;
}

const COLUMNS = [
  { key: 'version', title: '版本' },
  { key: 'at', title: '时间' },
  { key: 'actor', title: '发起人' },
  { key: 'approver', title: '复核人' },
  { key: 'change', title: '变更' },
];

export function toVersion(e: AuditEntry): Version {
  const result = (e.result ?? {}) as { version?: number };
  const input = (e.input ?? {}) as { change?: unknown };
  return {
    at: e.at,
    actor: e.actor,
    approver: e.approver ?? '',
    version: result.version !== undefined ? String(result.version) : '',
    change: JSON.stringify(input.change ?? {}),
  };
}

export function ConfigHistory() {
  const [rows, setRows] = useState<Version[]>([]);
  useEffect(() => {
    auditLog({ fn: 'set-config', limit: 200 }).then(
      (es) => setRows(es.filter((e) => e.ok && (e.result as { version?: number } | undefined)?.version).map(toVersion)),
      showError,
    );
  }, []);
  return (
    <>
      <ExportButton name="config-versions" columns={COLUMNS} rows={rows} />
      <Table<Version>
        rowKey={(v) => `${v.version}-${v.at}`}
        size="small"
        dataSource={rows}
        style={{ marginTop: 12 }}
        columns={[
          { title: '版本', dataIndex: 'version', render: (v: string) => <Tag>v{v}</Tag> },
          { title: '时间', dataIndex: 'at', render: time },
          { title: '发起人', dataIndex: 'actor' },
          { title: '复核人', dataIndex: 'approver', render: (a: string) => a || '—' },
          { title: '变更', dataIndex: 'change', render: (c: string) => <code>{c}</code> },
        ]}
      />
    </>
  );
}
