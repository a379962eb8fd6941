// Staff functions called in process (as the Lambda console does) by test staff members. A money
// move or rule change answers awaiting_approval first: `staff` then approves it as a second
// member, as a finance team would (docs/staff.md "Second signature"); `staffOnce` does not.
import type { StaffRole } from '../functions/src/auth/roles';

export const ALL_ROLES: StaffRole[] = ['operator', 'finance', 'admin', 'auditor'];

/** A staff token of `user` (a local bootstrap name: no account needed on the local stage). */
export async function staffToken(user: string, roles: StaffRole[] = ALL_ROLES, ttl = 1800): Promise<string> {
  const { signToken } = await import('../functions/src/auth/token');
  return signToken({ userId: user, role: 'staff', roles }, ttl);
}

/** One call as `user`: the first call of a second-signature function only requests it. */
export async function staffOnce(user: string, name: string, input: Record<string, unknown> = {}): Promise<any> {
  const { STAFF_FUNCTIONS } = await import('../functions/src/staff/index');
  return STAFF_FUNCTIONS[name]!({ ...input, token: await staffToken(user) });
}

/** A call as `user`, approved by `${user}-2` when it waits for a second signature. */
export async function staffSigned(user: string, name: string, input: Record<string, unknown> = {}): Promise<any> {
  const first = await staffOnce(user, name, input);
  if (!first.ok || first.result?.status !== 'awaiting_approval') return first;
  return staffOnce(`${user}-2`, 'approve-request', { approvalId: first.result.approvalId });
}
