// Deciding one batch of the pool's log: pure. The engine applies each queued event to the pool
// and to a wallet view built from what the event brought with it (its hold), so no wallet is
// read to decide, except the locked balances a daily release is computed from.
import {
  apply,
  applyChanges,
  isRuleError,
  nonZero,
  walletFrom,
  type LedgerEvent,
  type Params,
  type PoolState,
  type Wallet,
} from '@greenpoints/shared';
import type { BatchLog, LogEntry, PoolHead, Queued, QueuedNotes, StoredNote } from './ports';
import { hashBatch, paramsHash } from './poolhash';
import { accountsOf, isNotes, logNotes } from './notes';
import { log } from '../../log';

/** Events per batch, and the bound on a batch log item's size (DynamoDB items take 400 KB). */
export const BATCH_EVENTS = 250;
export const BATCH_BYTES = 300_000;

/** What a held event set aside at the edge (reserve), or undefined for events that hold nothing. */
export function holdOf(e: LedgerEvent): { tender: 'equity' | 'constant'; amount: string } | undefined {
  if (e.kind === 'sell' || e.kind === 'convert') return { tender: 'equity', amount: e.points };
  if (e.kind === 'convert_back') return { tender: 'constant', amount: e.amount };
  return undefined;
}

/** Whose locked balances the engine needs to decide (the only wallet read of a batch). */
export const needsWallet = (e: LedgerEvent): string | undefined => (e.kind === 'release_locked' ? e.user : undefined);

/** The wallets the engine sees for one event: the hold, the order's held points, or locked balances. */
export function viewsFor(e: LedgerEvent, locked: Map<string, Wallet>): Record<string, Wallet> {
  switch (e.kind) {
    case 'sell':
    case 'convert':
      return e.held ? { [e.user]: walletFrom({ equityReserved: e.points }) } : {};
    case 'convert_back':
      return e.held ? { [e.user]: walletFrom({ constantReserved: e.amount }) } : {};
    case 'redeem':
      return { [e.user]: walletFrom({ equityHeld: e.points }) };
    case 'release_locked': {
      const w = locked.get(e.user) ?? walletFrom();
      return { [e.user]: walletFrom({ equityLocked: w.equityLocked, lockedGranted: w.lockedGranted }) };
    }
    default:
      return {};
  }
}

const LOCKED_FIELDS = new Set(['equityLocked', 'lockedGranted']);

function decideOne(
  pool: PoolState,
  q: Queued,
  params: Params,
  locked: Map<string, Wallet>,
): { entry: LogEntry; pool: PoolState } {
  const wallets = viewsFor(q.event, locked);
  const views = Object.fromEntries(Object.entries(wallets).map(([u, w]) => [u, nonZero(w)]));
  const base = {
    queueRef: q.ref,
    eventId: q.eventId,
    userId: q.userId,
    event: q.event,
    ...(q.order ? { order: q.order } : {}),
    views,
  };
  try {
    const a = apply({ pool, wallets }, q.event, params);
    // Later events of this batch see the locked balances this one moved.
    for (const [u, w] of locked) {
      const mine = a.outcome.changes.filter((c) => c.user === u && LOCKED_FIELDS.has(c.field));
      if (mine.length) locked.set(u, applyChanges(w, mine));
    }
    return { entry: { ...base, outcome: a.outcome }, pool: a.state.pool };
  } catch (e) {
    // A broken rule rejects the event. Anything else is a bug (e.g. an engine invariant):
    // reject that one event too, loudly, so it cannot block every pool event behind it.
    const error = isRuleError(e)
      ? { code: e.code, message: e.message }
      : { code: 'internal', message: 'the engine failed on this event' };
    if (!isRuleError(e)) log.error('pool applier: engine error on an event', { eventId: q.eventId, error: e as Error });
    const h = 'held' in q.event && q.event.held ? holdOf(q.event) : undefined;
    const release = h
      ? apply(
          { pool, wallets },
          { kind: 'release', user: q.userId, tender: h.tender, amount: h.amount, eventId: q.eventId },
          params,
        ).outcome.changes
      : undefined;
    return { entry: { ...base, error, ...(release ? { release } : {}) }, pool };
  }
}

/**
 * The next batch: the queued events in order, each applied with the engine, and the queued notes
 * (changes made outside the pool), as long as the log item stays under BATCH_BYTES. `locked`:
 * stored wallets of the users a release needs. The accounts follow the events, then the notes.
 */
export function decideBatch(
  head: PoolHead,
  queued: Array<Queued | QueuedNotes>,
  params: Params,
  paramsVersion: number,
  locked: Map<string, Wallet>,
  at: string,
): BatchLog {
  let pool = head.pool;
  const entries: LogEntry[] = [];
  const notes: StoredNote[] = [];
  let bytes = 4000; // headers, the two pool states and the two accounts
  for (const q of queued.slice(0, BATCH_EVENTS)) {
    const d = isNotes(q) ? undefined : decideOne(pool, q, params, locked);
    const size = JSON.stringify(d ? d.entry : q).length + 2;
    if (entries.length + notes.length > 0 && bytes + size > BATCH_BYTES) break;
    bytes += size;
    if (d) {
      entries.push(d.entry);
      pool = d.pool;
    } else if (isNotes(q)) notes.push(...q.notes.map((n) => ({ ...n, queueRef: q.ref })));
  }
  const accounts = accountsOf(head.accounts, entries, notes);
  const decided: Omit<BatchLog, 'hash'> = {
    batch: head.batch + 1,
    at,
    paramsVersion,
    paramsHash: paramsHash(params),
    prevHash: head.hash,
    poolBefore: head.pool,
    poolAfter: pool,
    entries,
    ...(notes.length ? { notes: logNotes(notes, accounts.refused) } : {}),
    accountsBefore: accounts.before,
    accountsAfter: accounts.after,
  };
  return { ...decided, hash: hashBatch(decided) };
}
