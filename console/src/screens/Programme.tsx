// The programme: parameters (with the simulator's preview), version history, settlement
// reports, legacy import (the server's dry run first), regional agents. Each tab to the roles that use it.
import { Card, Tabs } from 'antd';
import { can } from '../roles';
import { AgentsPanel } from '../programme/AgentsPanel';
import { ConfigHistory } from '../programme/ConfigHistory';
import { LegacyImport } from '../programme/LegacyImport';
import { ParamsPanel } from '../programme/ParamsPanel';
import { SettlementPanel } from '../programme/SettlementPanel';
import type { ScreenProps } from '.';

export function Programme({ session }: ScreenProps) {
  const may = (fn: string) => can(session.roles, fn);
  const tabs = [
    { key: 'params', label: '参数', children: <ParamsPanel mayChange={may('set-config')} />, show: true },
    {
      key: 'history',
      label: '版本历史',
      children: <ConfigHistory mayReadAudit={may('audit-log')} />,
      show: may('get-config'),
    },
    { key: 'settlement', label: '结算报告', children: <SettlementPanel />, show: may('settlement-report') },
    {
      key: 'legacy',
      label: '老会员导入',
      children: <LegacyImport mayImport={may('import-legacy-members')} />,
      show: may('import-legacy-members'),
    },
    {
      key: 'agents',
      label: '区域代理',
      children: <AgentsPanel mayAssign={may('assign-agent') && session.roles.includes('admin')} />,
      show: may('assign-agent'),
    },
  ];
  return (
    <Card title="积分计划">
      <Tabs items={tabs.filter((t) => t.show).map(({ show: _show, ...t }) => t)} />
    </Card>
  );
}
