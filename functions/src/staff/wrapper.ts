// The staff wrapper: each staff function takes a JSON event (cloud console, `npm run staff --
// <name> '<json>'`, or POST /staff/<name>), checks the caller's staff token and roles
// (staff/roles.ts), turns the first call of a money move or rule change into a request for a
// second signature, appends every call (refused ones too) to the hash-chained audit log and
// answers {ok, result} or {ok: false, error} (errors mapped by the one table, functions/src/errors.ts).
// Each function's stores come from its own file's composition root (functions/src/wiring/); the
// wrapper's own (accounts, requests, the audit chain) from wiring/staff.ts.
import { randomBytes } from 'crypto';
import type { z } from 'zod';
import { verifyToken } from '../auth/token';
import type { StaffRole } from '../auth/roles';
import { staffDeps } from '../wiring/staff';
import { auditedScope } from '../wiring/console';
import { DomainError, forbidden } from '../domain/errors';
import { digestOf } from '../domain/operator/audit-chain';
import { requestApproval } from '../domain/operator/approvals';
import type { AuditEntry } from '../domain/operator/staff-ports';
import { classify, HTTP_STATUS, toStaffError } from '../errors';
import { isLocalStage } from '../stage';
import { log, withLogKeys } from '../log';
import { mayCall } from './roles';
import { openCursor, sealPage, type CursorScope } from '../http/cursor-seal';
import { needsSecondSignature } from './second-signature';

