// The staff wrapper: each staff function takes a JSON event (cloud console, or
// `npm run staff -- <name> '<json>'`), checks a staff token, audits the call and answers
// {ok, result} or {ok: false, error} (errors mapped by the one table, functions/src/errors.ts).
// Each function's stores come from its own file's composition root (functions/src/wiring/);
// the wrapper's own, the audit log, from wiring/audit.ts.
import { randomBytes } from 'crypto';
import type { z } from 'zod';
import { verifyToken } from '../auth/token';
import { staffAudit } from '../wiring/audit';
import { forbidden } from '../domain/errors';
import { toStaffError } from '../errors';
import { log, withLogKeys } from '../log';

export interface StaffResult {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

export type StaffEvent = Record<string, unknown> & { token?: string; source?: string };

async function audit(name: string, actor: string, input: unknown, outcome: StaffResult): Promise<void> {
  const at = new Date().toISOString();
  const redacted = { ...(input as Record<string, unknown>) };
  delete redacted.token;
  const entry = staffAudit.audit.record({
    at,
    actor,
    fn: name,
    input: JSON.stringify(redacted).slice(0, 8000),
    ok: outcome.ok,
    result: JSON.stringify(outcome.ok ? (outcome.result ?? null) : outcome.error).slice(0, 8000),
    ...(outcome.error ? { error: outcome.error.code } : {}),
  });
  await staffAudit.tx.commit([entry]).catch((e: unknown) => {
    // The call itself is done; a lost audit entry must at least reach the logs, loudly.
    log.error('audit entry lost', { fn: name, actor, error: e as Error });
  });
}

export function staff<S extends z.ZodTypeAny>(
  name: string,
  schema: S,
  fn: (input: z.infer<S>, actor: string) => Promise<unknown>,
  opts: { scheduled?: boolean } = {},
) {
  return (event: StaffEvent): Promise<StaffResult> =>
    withLogKeys({ fn: name, requestId: randomBytes(8).toString('hex') }, async () => {
      let actor = 'unknown';
      let out: StaffResult;
      try {
        actor = await actorOf(event, !!opts.scheduled);
        const { token: _t, source: _s, ...rest } = event ?? {};
        out = { ok: true, result: await fn(schema.parse(rest), actor) };
      } catch (e) {
        out = { ok: false, error: toStaffError(e, name) };
      }
      await audit(name, actor, event, out);
      log.info('staff call', { actor, ok: out.ok, ...(out.error ? { code: out.error.code } : {}) });
      return out;
    });
}

/** Who calls: the schedule (scheduled functions only), or the user of a staff token. */
async function actorOf(event: StaffEvent, scheduled: boolean): Promise<string> {
  if (scheduled && event?.source === 'schedule') return 'schedule';
  const claims = await verifyToken(typeof event?.token === 'string' ? event.token : '');
  if (claims.role !== 'staff') throw forbidden('a staff role is required');
  return claims.userId;
}
