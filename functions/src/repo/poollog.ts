// The pool, its log, its queue and the projections of the log on DynamoDB (docs/data-model.md
// "The pool as a log"): key layout, item forms and the conditions that make each write safe.
import { applyChanges, type Params, type Wallet } from '@greenpoints/shared';
import {
  batchGet,
  batchWrite,
  getItem,
  inWritePhase,
  query,
  releaseLease,
  transact,
  tryLease,
  writeOne,
  MAX_TX_ITEMS,
  TxCancelled,
  type Item,
  type Key,
  type TxOp,
} from './ddb';
import { itemKey, keys, partitions, QUEUE_SHARDS } from './keys';
import { getWallets, ledgerItem, poolItem, toPool, walletPut } from './repository';
import type { OrderStatus, StoredWallet } from '../domain/model';
import { orderStore } from './orders';
import { asOp, asWrite } from './writes';
import { inParallel, PROJECTION_CONCURRENCY } from '../domain/wallet/projection';
import type {
  BatchLog,
  LogEntry,
  OrderLink,
  OrderSettlement,
  PoolHead,
  PoolLogStore,
  ProjectionStore,
  Queued,
  QueuedNotes,
  UserPart,
} from '../domain/wallet/ports';
import { BatchRace } from '../domain/wallet/ports';
import { dividendFundEntry } from '../domain/programme/divfund';
import { dividendFundItem } from './settlement';
import type { AccountNote, LedgerEvent, PoolAccounts } from '@greenpoints/shared';

const refOf = (k: Key) => `${k.PK}\n${k.SK}`;
const keyOf = (ref: string): Key => {
  const [PK, SK] = ref.split('\n');
  return { PK: PK!, SK: SK! };
};

/** The queue entry of a submission (created in the caller's own transaction). */
export function queueItem(
  arrival: string,
  q: { eventId: string; userId: string; event: LedgerEvent; order?: OrderLink },
): Item {
  return {
    ...keys.queue(arrival, q.eventId),
    type: 'queued',
    eventId: q.eventId,
    userId: q.userId,
    event: JSON.stringify(q.event),
    ...(q.order ? { order: JSON.stringify(q.order) } : {}),
    at: arrival,
  };
}

/** A queue entry of notes (domain/wallet/notes.ts), in the transaction of the change they log. */
export function notesItem(arrival: string, id: string, notes: AccountNote[]): Item {
  return { ...keys.queue(arrival, id), type: 'queued', eventId: id, notes: JSON.stringify(notes), at: arrival };
}

function toQueued(i: Item): Queued | QueuedNotes {
  const ref = refOf(itemKey(i));
  if (typeof i.notes === 'string') return { ref, notes: JSON.parse(i.notes) as AccountNote[] };
  return {
    ref,
    eventId: String(i.eventId),
    userId: String(i.userId),
    event: JSON.parse(String(i.event)) as LedgerEvent,
    ...(typeof i.order === 'string' ? { order: JSON.parse(i.order) as OrderLink } : {}),
  };
}

/** The caller's own record of its event: pending until the projection writes the outcome. */
export function eventRecordItem(eventId: string, userId: string, kind: string, submittedAt: string): Item {
  return { ...keys.event(eventId), type: 'event', eventId, userId, kind, status: 'pending', submittedAt };
}

function batchItem(b: BatchLog): Item {
  const { batch, at, paramsVersion, prevHash, hash, ...body } = b;
  return {
    ...keys.poolBatch(batch),
    type: 'pool_batch',
    batch,
    at,
    paramsVersion,
    prevHash,
    hash,
    events: b.entries.length,
    body: JSON.stringify(body),
  };
}

export function toBatch(i: Item): BatchLog {
  const body = JSON.parse(String(i.body)) as Pick<
    BatchLog,
    'paramsHash' | 'poolBefore' | 'poolAfter' | 'entries' | 'notes' | 'accountsBefore' | 'accountsAfter'
  >;
  return {
    batch: Number(i.batch),
    at: String(i.at),
    paramsVersion: Number(i.paramsVersion),
    prevHash: String(i.prevHash),
    hash: String(i.hash),
    ...body,
  };
}

