// The staff audit log on DynamoDB: one item per call under AUDIT, sorted by `<ISO time>#<id>`.
import { randomBytes } from 'crypto';
import type { AuditRecord, AuditStore } from '../domain/operator/ports';
import { query, type Item } from './ddb';
import { auditAtOf, keys, partitions, skBounds } from './keys';
import { decodeCursor, encodeCursor } from './cursor';
import { asWrite } from './writes';

/** The item of one audit entry (also written by the staff wrapper, outside any transaction). */
export function auditItem(r: AuditRecord & { actor: string; fn: string; ok: boolean; input: string }): Item {
  return {
    ...keys.audit(r.at, randomBytes(4).toString('hex')),
    type: 'audit',
    at: r.at,
    actor: r.actor,
    fn: r.fn,
    input: r.input,
    ok: r.ok,
    ...(r.result !== undefined ? { result: r.result } : {}),
    ...(r.error !== undefined ? { error: r.error } : {}),
  };
}

function toRecord(i: Item): AuditRecord {
  return {
    at: String(i.at ?? auditAtOf(String(i.SK))),
    ...(i.actor !== undefined ? { actor: String(i.actor) } : {}),
    ...(i.fn !== undefined ? { fn: String(i.fn) } : {}),
    ...(typeof i.ok === 'boolean' ? { ok: i.ok } : {}),
    ...(typeof i.input === 'string' ? { input: i.input } : {}),
    ...(i.result !== undefined ? { result: String(i.result) } : {}),
    ...(i.error !== undefined ? { error: String(i.error) } : {}),
  };
}

export const auditStore: AuditStore = {
  record: (r) => asWrite({ op: 'create', item: auditItem(r) }),
  async page(limit, through, cursor) {
    // Every entry whose time is `through` or earlier.
    const upper = through ? skBounds.auditThrough(through) : undefined;
    const r = await query({
      pk: partitions.audit,
      ...(upper ? { skLessThan: upper } : {}),
      newestFirst: true,
      limit,
      cursor: decodeCursor(cursor, partitions.audit),
    });
    return { items: r.items.map(toRecord), cursor: encodeCursor(r.next) };
  },
};
