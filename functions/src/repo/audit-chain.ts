// The hash-chained audit log on DynamoDB (domain/operator/audit-chain.ts): entries stay in the AUDIT
// partition (sorted by `<ISO time>#<id>`, which the audit-log query reads), each carrying its
// chain (`<UTC day>#<shard>`), seq, prevHash and hash; the chain's head item moves with a
// version guard in the same transaction as the entry (and as the caller's own writes).
import { randomBytes, randomInt } from 'crypto';
import type { AuditChain, AuditEntry, AuditRow } from '../domain/operator/staff-ports';
import { AUDIT_SHARDS, entryHash, GENESIS, type ChainHead, type ChainedFields } from '../domain/operator/audit-chain';
import { conflict } from '../domain/errors';
import { getItem, query, transact, TxCancelled, type Item, type TxOp } from './ddb';
import { isAuditHead, keys, partitions, skBounds } from './keys';
import { decodeCursor, encodeCursor } from './cursor';
import { asOp } from './writes';

const ATTEMPTS = 10;

function chainedItem(entry: AuditEntry, chain: string, seq: number, prevHash: string): Item {
  const fields: ChainedFields = {
    ...keys.audit(entry.at, randomBytes(4).toString('hex')),
    type: 'audit',
    ...(Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as ChainedFields),
    chain,
    seq,
    prevHash,
  };
  return { ...fields, hash: entryHash(fields) };
}

export const auditChain: AuditChain = {
  async append(entry, also = []) {
    const day = entry.at.slice(0, 10);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      // A shard at random: concurrent appends mostly land on different heads.
      const chain = `${day}#${randomInt(AUDIT_SHARDS)}`;
      const head = await getItem(keys.auditHead(chain));
      const seq = Number(head?.seq ?? 0) + 1;
      const item = chainedItem(entry, chain, seq, String(head?.hash ?? GENESIS));
      const ops: TxOp[] = [
        {
          op: 'put',
          item: { ...keys.auditHead(chain), type: 'audit_head', chain, seq, hash: String(item.hash), version: seq },
          ifVersion: head ? Number(head.version) : null,
        },
        { op: 'create', item },
        ...also.map((a) => asOp(a.write)),
      ];
      try {
        return await transact(ops);
      } catch (e) {
        if (!(e instanceof TxCancelled)) throw e;
        const theirs = e.failedIndexes().find((i) => i >= 2);
        if (theirs !== undefined) throw also[theirs - 2]!.onFail;
        // Only the head moved (another append won): read it again.
      }
    }
    throw conflict('conflict', 'the audit log is busy; try again');
  },
  async page(limit, through, cursor) {
    const pk = partitions.audit;
    const r = await query({
      pk,
      ...(through ? { skLessThan: skBounds.auditThrough(through) } : {}),
      newestFirst: true,
      limit,
      cursor: decodeCursor(cursor, pk),
    });
    return { items: r.items.map(toRow), cursor: encodeCursor(r.next) };
  },
};

function toRow(i: Item): AuditRow {
  const { PK: _pk, SK: _sk, type: _t, prevHash: _p, ...rest } = i;
  return {
    ...(rest as Partial<AuditRow>),
    at: String(i.at ?? String(i.SK).split('#')[0]),
    after: encodeCursor({ PK: String(i.PK), SK: String(i.SK) })!,
  };
}

/** The chained entries and heads among scanned items (reconcile). */
export function auditChainsOf(items: Item[]): { entries: ChainedFields[]; heads: ChainHead[] } {
  const entries = items.filter((i) => i.PK === partitions.audit && typeof i.chain === 'string');
  const heads = items
    .filter((i) => isAuditHead(String(i.PK)))
    .map((i) => ({ chain: String(i.chain), seq: Number(i.seq), hash: String(i.hash) }));
  return { entries, heads };
}
