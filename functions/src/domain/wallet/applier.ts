// The pool applier as a log (docs/architecture.md "The pool as a log"). A caller reserves its
// amount in its own wallet and queues its event off the pool's partition; whoever drains takes
// the oldest queued events, decides them with the engine (no wallet read: each event carries its
// hold) and commits ONE transaction per batch: the pool item, guarded by its batch number, plus
// one batch log item in a partition of its own. The effects are then projected from the log,
// idempotently; a committed batch is always finished before the next one starts.
import type { LedgerEvent, Params, Wallet } from '@greenpoints/shared';
import type { EventRecord } from '../model';
import type { Tx } from '../tx';
import { addWalletEvent, type WalletRead } from './ledger';
import { BATCH_EVENTS, decideBatch, holdOf, needsWallet } from './batch';
import { project } from './projection';
import { log } from '../../log';
import { runsInLambda } from '../../stage';
import { arrival } from './arrival';
import { isNotes } from './notes';
import {
  BatchRace,
  type BatchLog,
  type OrderLink,
  type PoolHead,
  type PoolLogStore,
  type ProjectionStore,
  type WalletReader,
} from './ports';
import type { Deps } from '../deps';

export { BATCH_EVENTS } from './batch';
export type { OrderLink } from './ports';
export const MAX_DRAIN_ROUNDS = 30;
/** A caller waits this long for its own outcome, then gets 202 (env POOL_WAIT_MS, for tests). */
export const waitMs = (): number => {
  const v = Number(process.env.POOL_WAIT_MS);
  return Number.isFinite(v) && v >= 0 ? Math.min(v, 20000) : 5000;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Who drains (docs/performance.md "Who drains"). `drainer`: a function that owns the drain runs
 * it to its end (on AWS the poolDrainer Lambda, woken by the table's stream on a queue entry,
 * reserved concurrency 1; the drain-pool schedule and staff functions that drain in the
 * foreground); a caller only waits for its own record, so no handler ever drains after it has
 * answered, which a frozen Lambda would cut short with the lease held. `inline`: the process that
 * waits drains in its background, for the local stack only (serverless-offline, the tests, the
 * bench and the staff CLI run in processes that are never frozen). Inside Lambda always
 * `drainer`; elsewhere env POOL_DRAIN, default `inline`.
 */
export function drainMode(env: Record<string, string | undefined> = process.env): 'drainer' | 'inline' {
  if (runsInLambda(env)) return 'drainer';
  return env.POOL_DRAIN === 'drainer' ? 'drainer' : 'inline';
}

export interface Submission {
  eventId: string;
  userId: string;
  event: LedgerEvent;
  order?: OrderLink;
}

/** The stores a drain works on: the installed ones, or (unit tests) the in-memory world. */
export interface ApplierStores {
  pool: PoolLogStore;
  projection: ProjectionStore;
  wallets: WalletReader;
}
const installed = (d: Pick<Deps, 'pool' | 'projection' | 'wallets'>): ApplierStores => {
  const s = d;
  // The few events decided on stored balances read them through the wallet store.
  const wallets: WalletReader = {
    wallets: async (users) => new Map([...(await s.wallets.getMany(users))].map(([u, w]) => [u, w.wallet])),
  };
  return { pool: s.pool, projection: s.projection, wallets };
};
const getParams = (d: Pick<Deps, 'config'>) => d.config.params();

/**
 * Adds a pool event to `tx` (the caller's transaction, which also holds its own guarded changes,
 * e.g. the order transition and the idempotency key): the reserve of its amount in the user's
 * wallet (sell, convert, convert back: read, checked by the engine, written on the version
 * read, so the caller retries on StaleRead), the queue entry and the caller's event record.
 */
export async function addSubmission(
  d: Pick<Deps, 'config' | 'ledger' | 'pool' | 'wallets'>,
  tx: Tx,
  s: Submission,
  onDuplicate: Error,
  read?: WalletRead,
): Promise<void> {
  const at = arrival();
  const hold = holdOf(s.event);
  const event = hold ? ({ ...s.event, held: true } as LedgerEvent) : s.event;
  if (hold) {
    await addWalletEvent(
      d,
      tx,
      s.userId,
      `${s.eventId}:reserve`,
      { kind: 'reserve', user: s.userId, tender: hold.tender, amount: hold.amount, eventId: s.eventId },
      at.slice(0, 24),
      {},
      read,
    );
  }
  const pool = d.pool;
  tx.add(pool.enqueue(at, { eventId: s.eventId, userId: s.userId, event, ...(s.order ? { order: s.order } : {}) }));
  tx.add(pool.record(s.eventId, s.userId, s.event.kind, at), onDuplicate);
}

/** Counters and where a drainer's time goes (ms), for the bench. */
export const drainStats = {
  batches: 0,
  events: 0,
  conflicts: 0,
  reprojected: 0,
  readMs: 0,
  decideMs: 0,
  commitMs: 0,
  projectMs: 0,
};
/**
 * Test hooks: the clock of applied events (their business date decides the dividend day), and a
 * crash between the pool transaction and its projection.
 */
export const applierHooks: { now?: () => number; afterCommit?: (log: BatchLog) => void } = {};

/** Finishes the last committed batch if its projection was cut short (a crash, a lost lease). */
async function finishProjection(st: ApplierStores, batch: number): Promise<void> {
  const log = await st.pool.getBatch(batch);
  if (!log) throw new Error(`pool log batch ${batch} is missing`);
  await project(log, st.projection);
  await st.pool.markProjected(batch);
  drainStats.reprojected++;
  notify(log);
}

/** The last batch this process projected, not yet marked on the pool item (its hash names it). */
let projectedHere: { batch: number; hash: string } | undefined;
const isProjectedHere = (h: { batch: number; hash: string }) =>
  projectedHere?.batch === h.batch && projectedHere.hash === h.hash;

/**
 * The head this process left after its last batch (committed and projected), so the next batch
 * needs no read of the pool item. Safe when stale: the commit is guarded by the batch number,
 * so a batch another drainer committed meanwhile makes ours a BatchRace (then the head is read).
 * Only the log writes the pool item.
 */
let headHere: { store: PoolLogStore; head: PoolHead } | undefined;

/** Applies one batch. Returns how many queued events it consumed (0: nothing queued). */
export async function drainOnce(d: Pick<Deps, 'config' | 'pool' | 'projection' | 'wallets'>): Promise<number> {
  const { params, version } = await getParams(d);
  return drainOnceWith(installed(d), params, version);
}

/** One batch on the given stores: finish the last one, decide the next, commit, project, mark. */
export async function drainOnceWith(st: ApplierStores, params: Params, paramsVersion: number): Promise<number> {
  let t = Date.now();
  const lap = (k: 'readMs' | 'decideMs' | 'commitMs' | 'projectMs') => {
    const now = Date.now();
    drainStats[k] += now - t;
    t = now;
  };
  const cached = headHere?.store === st.pool ? headHere.head : undefined;
  headHere = undefined; // set again only when this batch ends well
  let head = cached ?? (await st.pool.head(params));
  // Projected here and nobody committed since (the batch guard says so): no need to redo it.
  if (head.projected < head.batch && !isProjectedHere(head)) await finishProjection(st, head.batch);
  head = { ...head, projected: head.batch };
  const queued = await st.pool.readQueue(BATCH_EVENTS);
  if (queued.length === 0) {
    // Idle: record how far projection went (while busy, the next commit carries it).
    if (isProjectedHere(head)) await st.pool.markProjected(head.batch);
    projectedHere = undefined;
    return 0;
  }
  const lockedUsers = [
    ...new Set(queued.map((q) => (isNotes(q) ? undefined : needsWallet(q.event))).filter((u): u is string => !!u)),
  ];
  const locked = lockedUsers.length ? await st.wallets.wallets(lockedUsers) : new Map<string, Wallet>();
  lap('readMs');
  const at = new Date(applierHooks.now?.() ?? Date.now()).toISOString();
  const log = decideBatch(head, queued, params, paramsVersion, locked, at);
  lap('decideMs');
  await st.pool.commit(head, log);
  lap('commitMs');
  drainStats.batches++;
  drainStats.events += log.entries.length + (log.notes?.length ?? 0);
  applierHooks.afterCommit?.(log);
  await project(log, st.projection);
  lap('projectMs');
  projectedHere = { batch: log.batch, hash: log.hash };
  headHere = {
    store: st.pool,
    head: {
      pool: log.poolAfter,
      batch: log.batch,
      projected: log.batch,
      hash: log.hash,
      exists: true,
      ...(log.accountsAfter ? { accounts: log.accountsAfter } : {}),
    },
  };
  notify(log);
  return log.entries.length + (log.notes?.length ?? 0);
}

export const LEASE_MS = 3000;
const me = `applier-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

let running: Promise<boolean> | undefined; // one drainer per process (serverless-offline runs handlers in one)
let again = false; // someone joined the running drain: its last queue read may have missed their event
let drainCount = 0;

/**
 * Applies queued events until none are left or the round budget is spent. Only the holder of
 * the pool's short lease drains (the batch guard still makes a stale holder harmless). Returns
 * false when someone else holds the lease; a drain already running here is joined.
 */
export function drain(
  d: Pick<Deps, 'config' | 'pool' | 'projection' | 'wallets'>,
  maxRounds = MAX_DRAIN_ROUNDS,
): Promise<boolean> {
  if (running) {
    again = true;
    return running;
  }
  running = drainTwice(d, maxRounds).finally(() => {
    running = undefined;
    again = false;
  });
  return running;
}

/**
 * One leased drain, and one more if a caller joined meanwhile: its event may have come after
 * the last queue read (otherwise it waits for its poll, 300–500 ms). Bounded: two at most, and
 * both inside the promise the caller awaits, never in the background.
 */
async function drainTwice(d: Pick<Deps, 'config' | 'pool' | 'projection' | 'wallets'>, maxRounds: number) {
  const ok = await drainLeased(d, `${me}-${++drainCount}`, maxRounds);
  if (!again) return ok;
  again = false;
  return (await drainLeased(d, `${me}-${++drainCount}`, maxRounds)) || ok;
}

/**
 * After a change that queued notes (domain/wallet/notes.ts): applies them before the caller
 * answers. A drain already running here may have read the queue before the note was committed,
 * so it is awaited first, then one more drain runs. Never fails the caller: the notes are
 * committed with the change, and any later drain logs them (another process holding the lease
 * drains until its queue is empty). Where a drainer owns the drains (drainMode), it is left to
 * the drainer: the notes' queue entry wakes it like any pool event's.
 */
export async function drainSoon(d: Pick<Deps, 'config' | 'pool' | 'projection' | 'wallets'>): Promise<void> {
  if (drainMode() === 'drainer') return;
  try {
    if (running) await running;
    await drain(d);
  } catch (e) {
    log.error('pool applier: a drain after notes failed', { error: e as Error });
  }
}

async function drainLeased(
  d: Pick<Deps, 'config' | 'pool' | 'projection' | 'wallets'>,
  owner: string,
  maxRounds: number,
): Promise<boolean> {
  const st = installed(d);
  if (!(await st.pool.lease(owner, LEASE_MS))) return false;
  let leased = Date.now();
  try {
    for (let round = 0; round < maxRounds; round++) {
      try {
        const { params, version } = await getParams(d);
        const n = await drainOnceWith(st, params, version);
        if (n === 0) return true;
      } catch (e) {
        if (!(e instanceof BatchRace)) throw e;
        // Another drainer committed (a stale lease elsewhere): re-read and go on.
        drainStats.conflicts++;
        await sleep(Math.random() * 20);
      }
      // Renew the lease between rounds once a third of it has passed (one write per second at
      // most, not one per batch), so a long backlog is drained by one caller.
      if (Date.now() - leased >= LEASE_MS / 3) {
        if (!(await st.pool.lease(owner, LEASE_MS))) return true;
        leased = Date.now();
      }
    }
    return true;
  } finally {
    await st.pool.releaseLease(owner);
  }
}

/**
 * Drains until the queue is empty, also when another process holds the lease (then waits for
 * it), bounded by `maxMs`. For the staff `drain-pool` and `auto-complete`. True when empty.
 */
export async function drainUntilEmpty(
  d: Pick<Deps, 'config' | 'pool' | 'projection' | 'wallets'>,
  maxMs = 20000,
): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    await drain(d);
    const { params } = await getParams(d);
    const { pool } = installed(d);
    const head = await pool.head(params);
    if (head.projected === head.batch && (await pool.readQueue(1)).length === 0) return true;
    if (Date.now() >= deadline) return false;
    await sleep(50 + Math.random() * 50);
  }
}

// ---------- waiting for one's own event ----------
const waiters = new Map<string, Set<() => void>>();
function notify(log: BatchLog): void {
  for (const e of log.entries) {
    const set = waiters.get(e.eventId);
    if (set) for (const w of set) w();
  }
}
function woken(eventId: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const set = waiters.get(eventId) ?? new Set<() => void>();
    const done = () => {
      clearTimeout(timer);
      set.delete(done);
      if (set.size === 0) waiters.delete(eventId);
      resolve();
    };
    const timer = setTimeout(done, ms);
    set.add(done);
    waiters.set(eventId, set);
  });
}

/**
 * Inline mode only (the local stack): keeps a drain going in this process's background; its
 * failure is logged, the next caller starts another. Never called in `drainer` mode.
 */
function kick(d: Pick<Deps, 'config' | 'pool' | 'projection' | 'wallets'>): void {
  drain(d).catch((e) => log.error('pool applier: a background drain failed', { error: e as Error }));
}

/**
 * Waits (bounded) for one event's own record. Inline: drains here, woken when this process
 * projects the event's batch, else polling. Drainer mode: only polls (the drainer function
 * projects it). The record is written after the event's effects, so what it reads is
 * read-your-writes. Undefined or pending: still queued (the caller answers 202).
 */
export async function awaitEvent(
  d: Pick<Deps, 'config' | 'events' | 'pool' | 'projection' | 'wallets'>,
  eventId: string,
  wait = waitMs(),
): Promise<EventRecord | undefined> {
  const deadline = Date.now() + wait;
  const inline = drainMode() === 'inline';
  for (;;) {
    const rec = await d.events.get(eventId);
    if (rec && rec.status !== 'pending') return rec;
    const left = deadline - Date.now();
    if (left <= 0) return rec;
    if (inline) kick(d);
    // Draining here: the drainer wakes us, the poll is only a fallback. Else poll (bounded).
    const poll = inline && running ? 300 + Math.random() * 200 : 60 + Math.random() * 60;
    await woken(eventId, Math.min(left, poll));
  }
}