export interface StaffResult {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

/** Set (in process only: a symbol never comes from JSON) when approve-request runs a request. */
export const APPROVED = Symbol('approved');
export interface ApprovedRun {
  approvalId: string;
  requester: string;
  requesterRoles: StaffRole[];
  approver: string;
}

export type StaffEvent = Record<string, unknown> & { token?: string; source?: string; [APPROVED]?: ApprovedRun };

export interface Caller {
  username: string;
  roles: StaffRole[];
  /** The schedule's own run (a scheduled function's `{source: "schedule"}`), never a token's name. */
  system?: true;
  /** Set when this run is an approved request's (its audit entry names both signers). */
  approval?: ApprovedRun;
}

/** A function's answer that is already a staff answer (approve-request answers the request's). */
export class Passthrough {
  constructor(readonly out: StaffResult) {}
}

// The HTTP status of each answer (POST /staff/<name>), kept beside it, not in it.
const STATUS = new WeakMap<StaffResult, number>();
export const statusOf = (r: StaffResult): number => STATUS.get(r) ?? (r.ok ? 200 : 500);

function redact(event: StaffEvent): Record<string, unknown> {
  const { token: _t, source: _s, ...rest } = event ?? {};
  return rest;
}

/** Keys whose values never reach the audit log (a password, a TOTP code or secret). */
const SECRET_KEYS = /^(password|newPassword|totp|totpSecret|secret|otpauth(Url)?)$/i;

/** A copy of a call's input or answer with every secret value replaced (at any depth). */
export function withoutSecrets(v: unknown, depth = 0): unknown {
  if (depth > 8 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => withoutSecrets(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : withoutSecrets(x, depth + 1);
  return out;
}

/** The audit entry of one call (also built by a function that writes it in its own transaction). */
export function auditEntry(
  name: string,
  caller: Caller,
  input: Record<string, unknown>,
  out: StaffResult,
  status = 200,
) {
  const approved = caller.approval;
  input = withoutSecrets(input) as Record<string, unknown>;
  const entry: AuditEntry = {
    at: new Date().toISOString(),
    actor: caller.username,
    roles: caller.roles.join(','),
    fn: name,
    inputDigest: digestOf(input),
    input: JSON.stringify(input).slice(0, 8000),
    ok: out.ok,
    outcome: out.ok ? 'ok' : status === 401 || status === 403 ? 'denied' : 'error',
    result: JSON.stringify(withoutSecrets(out.ok ? (out.result ?? null) : out.error)).slice(0, 8000),
    ...(out.error ? { error: out.error.code } : {}),
    ...(approved
      ? { approvalId: approved.approvalId, requester: approved.requester, approver: approved.approver }
      : {}),
  };
  return entry;
}

async function audit(entry: AuditEntry): Promise<void> {
  await staffDeps()
    .audit.append(entry)
    .catch((err: unknown) => {
      // The call itself is done; a lost audit entry must at least reach the logs, loudly.
      log.error('audit entry lost', { fn: entry.fn, actor: entry.actor, error: err as Error });
    });
}

interface Opts<I = never> {
  scheduled?: boolean;
  /**
   * Asked before a request for a second signature is filed: throws for bad input, or answers
   * what the call would answer without changing anything (a file refused whole, a done import).
   */
  check?: (input: I) => Promise<unknown>;
  /** A query (or this input is one): every write in its scope is refused (repo/write-scope.ts). */
  readOnly?: boolean | ((input: I) => boolean);
}

/** What the entry written with the call's first transaction says it answered: the answer comes after the commit. */
const IN_TRANSACTION: StaffResult = { ok: true, result: { inTransaction: true } };

export function staff<S extends z.ZodTypeAny>(
  name: string,
  schema: S,
  fn: (input: z.infer<S>, actor: string, caller: Caller) => Promise<unknown>,
  opts: Opts<z.infer<S>> = {},
) {
  return (event: StaffEvent): Promise<StaffResult> =>
    withLogKeys({ fn: name, requestId: randomBytes(8).toString('hex') }, () => run(name, schema, fn, opts, event));
}

/** The event with its `cursor` opened (http/cursor-seal.ts); anything else is invalid_cursor. */
function withOpenCursor<T>(input: T, scope: CursorScope): T {
  if (!input || typeof input !== 'object') return input;
  const cursor = (input as Record<string, unknown>).cursor;
  if (typeof cursor !== 'string') return input;
  return { ...input, cursor: openCursor(cursor, scope) };
}

async function run<S extends z.ZodTypeAny>(
  name: string,
  schema: S,
  fn: (input: z.infer<S>, actor: string, caller: Caller) => Promise<unknown>,
  opts: Opts<z.infer<S>>,
  event: StaffEvent,
): Promise<StaffResult> {
  const approved = event?.[APPROVED];
  let caller: Caller = { username: 'unknown', roles: [] };
  let out: StaffResult;
  let status = 200;
  let audited = false;
  try {
    caller = approved
      ? { username: approved.requester, roles: approved.requesterRoles, approval: approved }
      : await callerOf(event, !!opts.scheduled);
    // Whoever is not the schedule or a run approved already needs the roles, and maybe a second signature.
    const signed = !approved && !caller.system;
    if (signed && !mayCall(name, caller.roles))
      throw forbidden(`the roles [${caller.roles.join(', ')}] may not call ${name}`);
    // A cursor is sealed for this staff member and this function, like the shopper API's.
    const scope: CursorScope = { caller: caller.username, list: `staff ${name}` };
    const input = schema.parse(withOpenCursor(redact(event), scope)) as z.infer<S>;
    if (signed && (await needsSecondSignature(name, input))) {
      const early = await opts.check?.(input);
      if (early !== undefined) out = { ok: true, result: early };
      else {
        out = { ok: true, result: await requestApproval(staffDeps(), name, redact(event), signer(caller)) };
        audited = true; // in the request's own transaction
      }
    } else {
      // The entry joins the call's first write (or the call appends its own: set-config, approvals).
      const inCall = caller;
      const scoped = auditedScope(
        () => auditEntry(name, inCall, redact(event), IN_TRANSACTION),
        readOnlyFor(opts, input) ? name : undefined,
        () => fn(input, inCall.username, inCall),
      );
      const r = await scoped.run;
      out = r instanceof Passthrough ? r.out : { ok: true, result: sealPage(r, scope) };
      if (r instanceof Passthrough) status = statusOf(r.out);
      audited = scoped.written() && (out.ok || r instanceof Passthrough);
    }
  } catch (e) {
    out = { ok: false, error: toStaffError(e, name) };
    status = HTTP_STATUS[classify(e).kind];
    // A call that committed a change and then failed gets a second entry: the failure.
  }
  STATUS.set(out, status);
  if (!audited) await audit(auditEntry(name, caller, redact(event), out, status));
  log.info('staff call', { actor: caller.username, ok: out.ok, ...(out.error ? { code: out.error.code } : {}) });
  return out;
}

const readOnlyFor = <I>(opts: Opts<I>, input: I) =>
  typeof opts.readOnly === 'function' ? opts.readOnly(input) : !!opts.readOnly;

const signer = (c: Caller) => ({ username: c.username, roles: c.roles });

/**
 * Who calls, with which roles: the schedule (scheduled functions only), or a staff token. The account, where there is one, must be enabled and still hold
 * the roles (a token outlives a change by at most 30 minutes otherwise). A token of a name with
 * no account is the local stage's bootstrap (the CLI, the tests) and is refused elsewhere.
 */
async function callerOf(event: StaffEvent, scheduled: boolean): Promise<Caller> {
  if (scheduled && event?.source === 'schedule') return { username: 'schedule', roles: [], system: true };
  const claims = await verifyToken(typeof event?.token === 'string' ? event.token : '');
  if (claims.role !== 'staff') throw forbidden('a staff token is required');
  let roles = claims.roles ?? [];
  const account = await staffDeps().accounts.get(claims.userId);
  if (account) {
    if (account.disabled) throw new DomainError('forbidden', 'account_disabled', 'this staff account is disabled');
    roles = roles.filter((r) => account.roles.includes(r));
  } else if (!isLocalStage()) throw forbidden('no such staff account');
  return { username: claims.userId, roles };
}
