// The audit-log query (staff `audit-log`): entries newest first, filtered by actor, function,
// date range and outcome. Reads pages of the AUDIT partition from `to` back to `from`.
import type { AuditChain, AuditRow } from './staff-ports';

export interface AuditFilter {
  from?: string;
  to?: string;
  fn?: string;
  actor?: string;
  outcome?: AuditRow['outcome'];
  limit?: number;
  cursor?: string;
}

const matches = (q: AuditFilter, r: AuditRow) =>
  (!q.fn || r.fn === q.fn) &&
  (!q.actor || r.actor === q.actor || r.approver === q.actor) &&
  (!q.outcome || r.outcome === q.outcome);

function view(r: AuditRow): Record<string, unknown> {
  const parse = (s: string | undefined) => {
    if (s === undefined) return undefined;
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return s; // a truncated record stays readable as text
    }
  };
  const { after: _a, ...rest } = r;
  return { ...rest, input: parse(r.input), result: parse(r.result) };
}

export async function auditQuery(deps: { audit: AuditChain }, q: AuditFilter) {
  const limit = Math.min(q.limit ?? 50, 500);
  const entries: Array<Record<string, unknown>> = [];
  let cursor = q.cursor;
  // Bounded: at most 50 pages of 200 scanned per call; `cursor` continues where it stopped.
  for (let page = 0; page < 50; page++) {
    const r = await deps.audit.page(200, q.to, cursor);
    cursor = r.cursor;
    for (const row of r.items) {
      if (q.from && row.at < q.from) return { entries };
      if (matches(q, row)) entries.push(view(row));
      if (entries.length >= limit) return { entries, cursor: row.after };
    }
    if (!cursor) break;
  }
  return { entries, ...(cursor ? { cursor } : {}) };
}
