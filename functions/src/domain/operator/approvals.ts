// The second signature (docs/staff.md "Second signature"): a money move or a rule change is first
// a request; another staff member allowed to call the same function approves it (then it runs,
// once: the request moves pending → approved with a guarded write, in one transaction with the
// audit entry naming requester and approver) or rejects it. Requests expire after 24 hours.
import { randomBytes } from 'crypto';
import type { StaffRole } from '@greenpoints/shared';
import { DomainError, conflict, forbidden, notFound } from '../errors';
import { digestOf } from './audit-chain';
import type { Approval, ApprovalStatus, AuditChain, ApprovalStore } from './staff-ports';
import type { Committer } from '../ports';

export const REQUEST_TTL_MS = 24 * 60 * 60_000;

export interface Signer {
  username: string;
  roles: StaffRole[];
}

type Deps = { approvals: ApprovalStore; audit: AuditChain; tx: Committer };

export async function requestApproval(deps: Deps, fn: string, input: Record<string, unknown>, by: Signer) {
  const now = new Date();
  const a: Approval = {
    approvalId: 'ap_' + randomBytes(10).toString('hex'),
    fn,
    input: JSON.stringify(input),
    inputDigest: digestOf(input),
    requester: by.username,
    requesterRoles: by.roles,
    status: 'pending',
    createdAt: now.toISOString(),
    expiresOn: new Date(now.getTime() + REQUEST_TTL_MS).toISOString(),
  };
  const result = { status: 'awaiting_approval' as const, approvalId: a.approvalId };
  const create = await deps.approvals.create(a);
  await deps.audit.append(
    {
      at: a.createdAt,
      actor: by.username,
      roles: by.roles.join(','),
      fn,
      inputDigest: a.inputDigest,
      input: a.input.slice(0, 8000),
      ok: true,
      outcome: 'awaiting_approval',
      result: JSON.stringify(result),
      approvalId: a.approvalId,
      requester: by.username,
    },
    [{ write: create, onFail: conflict('conflict', 'approval id taken; try again') }],
  );
  return result;
}

/** Checks shared by approve and reject: pending, not expired, not one's own, a role of the function. */
async function decidable(deps: Deps, approvalId: string, by: Signer, mayCall: (fn: string) => boolean, now: Date) {
  const a = await deps.approvals.get(approvalId);
  if (!a) throw notFound(`request ${approvalId}`);
  if (a.status !== 'pending') throw conflict('request_not_pending', `the request is ${a.status}`);
  if (now.toISOString() > a.expiresOn) throw conflict('request_expired', `the request expired at ${a.expiresOn}`);
  if (a.requester === by.username)
    throw new DomainError('forbidden', 'self_approval', 'a request needs a second staff member');
  if (!mayCall(a.fn)) throw forbidden(`your roles may not call ${a.fn}`);
  return a;
}

/** Decides a pending request (approved or rejected): the status move and its audit entry together. */
export async function decide(
  deps: Deps,
  req: { approvalId: string; approve: boolean; note?: string },
  by: Signer,
  mayCall: (fn: string) => boolean,
  now = new Date(),
): Promise<Approval> {
  const a = await decidable(deps, req.approvalId, by, mayCall, now);
  const to: ApprovalStatus = req.approve ? 'approved' : 'rejected';
  const values = {
    approver: by.username,
    decidedAt: new Date().toISOString(),
    ...(req.note ? { note: req.note } : {}),
  };
  await deps.audit.append(
    {
      at: values.decidedAt,
      actor: by.username,
      roles: by.roles.join(','),
      fn: req.approve ? 'approve-request' : 'reject-request',
      inputDigest: digestOf(req),
      input: JSON.stringify({ ...req, fn: a.fn }),
      ok: true,
      outcome: 'ok',
      result: JSON.stringify({ status: to }),
      approvalId: a.approvalId,
      requester: a.requester,
      approver: by.username,
    },
    [
      {
        write: deps.approvals.move(a.approvalId, 'pending', to, values),
        onFail: conflict('request_not_pending', 'another decision on this request came first'),
      },
    ],
  );
  return { ...a, ...values, status: to };
}

/** After the approved function ran: its answer on the request (executed or failed). */
export async function recordOutcome(deps: Deps, a: Approval, outcome: { ok: boolean }): Promise<void> {
  await deps.tx.commit([
    deps.approvals.move(a.approvalId, 'approved', outcome.ok ? 'executed' : 'failed', {
      outcome: JSON.stringify(outcome).slice(0, 30000),
    }),
  ]);
}
