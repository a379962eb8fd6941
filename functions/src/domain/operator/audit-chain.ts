// The audit log's hash chain (docs/staff.md "Audit log"): like the pool log, each entry's hash is
// sha256(previous hash + canonical JSON of the entry without its hash). One chain per UTC day and
// shard, each with a head item (last seq and hash) moved by a guarded write: appends to different
// shards never contend, and deleting the last entry of a chain breaks its head.
import { createHash } from 'crypto';
import { canonical } from '../wallet/poolhash';

export const GENESIS = '0'.repeat(64);
export const AUDIT_SHARDS = 4;

export type ChainedFields = Record<string, string | number | boolean>;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The digest of a call's input, as the audit entry records it. */
export const digestOf = (input: unknown): string => sha256(canonical(input));

export function entryHash(fields: ChainedFields): string {
  const { hash: _h, ...rest } = fields;
  return sha256(String(rest.prevHash) + canonical(rest));
}

export interface ChainHead {
  chain: string;
  seq: number;
  hash: string;
}

/** Every problem of the chains: a broken link, a hash that no longer matches, a missing entry. */
export function chainProblems(entries: ChainedFields[], heads: ChainHead[]): string[] {
  const byChain = new Map<string, ChainedFields[]>();
  for (const e of entries) {
    const c = String(e.chain);
    byChain.set(c, [...(byChain.get(c) ?? []), e]);
  }
  const problems: string[] = [];
  const headOf = new Map(heads.map((h) => [h.chain, h]));
  for (const [chain, list] of byChain) {
    list.sort((a, b) => Number(a.seq) - Number(b.seq));
    let prev = GENESIS;
    list.forEach((e, i) => {
      const where = `audit chain ${chain} entry ${String(e.seq)} (${String(e.SK)})`;
      if (Number(e.seq) !== i + 1) problems.push(`${where}: expected seq ${i + 1} (an entry is missing)`);
      if (e.prevHash !== prev) problems.push(`${where}: prevHash does not link to the entry before`);
      if (entryHash(e) !== e.hash) problems.push(`${where}: hash does not match its content (tampered)`);
      prev = String(e.hash);
    });
    const head = headOf.get(chain);
    const last = list[list.length - 1]!;
    if (!head || head.seq !== Number(last.seq) || head.hash !== last.hash)
      problems.push(`audit chain ${chain}: the head does not name its last entry (seq ${String(last.seq)})`);
  }
  for (const h of heads)
    if (!byChain.has(h.chain)) problems.push(`audit chain ${h.chain}: the head names entries that are gone`);
  return problems;
}
