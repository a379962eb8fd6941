// The replay of the log's accounts (domain/wallet/notes.ts, shared/src/pool-accounts.ts): each batch's
// notes checked with the engine, its accounts folded again from its events and notes, and both
// compared with what the batch logged. Pure: reconcile, `npm run verify-pool` and tests run it.
import {
  apply,
  emptyAccounts,
  emptyPool,
  foldAccounts,
  walletFrom,
  type LoggedNote,
  type Outcome,
  type Params,
  type PoolAccounts,
} from '@greenpoints/shared';
import { canonical } from '@greenpoints/shared/src/poollog';

/** What the replay reads of a published batch. */
interface AccountedBatch {
  batch: number;
  entries: Array<{ outcome?: Outcome }>;
  notes?: LoggedNote[];
  accountsBefore?: PoolAccounts;
  accountsAfter?: PoolAccounts;
}

/** The accounts that differ, as `field logged ≠ replayed`. */
export function accountsDiff(logged: PoolAccounts, replayed: PoolAccounts): string {
  return (Object.keys(replayed) as Array<keyof PoolAccounts>)
    .filter((k) => logged[k] !== replayed[k])
    .map((k) => `${k} ${String(logged[k])} ≠ ${replayed[k]}`)
    .join(', ');
}

export const noteName = (n: LoggedNote): string =>
  n.kind === 'wallet' ? `${n.eventId} (${n.event.kind})` : `${n.kind} ${n.date}`;

/** A wallet note: the engine, on the part of the wallet it logged, gives the logged changes. */
function checkNote(at: string, n: LoggedNote, params: Params, problems: string[]): void {
  if (n.kind !== 'wallet') return;
  try {
    const a = apply({ pool: emptyPool(params), wallets: { [n.user]: walletFrom(n.view) } }, n.event, params);
    // The changes only: the edge priced nothing (a wallet-only event never reads the pool).
    if (canonical(a.outcome.changes) !== canonical(n.outcome.changes))
      problems.push(`${at}: note ${noteName(n)} replays to other changes`);
  } catch (e) {
    problems.push(
      `${at}: note ${noteName(n)} is refused by the engine (${(e as { code?: string }).code ?? 'internal'})`,
    );
  }
}

/**
 * One batch's accounts: checks its notes, folds its events and notes from `prior` (the accounts
 * the log gave so far; undefined: the batch's own accountsBefore, or empty), names every
 * difference, and answers the accounts to go on from (the logged ones, so one bad batch is
 * named once, not in every batch after it).
 */
export function replayAccounts(
  b: AccountedBatch,
  prior: PoolAccounts | undefined,
  params: Params,
  problems: string[],
): PoolAccounts {
  const at = `batch ${b.batch}`;
  const before = prior ?? b.accountsBefore ?? emptyAccounts();
  if (b.accountsBefore && canonical(b.accountsBefore) !== canonical(before))
    problems.push(`${at}: accountsBefore is not what the log gives (${accountsDiff(b.accountsBefore, before)})`);
  const notes = b.notes ?? [];
  for (const n of notes) checkNote(at, n, params, problems);
  const r = foldAccounts(
    before,
    b.entries.map((e) => e.outcome),
    notes,
  );
  notes.forEach((n, i) => {
    if ((n.refused ?? undefined) !== r.refused[i])
      problems.push(
        `${at}: note ${noteName(n)} is logged ${n.refused ? 'refused' : 'taken'}, the accounts ${r.refused[i] ? `refuse it (${r.refused[i]})` : 'take it'}`,
      );
  });
  if (b.accountsAfter && canonical(b.accountsAfter) !== canonical(r.after))
    problems.push(
      `${at}: accountsAfter is not what its events and notes give (${accountsDiff(b.accountsAfter, r.after)})`,
    );
  return b.accountsAfter ?? r.after;
}
