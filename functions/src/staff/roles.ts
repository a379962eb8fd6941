// Who may call what: each staff function and the roles allowed to call it. docs/staff.md has the
// same table ("Roles"); test/integration/staff-roles.test.ts checks that the two agree and that
// every function over HTTP answers 403 to every other role.
import { FUNCTION_ROLES, type StaffRole } from '@greenpoints/shared';

export { FUNCTION_ROLES };

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
