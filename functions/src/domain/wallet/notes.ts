// Notes: every change of money made outside the pool enters the pool's log (docs/reliability.md
// "Every yuan in the log"). The change's own transaction (a withdrawal, a dividend chunk, a day's
// settlement opening or closing, a quota reset, a legacy store credit) also writes one queue entry
// of notes; the single applier takes it into its next batch like any queued event, applies it to
// the log's accounts (shared/src/pool-accounts.ts) and chains it with the batch's hash. So no such
// change lands without its note, none is noted twice (the transaction commits once), and the
// pool's partition takes no extra write: the notes ride on the batch's one pool transaction.
import {
  emptyAccounts,
  foldAccounts,
  nonZero,
  walletFrom,
  type AccountNote,
  type LedgerEvent,
  type Outcome,
  type PoolAccounts,
  type Wallet,
} from '@greenpoints/shared';
import type { LogEntry, PoolLogStore, Queued, QueuedNotes, StoredNote } from './ports';
import type { Tx } from '../tx';
import { arrival } from './arrival';
import { newId } from '../ids';
import { log } from '../../log';

/** The wallet-only events that change a logged account (cash, pending, withdrawn, quota, store credit in). */
export const NOTED_KINDS: ReadonlySet<LedgerEvent['kind']> = new Set([
  'withdraw_request',
  'withdraw_approve',
  'withdraw_reject',
  'quota_reset',
  'credit_store',
  'dividend',
]);

/** The wallet fields the engine reads to decide a noted event: all the log shows of the wallet. */
const READS: Partial<Record<LedgerEvent['kind'], Array<keyof Wallet>>> = {
  withdraw_request: ['cash'],
  withdraw_approve: ['cashPending'],
  withdraw_reject: ['cashPending'],
  quota_reset: ['quota', 'dividendsPaid'],
  dividend: ['quota', 'dividendsPaid'],
};

export const isNotes = (q: Queued | QueuedNotes): q is QueuedNotes => 'notes' in q;

/** The note of a wallet-only event applied at the edge: the event, what the engine read of the wallet, the outcome. */
export function walletNote(eventId: string, user: string, event: LedgerEvent, before: Wallet, outcome: Outcome) {
  const read = READS[event.kind] ?? [];
  const view = nonZero(walletFrom(Object.fromEntries(read.map((f) => [f, before[f]]))));
  return { kind: 'wallet' as const, eventId, user, event, view, outcome };
}

/** Adds one queue entry of notes to the transaction of the change they log. */
export function addNotes(tx: Tx, pool: Pick<PoolLogStore, 'enqueueNotes'>, notes: AccountNote[]): void {
  if (notes.length) tx.add(pool.enqueueNotes(arrival(), newId('n'), notes));
}

/** A batch's accounts: before (the head's; none yet: empty), after its events and notes, and the notes refused. */
export function accountsOf(prev: PoolAccounts | undefined, entries: LogEntry[], notes: StoredNote[]) {
  const before = prev ?? emptyAccounts();
  const r = foldAccounts(
    before,
    entries.map((e) => e.outcome),
    notes,
  );
  return { before, after: r.after, refused: r.refused };
}

/** The notes as the batch logs them: a refused one says why (and is reported loudly: a bug or a broken table). */
export function logNotes(notes: StoredNote[], refused: Array<string | undefined>): StoredNote[] {
  return notes.map((n, i) => {
    const why = refused[i];
    if (!why) return n;
    log.error('pool applier: a note contradicts the log accounts', { note: n.kind, why });
    return { ...n, refused: why };
  });
}
