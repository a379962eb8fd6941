// Which roles may call which staff function (docs/staff.md "Roles"). The server decides (a role
// not allowed is 403 forbidden); this copy only hides what the signed-in member cannot use.
export const ROLES = ['operator', 'finance', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  operator: '运营',
  finance: '财务',
  admin: '管理员',
  auditor: '审计',
};

const O: Role = 'operator';
const F: Role = 'finance';
const A: Role = 'admin';
const R: Role = 'auditor';

/** Function name -> roles that may call it. A missing name: nobody (the menu hides it). */
export const FUNCTION_ROLES: Record<string, readonly Role[]> = {
  'ship-order': [O],
  'complete-order': [O],
  'complete-due': [O, A],
  'review-after-sale': [O],
  'receive-return': [O, F],
  'refund-order': [F],
  'drain-pool': [O, A],
  'upsert-product': [O],
  'upload-url': [O],
  'set-config': [A],
  buyback: [F],
  grant: [F],
  'approve-withdrawal': [F],
  reconcile: [F, A, R],
  'settle-day': [F],
  'settlement-report': [F, R],
  'release-locked': [F],
  'import-legacy-members': [A],
  'assign-agent': [A],
  'audit-log': [A, R],
  'list-orders': [O, F, R],
  'list-after-sale': [O, F, R],
  'list-withdrawals': [F, R],
  'find-user': [O, F, R],
  'daily-report': [F, A, R],
  'add-staff': [A],
  'list-staff': [A, R],
  'update-staff': [A],
  // Deciding a request also needs a role allowed to call the requested function (the server checks).
  'approve-request': [O, F, A],
  'reject-request': [O, F, A],
  'list-requests': [O, F, A, R],
};

export function can(roles: readonly Role[], fn: string): boolean {
  return (FUNCTION_ROLES[fn] ?? []).some((r) => roles.includes(r));
}
