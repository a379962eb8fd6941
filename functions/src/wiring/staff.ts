// Composition root of the staff accounts, the requests awaiting a second signature and the
// hash-chained audit log (the staff wrapper, sign-in, approve-request).
import type { StaffDeps } from '../domain/operator/staff-ports';
import type { StaffSigner } from '../domain/operator/staff-accounts';
import { signToken, STAFF_TTL_SECONDS } from '../auth/token';
import { approvalStore, staffAccountStore } from '../repo/staff';
import { auditChain } from '../repo/audit-chain';
import { committer } from '../repo/writes';

export const staffDeps = (): StaffDeps => ({
  accounts: staffAccountStore,
  approvals: approvalStore,
  audit: auditChain,
  tx: committer,
});

/** A staff session token: 30 minutes (auth/token.ts). */
export const staffSigner: StaffSigner = {
  ttlSeconds: STAFF_TTL_SECONDS,
  sign: (username, roles) => signToken({ userId: username, role: 'staff', roles }, STAFF_TTL_SECONDS),
};
