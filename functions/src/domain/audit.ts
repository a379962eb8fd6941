// The staff audit log (AUDIT items written by the staff wrapper for every call): a query by time
// range, function name and count, newest first.
import { query, type Scalar } from '../repo/ddb';

export interface AuditQuery {
  from?: string;
  to?: string;
  fn?: string;
  actor?: string;
  limit?: number;
}

export async function auditLog(q: AuditQuery) {
  const limit = Math.min(q.limit ?? 50, 500);
  const out: Array<Record<string, unknown>> = [];
  let cursor: Record<string, Scalar> | undefined;
  // SK is `<ISO time>#<id>`: everything before `to` (exclusive of later ones), read newest first.
  const upper = q.to ? `${q.to}\uffff` : undefined;
  for (let page = 0; page < 50 && out.length < limit; page++) {
    const r = await query({
      pk: 'AUDIT',
      ...(upper ? { skLessThan: upper } : {}),
      newestFirst: true,
      limit: 200,
      cursor,
    });
    for (const i of r.items) {
      const at = String(i.at ?? String(i.SK).split('#')[0]);
      if (q.from && at < q.from) return out;
      if (q.fn && i.fn !== q.fn) continue;
      if (q.actor && i.actor !== q.actor) continue;
      out.push({
        at,
        actor: i.actor,
        fn: i.fn,
        ok: i.ok,
        input: typeof i.input === 'string' ? safeJson(i.input) : undefined,
        ...(i.result !== undefined ? { result: safeJson(String(i.result)) } : {}),
        ...(i.error !== undefined ? { error: i.error } : {}),
      });
      if (out.length >= limit) return out;
    }
    if (!r.next) break;
    cursor = r.next;
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
