// The console's screens, each shown to the roles allowed to call any of its functions.
import type { ComponentType } from 'react';
import type { Session } from '../session';
import { AfterSale } from './AfterSale';
import { Audit } from './Audit';
import { Dashboard } from './Dashboard';
import { Orders } from './Orders';
import { Products } from './Products';
import { Programme } from './Programme';
import { Requests } from './Requests';
import { StaffAccounts } from './StaffAccounts';
import { Users } from './Users';
import { Withdrawals } from './Withdrawals';

export interface ScreenProps {
  session: Session;
}

export interface Screen {
  key: string;
  label: string;
  fns: string[];
  Component: ComponentType<ScreenProps>;
}

export const SCREENS: Screen[] = [
  { key: 'dashboard', label: '经营概览', fns: ['list-requests'], Component: Dashboard },
  { key: 'orders', label: '订单', fns: ['list-orders'], Component: Orders },
  { key: 'after-sale', label: '售后', fns: ['list-after-sale'], Component: AfterSale },
  { key: 'withdrawals', label: '提现', fns: ['list-withdrawals', 'approve-withdrawal'], Component: Withdrawals },
  { key: 'products', label: '商品', fns: ['upsert-product', 'list-products'], Component: Products },
  { key: 'users', label: '用户', fns: ['find-user'], Component: Users },
  {
    key: 'programme',
    label: '积分计划',
    fns: ['set-config', 'settlement-report', 'import-legacy-members', 'assign-agent'],
    Component: Programme,
  },
  { key: 'requests', label: '待复核', fns: ['list-requests'], Component: Requests },
  { key: 'audit', label: '审计日志', fns: ['audit-log'], Component: Audit },
  { key: 'staff', label: '员工账号', fns: ['list-staff'], Component: StaffAccounts },
];
