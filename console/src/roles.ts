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

const ALL: readonly Role[] = ROLES;
const OPS: readonly Role[] = ['operator'];
const FIN: readonly Role[] = ['finance'];
const ADM: readonly Role[] = ['admin'];

/** Function name -> roles that may call it. A missing name: nobody (the menu hides it). */
export const FUNCTION_ROLES: Record<string, readonly Role[]> = {
  'upsert-product': OPS,
  'upload-url': OPS,
  'ship-order': OPS,
  'review-after-sale': OPS,
  'receive-return': OPS,
  'complete-order': OPS,
  'list-orders': ['operator', 'finance', 'auditor'],
  'list-after-sale': ['operator', 'finance', 'auditor'],
  'find-user': ['operator', 'finance', 'auditor'],
  'list-withdrawals': ['finance', 'auditor'],
  'approve-withdrawal': FIN,
  'refund-order': FIN,
  buyback: FIN,
  grant: FIN,
  'daily-report': ['finance', 'auditor'],
  'settlement-report': ['finance', 'auditor'],
  'set-config': ADM,
  'import-legacy-members': ADM,
  'assign-agent': ['admin', 'auditor'],
  'add-staff': ADM,
  'list-staff': ADM,
  'update-staff': ADM,
  reconcile: ['auditor'],
  'audit-log': ['auditor', 'admin'],
  'list-requests': ALL,
  'approve-request': ALL,
  'reject-request': ALL,
};

export function can(roles: readonly Role[], fn: string): boolean {
  return (FUNCTION_ROLES[fn] ?? []).some((r) => roles.includes(r));
}
