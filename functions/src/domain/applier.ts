// The pool applier (docs/architecture.md): every pool event is recorded as pending cheaply, then
// whoever drains applies the oldest pending events in order, many per pool write, in one
// conditional TransactWriteItems per batch. One hot item caps at ~500 writes/s on AWS, so
// throughput comes from batching (measured in docs/architecture.md).
import { apply, isRuleError, type LedgerEvent, type Outcome, type Wallet } from '@greenpoints/shared';
import { query, getItem, tryLease, releaseLease, MAX_TX_ITEMS, type Item, type TxOp } from '../repo/ddb';
import { keys, pad } from '../repo/keys';
import { getParams, getPool, getWallets, getEvent, poolItem, type EventRecord } from '../repo/repository';
import { Tx, StaleRead } from './tx';
import { ledgerItems } from './ledger';
import { walletItem, shippedItem } from '../repo/repository';
import { dividendFundOp } from './divfund';

export const BATCH_EVENTS = 40; // pending events read per round
export const MAX_DRAIN_ROUNDS = 30;
/** A caller waits this long for its own outcome, then gets 202 (env POOL_WAIT_MS, for tests). */
export const waitMs = (): number => {
  const v = Number(process.env.POOL_WAIT_MS);
  return Number.isFinite(v) && v >= 0 ? Math.min(v, 20000) : 5000;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What happens to an order when its pool event is applied or rejected. */
export interface OrderLink {
  orderId: string;
  revertTo: string; // status to go back to if the event is rejected
  shippedAt?: string; // with revertTo 'shipped': back into the auto-complete queue at this time
}

export interface Submission {
  eventId: string;
  userId: string;
  event: LedgerEvent;
  order?: OrderLink;
}

/** Test hook: the clock of applied events (their business date decides the dividend day). */
export const applierHooks: { now?: () => number } = {};

let counter = 0;
/** Sortable arrival time: ISO ms plus a per-process counter so the order is total. */
function arrival(): string {
  counter = (counter + 1) % 1000000;
  return `${new Date().toISOString()}#${pad(counter, 6)}`;
}

/**
 * Adds the pending record and the event's status record to `tx` (the caller's transaction,
 * which also holds its own guarded changes, e.g. the order transition and the idempotency key).
 */
export function addSubmission(tx: Tx, s: Submission, onDuplicate: Error): void {
  const at = arrival();
  const pending: Item = {
    ...keys.pending(at, s.eventId),
    type: 'pending',
    eventId: s.eventId,
    userId: s.userId,
    event: JSON.stringify(s.event),
    at,
  };
  if (s.order) {
    pending.orderId = s.order.orderId;
    pending.revertTo = s.order.revertTo;
    if (s.order.shippedAt) pending.shippedAt = s.order.shippedAt;
  }
  tx.add({ op: 'create', item: pending });
  tx.add(
    {
      op: 'create',
      item: {
        ...keys.event(s.eventId),
        type: 'event',
        eventId: s.eventId,
        userId: s.userId,
        kind: s.event.kind,
        status: 'pending',
        submittedAt: at,
      },
    },
    onDuplicate,
  );
}

interface Pending {
  sk: string;
  eventId: string;
  userId: string;
  event: LedgerEvent;
  orderId?: string;
  revertTo?: string;
  shippedAt?: string;
}

function usersOf(e: LedgerEvent): string[] {
  const out: string[] = [];
  if ('user' in e) out.push(e.user);
  if (e.kind === 'order_completed') {
    out.push(e.buyer);
    if (e.referrers?.l1) out.push(e.referrers.l1);
    if (e.referrers?.l2) out.push(e.referrers.l2);
    if (e.agent) out.push(e.agent);
  }
  return out;
}

export const drainStats = { batches: 0, events: 0, conflicts: 0 };

/** Applies one batch. Returns how many pending events it consumed (0: nothing pending). */
export async function drainOnce(): Promise<number> {
  const { params, version: paramsVersion } = await getParams();
  const pool = await getPool(params);
  const r = await query({ pk: 'POOL', skPrefix: 'PENDING#', limit: BATCH_EVENTS, consistent: true });
  if (r.items.length === 0) return 0;
  const pend: Pending[] = r.items.map((i) => ({
    sk: String(i.SK),
    eventId: String(i.eventId),
    userId: String(i.userId),
    event: JSON.parse(String(i.event)) as LedgerEvent,
    orderId: typeof i.orderId === 'string' ? i.orderId : undefined,
    revertTo: typeof i.revertTo === 'string' ? i.revertTo : undefined,
    shippedAt: typeof i.shippedAt === 'string' ? i.shippedAt : undefined,
  }));
  const stored = await getWallets([...new Set(pend.flatMap((p) => usersOf(p.event)))]);
  let state = {
    pool,
    wallets: Object.fromEntries([...stored].map(([u, w]) => [u, w.wallet])) as Record<string, Wallet>,
  };
  const tx = new Tx();
  const touched = new Set<string>();
  const at = new Date(applierHooks.now?.() ?? Date.now()).toISOString();
  let used = 1; // the pool item
  let consumed = 0;
  for (const p of pend) {
    const ops: TxOp[] = [{ op: 'delete', key: { PK: 'POOL', SK: p.sk }, mustExist: true }];
    let outcome: Outcome | undefined;
    let next = state;
    try {
      const a = apply(state, p.event, params);
      outcome = a.outcome;
      next = a.state;
    } catch (e) {
      // A broken rule rejects the event. Anything else is a bug (e.g. an engine invariant):
      // reject that one event too, loudly, so it cannot block every pool event behind it.
      const err = isRuleError(e)
        ? { code: e.code, message: e.message }
        : { code: 'internal', message: 'the engine failed on this event' };
      if (!isRuleError(e)) console.error('[internal] applier: engine error on', p.eventId, e);
      ops.push({
        op: 'set',
        key: keys.event(p.eventId),
        values: { status: 'rejected', error: JSON.stringify(err), decidedAt: at },
        ifEquals: { status: 'pending' },
      });
      if (p.orderId && p.revertTo) {
        ops.push({
          op: 'set',
          key: keys.order(p.orderId),
          values: { status: p.revertTo, rejectedEventId: p.eventId },
          ifEquals: { status: 'completing' },
        });
        // Back to shipped means back in the auto-complete queue (at its shipping time; events
        // recorded before shippedAt was kept on them re-queue now).
        if (p.revertTo === 'shipped') {
          const shippedAt = p.shippedAt ?? at;
          ops.push({ op: 'upsert', item: shippedItem(shippedAt, p.orderId) });
        }
      }
    }
    const newUsers: string[] = [];
    if (outcome) {
      const seq = next.pool.seq;
      const walletsBefore: Record<string, Wallet> = {};
      for (const u of usersOf(p.event)) walletsBefore[u] = state.wallets[u] ?? walletsOf(stored, u);
      ops.push({
        op: 'set',
        key: keys.event(p.eventId),
        values: { status: 'applied', seq, outcome: JSON.stringify(outcome), decidedAt: at },
        ifEquals: { status: 'pending' },
      });
      ops.push({
        op: 'create',
        item: {
          ...keys.poolEvent(seq),
          type: 'pool_event',
          seq,
          eventId: p.eventId,
          kind: p.event.kind,
          event: JSON.stringify(p.event),
          outcome: JSON.stringify(outcome),
          walletsBefore: JSON.stringify(walletsBefore),
          priceAfter: outcome.priceAfter,
          paramsVersion,
          at,
        },
      });
      const ref: Record<string, string> = p.orderId ? { orderId: p.orderId } : {};
      for (const it of ledgerItems(p.eventId, p.event.kind, at, outcome.changes, ref))
        ops.push({ op: 'create', item: it });
      // The order's dividend contribution joins its day's dividend fund in this same transaction.
      const fundOp = dividendFundOp(p.eventId, at, outcome.dividendFund, p.orderId);
      if (fundOp) ops.push(fundOp);
      if (p.orderId) {
        ops.push({
          op: 'set',
          key: keys.order(p.orderId),
          values: {
            status: 'completed',
            completedAt: at,
            pointsGranted: outcome.pointsGranted ?? '0',
            priceAfter: outcome.priceAfter,
            eventId: p.eventId,
          },
          ifEquals: { status: 'completing' },
        });
      }
      for (const c of outcome.changes) if (!touched.has(c.user) && !newUsers.includes(c.user)) newUsers.push(c.user);
    }
    if (used + ops.length + newUsers.length > MAX_TX_ITEMS) break;
    used += ops.length + newUsers.length;
    newUsers.forEach((u) => touched.add(u));
    ops.forEach((op) => tx.add(op));
    state = next;
    consumed++;
  }
  for (const u of touched) {
    const prior = stored.get(u) ?? { version: 0 };
    tx.add(
      {
        op: 'put',
        item: walletItem(u, state.wallets[u]!, prior.version + 1),
        ifVersion: prior.version === 0 ? null : prior.version,
      },
      new StaleRead(`wallet ${u}`),
    );
  }
  const poolOp: TxOp =
    pool.seq === 0 && !(await poolExists())
      ? { op: 'put', item: poolItem(state.pool), ifVersion: null }
      : { op: 'putIf', item: poolItem(state.pool), ifEquals: { seq: pool.seq } };
  tx.add(poolOp, new StaleRead('pool'));
  await tx.commit();
  drainStats.batches++;
  drainStats.events += consumed;
  return consumed;
}

function walletsOf(stored: Map<string, { wallet: Wallet }>, u: string): Wallet {
  return stored.get(u)!.wallet;
}

let poolKnown = false;
async function poolExists(): Promise<boolean> {
  if (poolKnown) return true;
  poolKnown = !!(await getItem(keys.pool()));
  return poolKnown;
}

/** Applies pending events until none are left or the round budget is spent. */
export const LEASE_MS = 3000;
const LEASE_KEY = { PK: 'POOL', SK: 'LEASE' };
const me = `applier-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

let drainingHere = false; // one drainer per process (serverless-offline runs handlers in one)
let drainCount = 0;

/**
 * Applies pending events until none are left or the round budget is spent. Only the holder of
 * the pool's short lease drains; the others return at once and wait for their outcome (the seq
 * guard still makes a stale holder harmless). Returns false when someone else holds the lease.
 */
export async function drain(maxRounds = MAX_DRAIN_ROUNDS): Promise<boolean> {
  if (drainingHere) return false;
  drainingHere = true;
  const owner = `${me}-${++drainCount}`;
  try {
    return await drainLeased(owner, maxRounds);
  } finally {
    drainingHere = false;
  }
}

async function drainLeased(owner: string, maxRounds: number): Promise<boolean> {
  if (!(await tryLease(LEASE_KEY, owner, LEASE_MS))) return false;
  try {
    for (let round = 0; round < maxRounds; round++) {
      try {
        const n = await drainOnce();
        if (n === 0) return true;
      } catch (e) {
        if (!(e instanceof StaleRead) && (e as { code?: string }).code !== 'conflict') throw e;
        // The pool's seq moved (a stale lease elsewhere) or a wallet moved: re-read and go on.
        drainStats.conflicts++;
        if (process.env.APPLIER_DEBUG)
          console.error('[applier] conflict', (e as Error).message, (e as { cause?: unknown }).cause);
        await sleep(Math.random() * 20);
      }
      // Renew the lease between rounds, so a long backlog is drained by one caller.
      if (!(await tryLease(LEASE_KEY, owner, LEASE_MS))) return true;
    }
    return true;
  } finally {
    await releaseLease(LEASE_KEY, owner);
  }
}

/** Drains, then waits (bounded) for one event's outcome. Undefined while still pending. */
export async function awaitEvent(eventId: string, wait = waitMs()): Promise<EventRecord | undefined> {
  const deadline = Date.now() + wait;
  for (;;) {
    const rec = await getEvent(eventId);
    if (rec && rec.status !== 'pending') return rec;
    if (Date.now() >= deadline) return rec;
    const drained = await drain();
    if (drained) {
      const after = await getEvent(eventId);
      if (after && after.status !== 'pending') return after;
    }
    // Someone else is draining: our event is likely in their batch; look again shortly.
    await sleep(drained ? 5 : 15 + Math.random() * 25);
  }
}
