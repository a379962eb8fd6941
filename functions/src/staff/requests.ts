// Requests awaiting a second signature as staff functions: approve-request runs the requested
// function exactly once (domain/operator/approvals.ts) and answers its own answer; reject-request;
// list-requests.
import { z } from 'zod';
import { decide, recordOutcome } from '../domain/operator/approvals';
import { digestOf } from '../domain/operator/audit-chain';
import { conflict } from '../domain/errors';
import type { ApprovalStatus } from '../domain/operator/staff-ports';
import { staffDeps } from '../wiring/staff';
import { isLocalStage } from '../stage';
import { mayCall } from './roles';
import { registry } from './registry';
import { APPROVED, Passthrough, staff, type Caller, type StaffEvent } from './wrapper';

const approvalId = z.string().regex(/^ap_[0-9a-f]{20}$/, 'an approvalId from the request');
/** The stand-in clock (expiry tests and demos): the local stage only. */
const standIn = z
  .string()
  .datetime()
  .optional()
  .refine((v) => v === undefined || isLocalStage(), 'now is accepted in the local stage only');

const may = (c: Caller) => (fn: string) => mayCall(fn, c.roles);

export const approveRequest = staff(
  'approve-request',
  z.object({ approvalId, now: standIn }).strict(),
  async ({ approvalId: id, now }, _actor, caller) => {
    const deps = staffDeps();
    const a = await decide(
      deps,
      { approvalId: id, approve: true },
      caller,
      may(caller),
      now ? new Date(now) : undefined,
    );
    // What runs is what was asked: the stored input still has the digest its audit entry names.
    if (digestOf(JSON.parse(a.input)) !== a.inputDigest)
      throw conflict('request_tampered', 'the stored request no longer matches its digest');
    const run = registry.get(a.fn);
    if (!run) throw new Error(`staff function ${a.fn} is not registered`);
    const event: StaffEvent = {
      ...(JSON.parse(a.input) as Record<string, unknown>),
      [APPROVED]: {
        approvalId: id,
        requester: a.requester,
        requesterRoles: a.requesterRoles,
        approver: caller.username,
      },
    };
    const out = await run(event);
    await recordOutcome(deps, a, out);
    return new Passthrough(out);
  },
);

export const rejectRequest = staff(
  'reject-request',
  z.object({ approvalId, note: z.string().trim().min(1).max(200).optional(), now: standIn }).strict(),
  async ({ approvalId: id, note, now }, _actor, caller) => {
    const a = await decide(
      staffDeps(),
      { approvalId: id, approve: false, ...(note ? { note } : {}) },
      caller,
      may(caller),
      now ? new Date(now) : undefined,
    );
    return { approvalId: a.approvalId, status: a.status, fn: a.fn, requester: a.requester, approver: a.approver };
  },
);

const STATUSES = ['pending', 'approved', 'executed', 'failed', 'rejected'] as const satisfies readonly ApprovalStatus[];

export const listRequests = staff(
  'list-requests',
  z
    .object({
      status: z.enum(STATUSES).default('pending'),
      limit: z.number().int().min(1).max(500).default(50),
      cursor: z.string().max(2000).optional(),
    })
    .strict(),
  async ({ status, limit, cursor }) => {
    const r = await staffDeps().approvals.list(status, limit, cursor);
    const now = new Date().toISOString();
    const rows = r.items.map(({ input, outcome, ...rest }) => ({
      ...rest,
      // A pending request past its 24 hours can no longer be approved (request_expired).
      ...(rest.status === 'pending' ? { expired: now > rest.expiresOn } : {}),
      input: safeJson(input),
      ...(outcome ? { outcome: safeJson(outcome) } : {}),
    }));
    return { rows, ...(r.cursor ? { cursor: r.cursor } : {}) };
  },
);

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s; // a truncated answer stays readable as text
  }
}

export const REQUEST_FUNCTIONS = {
  'approve-request': approveRequest,
  'reject-request': rejectRequest,
  'list-requests': listRequests,
};