export const poolLogStore: PoolLogStore = {
  enqueue: (arrival, q) => asWrite({ op: 'create', item: queueItem(arrival, q) }),
  record: (eventId, userId, kind, submittedAt) =>
    asWrite({ op: 'create', item: eventRecordItem(eventId, userId, kind, submittedAt) }),
  enqueueNotes: (arrival, id, notes) => asWrite({ op: 'create', item: notesItem(arrival, id, notes) }),

  async head(params: Params): Promise<PoolHead> {
    const i = await getItem(keys.pool());
    return {
      pool: toPool(i, params),
      batch: typeof i?.batch === 'number' ? i.batch : 0,
      projected: typeof i?.projected === 'number' ? i.projected : 0,
      hash: typeof i?.hash === 'string' ? i.hash : '',
      exists: !!i,
      ...(typeof i?.accounts === 'string' ? { accounts: JSON.parse(i.accounts) as PoolAccounts } : {}),
    };
  },

  async readQueue(limit: number): Promise<Array<Queued | QueuedNotes>> {
    const per = Math.ceil(limit / QUEUE_SHARDS) * 2;
    const shards = await Promise.all(
      Array.from({ length: QUEUE_SHARDS }, (_, k) => query({ pk: partitions.queue(k), limit: per, consistent: true })),
    );
    return shards
      .flatMap((r) => r.items)
      .sort((a, b) => (String(a.SK) < String(b.SK) ? -1 : 1))
      .slice(0, limit)
      .map(toQueued);
  },

  commit: (head, log) => inWritePhase('commit', () => commitBatch(head, log)),

  async getBatch(batch: number): Promise<BatchLog | undefined> {
    const i = await getItem(keys.poolBatch(batch));
    return i ? toBatch(i) : undefined;
  },

  async getBatches(from: number, count: number): Promise<BatchLog[]> {
    if (count <= 0) return [];
    const items = await batchGet(Array.from({ length: count }, (_, k) => keys.poolBatch(from + k)));
    return items.map(toBatch).sort((a, b) => a.batch - b.batch);
  },

  markProjected: (batch: number) =>
    inWritePhase('drain', async () => {
      await writeOne({ op: 'set', key: keys.pool(), values: { projected: batch }, ifEquals: { batch } });
    }),

  lease: (owner: string, ms: number) => inWritePhase('drain', () => tryLease(keys.poolLease(), owner, ms)),
  releaseLease: (owner: string) => inWritePhase('drain', () => releaseLease(keys.poolLease(), owner)),
};

/** The one write on the pool's partition per batch, guarded by the batch number read. */
async function commitBatch(head: PoolHead, log: BatchLog): Promise<void> {
  // The one write on the pool's partition per batch, guarded by the batch number read.
  const pool: Item = {
    ...poolItem(log.poolAfter),
    ...(log.accountsAfter ? { accounts: JSON.stringify(log.accountsAfter) } : {}),
    batch: log.batch,
    projected: head.batch,
    hash: log.hash,
  };
  const poolOp: TxOp = head.exists
    ? { op: 'putIf', item: pool, ifEquals: { batch: head.batch } }
    : { op: 'put', item: pool, ifVersion: null };
  try {
    await transact([poolOp, { op: 'create', item: batchItem(log) }]);
  } catch (e) {
    if (e instanceof TxCancelled) throw new BatchRace();
    throw e;
  }
}

class AlreadyProjected extends Error {}
const WALLET_ATTEMPTS = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function eventRecord(e: LogEntry, log: BatchLog): Item {
  return {
    ...keys.event(e.eventId),
    type: 'event',
    eventId: e.eventId,
    userId: e.userId,
    kind: e.event.kind,
    status: e.outcome ? 'applied' : 'rejected',
    batch: log.batch,
    decidedAt: log.at,
    ...(e.outcome ? { seq: seqOf(e, log), outcome: JSON.stringify(e.outcome) } : {}),
    ...(e.error ? { error: JSON.stringify(e.error) } : {}),
  };
}

/** The pool seq an applied entry reached (its position among the batch's applied events). */
function seqOf(e: LogEntry, log: BatchLog): number {
  let seq = log.poolBefore.seq;
  for (const x of log.entries) {
    if (x.outcome) seq++;
    if (x === e) return seq;
  }
  return seq;
}

/** The day's dividend fund entry of a completion (the domain decides it, repo/settlement.ts stores it). */
function divFundItem(e: LogEntry, at: string): Item | undefined {
  const entry = dividendFundEntry(e.eventId, at, e.outcome?.dividendFund, e.order?.orderId);
  return entry && dividendFundItem(entry);
}

/** The writes of one order's settlement (the order store's: only an order still completing moves). */
function settleOps(o: OrderSettlement): TxOp[] {
  const completing = { status: 'completing' as const };
  if (o.applied)
    return [
      asOp(
        orderStore.update(
          o.orderId,
          {
            status: 'completed',
            completedAt: o.at,
            pointsGranted: o.pointsGranted,
            priceAfter: o.priceAfter,
            eventId: o.eventId,
          },
          completing,
        ),
      ),
    ];
  return [
    asOp(orderStore.update(o.orderId, { status: o.revertTo as OrderStatus, rejectedEventId: o.eventId }, completing)),
    // Back to shipped means back in the auto-complete queue (at its shipping time).
    ...(o.revertTo === 'shipped' ? [asOp(orderStore.shippedPut(o.shippedAt ?? o.at, o.orderId))] : []),
  ];
}

/** The wallet put and ledger entries of one user part (the ledger keys fixed by the log). */
function creditOps(user: string, part: UserPart, stored: StoredWallet, next: Wallet): TxOp[] {
  return [
    walletPut(user, next, stored.version),
    ...part.changes.map((c) => ({
      op: 'create' as const,
      item: ledgerItem(user, part.at, c, c.orderId ? { orderId: c.orderId } : {}),
    })),
  ];
}

