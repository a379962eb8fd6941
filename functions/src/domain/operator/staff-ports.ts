// The stores of the staff console's own data (docs/staff.md): accounts, requests awaiting a
// second signature, and the hash-chained audit log. The domain receives them as a `deps` object.
import type { StaffRole } from '@greenpoints/shared';
import type { Committer, Write } from '../ports';

export interface StaffAccount {
  username: string;
  roles: StaffRole[];
  disabled: boolean;
  /** `scrypt$N$r$p$<salt b64>$<hash b64>` (Node's crypto.scrypt). */
  passwordHash: string;
  /** Base32 TOTP secret (otplib). */
  totpSecret: string;
  failures: number;
  /** ISO time before which sign-in is refused (the lockout). */
  lockedUntil?: string;
  createdAt: string;
  createdBy: string;
  version: number;
}

export interface StaffAccountStore {
  get(username: string): Promise<StaffAccount | undefined>;
  /** False when the username is taken. */
  create(a: StaffAccount): Promise<boolean>;
  /** Guarded by the version read; false when it moved. */
  update(username: string, values: Partial<Omit<StaffAccount, 'username'>>, ifVersion: number): Promise<boolean>;
  list(limit: number, cursor?: string): Promise<{ items: StaffAccount[]; cursor?: string }>;
}

export type ApprovalStatus = 'pending' | 'approved' | 'executed' | 'failed' | 'rejected';

export interface Approval {
  approvalId: string;
  fn: string;
  /** The function's JSON event, without its token. */
  input: string;
  inputDigest: string;
  requester: string;
  requesterRoles: StaffRole[];
  status: ApprovalStatus;
  createdAt: string;
  expiresOn: string;
  approver?: string;
  decidedAt?: string;
  note?: string;
  /** The function's answer ({ok, result} or {ok: false, error}) as JSON text. */
  outcome?: string;
}

export interface ApprovalStore {
  get(approvalId: string): Promise<Approval | undefined>;
  /** The request item's write; an input too large for one item is stored in parts first. */
  create(a: Approval): Promise<Write>;
  /** The guarded status move: only from `from`, so two approvals cannot both win. */
  move(approvalId: string, from: ApprovalStatus, to: ApprovalStatus, values: Partial<Approval>): Write;
  list(status: ApprovalStatus, limit: number, cursor?: string): Promise<{ items: Approval[]; cursor?: string }>;
}

/** One staff call as the audit log keeps it (the chain fields are added by the store). */
export interface AuditEntry {
  at: string;
  actor: string;
  roles: string;
  fn: string;
  /** sha256 of the canonical JSON of the input (token removed). */
  inputDigest: string;
  input: string;
  ok: boolean;
  /** ok, awaiting_approval, denied (401/403) or error. */
  outcome: 'ok' | 'awaiting_approval' | 'denied' | 'error';
  result?: string;
  error?: string;
  approvalId?: string;
  requester?: string;
  approver?: string;
}

export interface AuditChain {
  /**
   * Appends one chained entry; `also` is committed in the same transaction (a failed guard of
   * one of them throws its `onFail`, and nothing is written).
   */
  append(entry: AuditEntry, also?: Array<{ write: Write; onFail: Error }>): Promise<void>;
  /** Entries at or before `through` (ISO time prefix), newest first; system entries have no chain. */
  page(limit: number, through?: string, cursor?: string): Promise<{ items: AuditRow[]; cursor?: string }>;
}

/** An entry as stored: the call and, for chained entries, its place in the chain. */
export type AuditRow = Partial<AuditEntry> & {
  at: string;
  chain?: string;
  seq?: number;
  hash?: string;
  /** The cursor that continues after this entry. */
  after: string;
};

export interface StaffDeps {
  accounts: StaffAccountStore;
  approvals: ApprovalStore;
  audit: AuditChain;
  tx: Committer;
}
