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
import { inWriteScope, joinOfScope, outsideWriteScope } from './write-scope';
import type { Write } from '../domain/ports';

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

/** An entry's two writes on a chain's current head (a shard at random: appends mostly miss each other). */
async function entryOps(entry: AuditEntry): Promise<TxOp[]> {
  const chain = `${entry.at.slice(0, 10)}#${randomInt(AUDIT_SHARDS)}`;
  const head = await getItem(keys.auditHead(chain));
  const seq = Number(head?.seq ?? 0) + 1;
  const item = chainedItem(entry, chain, seq, String(head?.hash ?? GENESIS));
  return [
    {
      op: 'put',
      item: { ...keys.auditHead(chain), type: 'audit_head', chain, seq, hash: String(item.hash), version: seq },
      ifVersion: head ? Number(head.version) : null,
    },
    { op: 'create', item },
  ];
}

/** A staff call's scope state: whether its entry is written (joined, or appended by the call itself). */
interface Joined {
  written: boolean;
  busy: boolean;
}
const joinedOf = new WeakMap<object, Joined>();

/**
 * Runs a writing staff call with its audit entry joined to its first transaction or single write
 * (repo/write-scope.ts), or a read-only one with every write refused. Answers whether the entry
 * was written with the call's writes (else the caller appends it after).
 */
export function auditedScope<T>(
  entry: () => AuditEntry,
  readOnly: string | undefined,
  fn: () => Promise<T>,
): { run: Promise<T>; written: () => boolean } {
  const state: Joined = { written: false, busy: false };
  const join = {
    pending: () => !state.written && !state.busy,
    async claim() {
      if (state.written || state.busy) return undefined;
      state.busy = true;
      return entryOps(entry()).catch((e: unknown) => {
        state.busy = false;
        throw e;
      });
    },
    release(committed: boolean) {
      state.busy = false;
      if (committed) state.written = true;
    },
  };
  joinedOf.set(join, state);
  const run = inWriteScope(readOnly ? { readOnly } : { join }, fn);
  return { run, written: () => state.written };
}

export const auditChain: AuditChain = {
  async append(entry, also = []) {
    // The call's own entry (set-config, approvals): a later write of the call joins no other.
    const scoped = joinOfScope();
    const state = scoped ? joinedOf.get(scoped) : undefined;
    await outsideWriteScope(() => appendNow(entry, also));
    if (state) state.written = true;
  },
  page,
};

async function appendNow(entry: AuditEntry, also: Array<{ write: Write; onFail: Error }>): Promise<void> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const ops: TxOp[] = [...(await entryOps(entry)), ...also.map((a) => asOp(a.write))];
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
}

async function page(limit: number, through?: string, cursor?: string) {
  const pk = partitions.audit;
  const r = await query({
    pk,
    ...(through ? { skLessThan: skBounds.auditThrough(through) } : {}),
    newestFirst: true,
    limit,
    cursor: decodeCursor(cursor, pk),
  });
  return { items: r.items.map(toRow), cursor: encodeCursor(r.next) };
}

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
