// The staff roles and which staff function each may call (docs/staff.md "Roles"). One table for
// both sides: the server decides (functions/src/staff/roles.ts), the console only hides what a
// signed-in member cannot use.
export const STAFF_ROLES = ['operator', 'finance', 'admin', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (s: string): s is StaffRole => (STAFF_ROLES as readonly string[]).includes(s);

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
  // The console's queries (read-only): the liabilities are finance data.
  liabilities: [F, A, R],
  'user-ledger': [O, F, R],
  'user-referrals': [O, F, A, R],
  'get-config': [F, A, R],
  'list-products': [O, A, R],
  'get-order': [O, F, R],
  // WeChat's shipping uploads, unpaid orders and transfer bills (schedules, or by hand).
  'retry-shipping-uploads': [O, A],
  'list-shipping-uploads': [O, R],
  'cancel-unpaid': [O, A],
  'sync-transfers': [F, A],
  'sandbox-transfer': [F],
  // Migrations (docs/staff.md "Migrations"): idempotent, run once after a deploy.
  'backfill-user-lists': [A],
  'add-staff': [A],
  'list-staff': [A, R],
  'update-staff': [A],
  // Deciding a request also needs a role allowed to call the requested function (approvals.ts).
  'approve-request': [O, F, A],
  'reject-request': [O, F, A],
  'list-requests': [O, F, A, R],
};