/** One idempotent unit of a grouped projection transaction: all its writes or, on a replay, none. */
type Unit = { user: string; part: UserPart } | { order: OrderSettlement };
const unitSize = (u: Unit) =>
  'order' in u ? (!u.order.applied && u.order.revertTo === 'shipped' ? 2 : 1) : 1 + u.part.changes.length;

/** Tries of a group before its units go one by one (a wallet that keeps moving holds up only itself). */
const GROUP_ATTEMPTS = 3;

/** Packs units into transactions of at most MAX_TX_ITEMS items, in order. */
function pack(units: Unit[]): Unit[][] {
  const groups: Unit[][] = [];
  let cur: Unit[] = [];
  let size = 0;
  for (const u of units) {
    const n = unitSize(u);
    if (cur.length && size + n > MAX_TX_ITEMS) {
      groups.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(u);
    size += n;
  }
  if (cur.length) groups.push(cur);
  return groups;
}

/**
 * Writes a group of units in one transaction. A unit whose guard says it was written before (a
 * ledger entry exists; the order is no longer completing) is dropped; the rest is written again on
 * fresh wallet reads. Bounded: after GROUP_ATTEMPTS the units go one at a time.
 */
async function writeGroup(group: Unit[], stats: { written: number; skipped: number }): Promise<void> {
  let todo = group;
  for (let attempt = 1; todo.length > 0; attempt++) {
    if (attempt > GROUP_ATTEMPTS && todo.length > 1) {
      for (const u of todo) await writeGroup([u], stats);
      return;
    }
    const users = todo.flatMap((u) => ('user' in u ? [u.user] : []));
    const stored = users.length ? await getWallets(users) : new Map<string, StoredWallet>();
    const ops: TxOp[] = [];
    const spans: Array<{ unit: Unit; from: number; to: number }> = [];
    for (const u of todo) {
      const from = ops.length;
      if ('order' in u) ops.push(...settleOps(u.order));
      else {
        const w = stored.get(u.user)!;
        let next: Wallet;
        try {
          next = applyChanges(w.wallet, u.part.changes);
        } catch (e) {
          // Already credited (a debit of the reserve would now go below zero): the entries say so.
          const c = u.part.changes[0]!;
          if (await getItem(keys.ledger(u.user, u.part.at, c.eventId, c.n))) {
            stats.skipped++;
            continue;
          }
          throw e;
        }
        ops.push(...creditOps(u.user, u.part, w, next));
      }
      spans.push({ unit: u, from, to: ops.length });
    }
    if (ops.length === 0) return;
    try {
      await transact(ops);
      stats.written += spans.filter((x) => 'user' in x.unit).length;
      return;
    } catch (e) {
      if (!(e instanceof TxCancelled)) throw e;
      const failed = new Set(e.failedIndexes());
      const again: Unit[] = [];
      for (const { unit, from, to } of spans) {
        const hit = (i: number) => failed.has(i);
        // A ledger entry of the part exists: it was projected before (all or nothing).
        if ('user' in unit && Array.from({ length: to - from - 1 }, (_, k) => from + 1 + k).some(hit)) {
          stats.skipped++;
          continue;
        }
        // The order is not completing any more: settled before.
        if ('order' in unit && hit(from)) continue;
        again.push(unit); // its wallet moved, or it was cancelled for another unit
      }
      if (again.length && attempt >= WALLET_ATTEMPTS) throw new AlreadyProjected('projection kept losing races');
      if (again.length === todo.length) await sleep(Math.random() * Math.min(100, 5 * 2 ** Math.min(attempt, 5)));
      todo = again;
    }
  }
}

export const projectionStore: ProjectionStore = {
  project: (parts, orders) =>
    inWritePhase('projection', async () => {
      const stats = { written: 0, skipped: 0 };
      const groups = pack([...parts, ...orders.map((order) => ({ order }))]);
      await inParallel(groups, PROJECTION_CONCURRENCY, (g) => writeGroup(g, stats));
      return stats;
    }),

  creditWallet: (user: string, part: UserPart) =>
    inWritePhase('projection', async () => {
      const stats = { written: 0, skipped: 0 };
      await writeGroup([{ user, part }], stats);
      return stats.written > 0;
    }),

  finish: (log: BatchLog) => inWritePhase('projection', () => finishBatch(log)),
};

/** The dividend fund entries, then the callers' records and the queue deletes, in bulk. */
async function finishBatch(log: BatchLog): Promise<void> {
  const puts: Item[] = [];
  for (const e of log.entries) {
    const fund = divFundItem(e, log.at);
    if (fund) puts.push(fund);
  }
  await batchWrite(puts);
  // The callers' own records last: a caller that sees its outcome also sees its effects.
  // A note entry may hold many notes (a dividend chunk): its queue entry is deleted once.
  const refs = new Set([...log.entries.map((e) => e.queueRef), ...(log.notes ?? []).map((n) => n.queueRef)]);
  await batchWrite(
    log.entries.map((e) => eventRecord(e, log)),
    [...refs].map(keyOf),
  );
}
