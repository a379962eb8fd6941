// The pool's stores in memory, with the same contracts as the DynamoDB ones (repo/poollog.ts):
// the batch guard, projections written once per (batch, user part), records last. For fast unit
// tests of the applier; the DynamoDB Local tests stay the proof.
import { applyChanges, emptyPool, emptyWallet, type Params, type Wallet } from '@greenpoints/shared';
import { memoryWrite } from './memory-common';
import {
  BatchRace,
  type BatchLog,
  type OrderSettlement,
  type PoolHead,
  type PoolLogStore,
  type ProjectionStore,
  type Queued,
  type QueuedNotes,
  type UserPart,
  type WalletReader,
} from '../../src/domain/wallet/ports';

export interface MemoryWorld {
  /** `push`: a test's submission (queue entry and pending record) without a transaction. */
  pool: PoolLogStore & { push(q: Omit<Queued, 'ref'>): void; queueSize(): number };
  projection: ProjectionStore;
  wallets: WalletReader;
  /** state for assertions */
  state: {
    head?: Omit<PoolHead, 'exists'>;
    batches: Map<number, BatchLog>;
    wallets: Map<string, Wallet>;
    ledger: Map<string, { user: string; field: string; delta: string; why: string; kind: string; eventId: string }>;
    orders: Map<string, { status: string; pointsGranted?: string }>;
    records: Map<string, { status: string; outcome?: unknown; error?: unknown }>;
    shipped: Set<string>;
  };
}

export function memoryStores(): MemoryWorld {
  const state: MemoryWorld['state'] = {
    batches: new Map(),
    wallets: new Map(),
    ledger: new Map(),
    orders: new Map(),
    records: new Map(),
    shipped: new Set(),
  };
  const queue = new Map<string, Queued | QueuedNotes>();
  let arrivals = 0;
  let leaseHolder: { owner: string; until: number } | undefined;
  const pool: MemoryWorld['pool'] = {
    push(q) {
      const ref = `${String(++arrivals).padStart(9, '0')}#${q.eventId}`;
      queue.set(ref, { ...q, ref });
      state.records.set(q.eventId, { status: 'pending' });
    },
    enqueue: (arrival, q) => {
      const ref = `${arrival}#${q.eventId}`;
      return memoryWrite({
        what: `queue ${ref}`,
        guard: () => !queue.has(ref),
        effect: () => queue.set(ref, { ...structuredClone(q), ref }),
      });
    },
    enqueueNotes: (arrival, id, notes) => {
      const ref = `${arrival}#${id}`;
      return memoryWrite({
        what: `queue ${ref}`,
        guard: () => !queue.has(ref),
        effect: () => queue.set(ref, { notes: structuredClone(notes), ref }),
      });
    },
    record: (eventId) =>
      memoryWrite({
        what: `record ${eventId}`,
        guard: () => !state.records.has(eventId),
        effect: () => state.records.set(eventId, { status: 'pending' }),
      }),
    queueSize: () => queue.size,
    async head(params: Params) {
      const h = state.head;
      return h
        ? { ...structuredClone(h), exists: true }
        : { pool: emptyPool(params), batch: 0, projected: 0, hash: '', exists: false };
    },
    async readQueue(limit: number) {
      return [...queue.keys()]
        .sort()
        .slice(0, limit)
        .map((k) => structuredClone(queue.get(k)!));
    },
    async commit(head: PoolHead, log: BatchLog) {
      if ((state.head?.batch ?? 0) !== head.batch || state.batches.has(log.batch)) throw new BatchRace();
      state.batches.set(log.batch, structuredClone(log));
      state.head = {
        pool: log.poolAfter,
        batch: log.batch,
        projected: head.batch,
        hash: log.hash,
        ...(log.accountsAfter ? { accounts: log.accountsAfter } : {}),
      };
    },
    async getBatch(batch: number) {
      const b = state.batches.get(batch);
      return b ? structuredClone(b) : undefined;
    },
    async getBatches(from: number, count: number) {
      const out: BatchLog[] = [];
      for (let b = from; b < from + count; b++)
        if (state.batches.has(b)) out.push(structuredClone(state.batches.get(b)!));
      return out;
    },
    async markProjected(batch: number) {
      if (state.head && state.head.batch === batch) state.head.projected = batch;
    },
    async lease(owner: string, ms: number) {
      if (leaseHolder && leaseHolder.until > Date.now() && leaseHolder.owner !== owner) return false;
      leaseHolder = { owner, until: Date.now() + ms };
      return true;
    },
    async releaseLease(owner: string) {
      if (leaseHolder?.owner === owner) leaseHolder = undefined;
    },
  };
  const settle = (o: OrderSettlement) => {
    const cur = state.orders.get(o.orderId);
    if (!cur || cur.status !== 'completing') return;
    if (o.applied) state.orders.set(o.orderId, { status: 'completed', pointsGranted: o.pointsGranted });
    else {
      state.orders.set(o.orderId, { status: o.revertTo });
      if (o.revertTo === 'shipped') state.shipped.add(o.orderId);
    }
  };
  const projection: ProjectionStore = {
    async creditWallet(user: string, part: UserPart) {
      const keyOf = (c: UserPart['changes'][number]) => `${user}|${part.at}|${c.eventId}|${c.n}`;
      if (part.changes.some((c) => state.ledger.has(keyOf(c)))) return false;
      state.wallets.set(user, applyChanges(state.wallets.get(user) ?? emptyWallet(), part.changes));
      for (const c of part.changes)
        state.ledger.set(keyOf(c), {
          user,
          field: c.field,
          delta: c.delta,
          why: c.why,
          kind: c.kind,
          eventId: c.eventId,
        });
      return true;
    },
    async project(parts, orders) {
      const r = { written: 0, skipped: 0 };
      for (const { user, part } of parts) {
        if (await projection.creditWallet(user, part)) r.written++;
        else r.skipped++;
      }
      for (const o of orders) settle(o);
      return r;
    },
    async finish(log: BatchLog) {
      for (const e of log.entries) {
        state.records.set(
          e.eventId,
          e.outcome ? { status: 'applied', outcome: e.outcome } : { status: 'rejected', error: e.error },
        );
        queue.delete(e.queueRef);
      }
      for (const n of log.notes ?? []) queue.delete(n.queueRef);
    },
  };
  const wallets: WalletReader = {
    async wallets(users: string[]) {
      return new Map(users.map((u) => [u, state.wallets.get(u) ?? emptyWallet()]));
    },
  };
  return { pool, projection, wallets, state };
}
