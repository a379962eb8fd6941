// Who may call what: each staff function and the roles allowed to call it. docs/staff.md has the
// same table ("Roles"); test/integration/staff-roles.test.ts checks that the two agree and that
// every function over HTTP answers 403 to every other role.
import type { StaffRole } from '../auth/roles';

const O: StaffRole = 'operator';
const F: StaffRole = 'finance';
const A: StaffRole = 'admin';
const R: StaffRole = 'auditor';

export const FUNCTION_ROLES: Record<string, readonly StaffRole[]> = {
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
  // WeChat's shipping uploads, unpaid orders and transfer bills (schedules, or by hand).
  'retry-shipping-uploads': [O, A],
  'list-shipping-uploads': [O, R],
  'cancel-unpaid': [O, A],
  'sync-transfers': [F, A],
  'sandbox-transfer': [F],
  'add-staff': [A],
  'list-staff': [A, R],
  'update-staff': [A],
  // Deciding a request also needs a role allowed to call the requested function (approvals.ts).
  'approve-request': [O, F, A],
  'reject-request': [O, F, A],
  'list-requests': [O, F, A, R],
};

/**
 * Functions that do nothing on the first call: a request waits for a second staff member
 * (approve-withdrawal only above withdrawSecondSignAbove, staff/second-signature.ts).
 */
export const SECOND_SIGNATURE = new Set([
  'grant',
  'buyback',
  'set-config',
  'import-legacy-members',
  'refund-order',
  'assign-agent',
  'approve-withdrawal',
]);

export function mayCall(fn: string, roles: readonly StaffRole[]): boolean {
  const allowed = FUNCTION_ROLES[fn];
  return !!allowed && roles.some((r) => allowed.includes(r));
}
