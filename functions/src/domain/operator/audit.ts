// The staff audit log (one entry per staff call, written by the staff wrapper): a query by time
import type { Deps } from '../deps';
// range, function name and count, newest first.

export interface AuditQuery {
  from?: string;
  to?: string;
  fn?: string;
  actor?: string;
  limit?: number;
}

export async function auditLog(d: Pick<Deps, 'audit'>, q: AuditQuery) {
  const limit = Math.min(q.limit ?? 50, 500);
  const out: Array<Record<string, unknown>> = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50 && out.length < limit; page++) {
    const r = await d.audit.page(200, q.to, cursor);
    for (const i of r.items) {
      const at = i.at;
      if (q.from && at < q.from) return out;
      if (q.fn && i.fn !== q.fn) continue;
      if (q.actor && i.actor !== q.actor) continue;
      out.push({
        at,
        actor: i.actor,
        fn: i.fn,
        ok: i.ok,
        input: i.input !== undefined ? safeJson(i.input) : undefined,
        ...(i.result !== undefined ? { result: safeJson(i.result) } : {}),
        ...(i.error !== undefined ? { error: i.error } : {}),
      });
      if (out.length >= limit) return out;
    }
    if (!r.cursor) break;
    cursor = r.cursor;
  }
  return out;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s; // a truncated record stays readable as text
  }
}
