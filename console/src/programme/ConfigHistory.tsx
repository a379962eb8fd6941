// Parameter versions as the server stores them (get-config: each version, when, what it changed
// and its full parameters, paged), with who asked and who approved from the audit log of
// set-config where the signed-in roles may read it.
import { Button, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { auditLog, getConfig, type AuditEntry, type ConfigVersionRow } from '../api';
import { showError } from '../ui/errors';
import { ExportButton } from '../ui/ExportButton';
import { time } from '../ui/format';
import { usePaged } from '../ui/usePaged';

interface Version {
  version: number;
  at: string;
  changed: string;
  params: string;
  actor: string;
  approver: string;
}

const COLUMNS = [
  { key: 'version', title: '版本' },
  { key: 'at', title: '时间' },
  { key: 'changed', title: '变更项' },
  { key: 'actor', title: '发起人' },
  { key: 'approver', title: '复核人' },
  { key: 'params', title: '参数' },
];

/** Who signed each version: the set-config entries that answered it (by version number). */
function signersOf(entries: AuditEntry[]): Map<number, { actor: string; approver: string }> {
  const out = new Map<number, { actor: string; approver: string }>();
  for (const e of entries) {
    const v = (e.result as { version?: number } | undefined)?.version;
    if (e.ok && typeof v === 'number') out.set(v, { actor: e.requester ?? e.actor, approver: e.approver ?? '' });
  }
  return out;
}

export function ConfigHistory({ mayReadAudit }: { mayReadAudit: boolean }) {
  const [signers, setSigners] = useState(new Map<number, { actor: string; approver: string }>());
  useEffect(() => {
    if (mayReadAudit) auditLog({ fn: 'set-config', limit: 500 }).then((es) => setSigners(signersOf(es)), showError);
  }, [mayReadAudit]);
  const list = usePaged(async (cursor) => {
    const c = await getConfig({ limit: 20, cursor });
    return { rows: c.history, cursor: c.cursor };
  }, 'config');
  const rows: Version[] = list.rows.map((v: ConfigVersionRow) => ({
    version: v.version,
    at: v.at,
    changed: v.changed,
    params: JSON.stringify(v.params),
    actor: signers.get(v.version)?.actor ?? '',
    approver: signers.get(v.version)?.approver ?? '',
  }));
  return (
    <>
      <ExportButton name="config-versions" columns={COLUMNS} rows={rows} />
      <Table<Version>
        className="config-history"
        rowKey="version"
        size="small"
        loading={list.loading}
        dataSource={rows}
        pagination={false}
        style={{ marginTop: 12 }}
        expandable={{ expandedRowRender: (v) => <code>{v.params}</code> }}
        columns={[
          { title: '版本', dataIndex: 'version', render: (v: number) => <Tag>v{v}</Tag> },
          { title: '时间', dataIndex: 'at', render: time },
          { title: '变更项', dataIndex: 'changed', render: (c: string) => c || '—' },
          { title: '发起人', dataIndex: 'actor', render: (a: string) => a || '—' },
          { title: '复核人', dataIndex: 'approver', render: (a: string) => a || '—' },
        ]}
      />
      {list.hasMore && (
        <Button style={{ marginTop: 8 }} onClick={list.more}>
          加载更多
        </Button>
      )}
    </>
  );
}
