// The last reconcile (from the audit log) and its result; an auditor can run one now.
import { Alert, Button, Card, List, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { auditLog, reconcile, type ReconcileResult } from '../api';
import { can, type Role } from '../roles';
import { errorText, showError } from '../ui/errors';
import { time } from '../ui/format';

interface Last {
  at: string;
  actor: string;
  result?: ReconcileResult;
}

export function LastReconcile({ roles }: { roles: Role[] }) {
  const [last, setLast] = useState<Last | null>();
  const [running, setRunning] = useState(false);
  const [note, setNote] = useState<string>();
  const load = useCallback(() => {
    auditLog({ fn: 'reconcile', limit: 1 }).then(
      (es) =>
        setLast(
          es[0] ? { at: es[0].at, actor: es[0].actor, result: es[0].result as ReconcileResult | undefined } : null,
        ),
      (e) => setNote(errorText(e)),
    );
  }, []);
  useEffect(() => {
    if (can(roles, 'audit-log')) load();
    else setNote('当前角色不能查看审计日志');
  }, [roles, load]);
  const run = async () => {
    setRunning(true);
    try {
      const r = await reconcile();
      setLast({ at: new Date().toISOString(), actor: '我', result: r });
    } catch (e) {
      showError(e);
    } finally {
      setRunning(false);
    }
  };
  const clean = last?.result?.clean;
  return (
    <Card
      title="对账"
      extra={
        can(roles, 'reconcile') && (
          <Button onClick={() => void run()} loading={running}>
            立即对账
          </Button>
        )
      }
    >
      {running && (
        <Spin tip="正在全表对账，可能需要几分钟 …">
          <div style={{ height: 40 }} />
        </Spin>
      )}
      {note && <p>暂无数据（{note}）</p>}
      {last === null && <p>暂无数据（尚未对账）</p>}
      {last && (
        <Alert
          type={clean ? 'success' : 'error'}
          title={`${time(last.at)} · ${last.actor} · ${clean ? '账目一致' : `发现 ${last.result?.problems?.length ?? '?'} 个问题`}`}
          description={
            !clean && (
              <List
                size="small"
                dataSource={last.result?.problems ?? []}
                renderItem={(p) => <List.Item>{p}</List.Item>}
              />
            )
          }
        />
      )}
    </Card>
  );
}
