// The pool log's accounts (docs/data-model.md "The pool applier", docs/reliability.md "Every yuan
// in the log"): what the log says about the money that is not the pool's own fund. Every change
// of them is a logged event — a pool event of a batch, or a note of a change made outside the
// pool (a withdrawal, a dividend, a day's settlement, a quota reset, a legacy store credit) that
// the applier writes into the next batch — so replaying the log from genesis gives them digit for
// digit, and the pool item holds them as the last batch left them.
import { dec, money, ZERO, type Dec } from './decimal';
import type { LedgerEvent, Money, Outcome, Wallet } from './types';

export interface PoolAccounts {
  /** Σ dividend contributions of completed orders (the days' dividend funds) */
  dividendIn: Money;
  /** Σ of them a settlement has taken in (a day opened with them) */
  dividendTaken: Money;
  /** the fund of the day being settled that is not paid yet (0 between days) */
  dividendDay: Money;
  /** Σ dividends paid into users' cash */
  dividendsPaid: Money;
  /** what the last settled day left for the next one */
  dividendCarry: Money;
  /** Σ users' cash, cash pending withdrawal, cash withdrawn (paid out by WeChat), quota */
  cash: Money;
  cashPending: Money;
  withdrawn: Money;
  quota: Money;
  /** Σ store credit credited outside orders (the legacy import) */
  storeCreditIn: Money;
}

/** The wallet fields whose every change is in the log, so the accounts hold their Σ over all wallets. */
export const LOGGED_WALLET_FIELDS = ['cash', 'cashPending', 'withdrawn', 'quota'] as const;

/**
 * A note: a change made outside the pool, written into the next batch of its log.
 * `wallet`: a wallet-only event applied at the edge, with the part of the wallet the engine read
 * (`view`) and the engine's outcome; `day_open` / `day_close`: a settlement took a day's
 * dividend fund in (contributions not settled yet + the carry) or left its rest as the carry.
 */
export type AccountNote =
  | { kind: 'wallet'; eventId: string; user: string; event: LedgerEvent; view: Partial<Wallet>; outcome: Outcome }
  | { kind: 'day_open'; date: string; contributions: Money; carryIn: Money }
  | { kind: 'day_close'; date: string; paid: Money; carryOut: Money };

/** A note as a batch logs it: refused (with why) when it contradicted the accounts; they then stay as they were. */
export type LoggedNote = AccountNote & { refused?: string };

export function emptyAccounts(): PoolAccounts {
  return {
    dividendIn: '0.00',
    dividendTaken: '0.00',
    dividendDay: '0.00',
    dividendsPaid: '0.00',
    dividendCarry: '0.00',
    cash: '0.00',
    cashPending: '0.00',
    withdrawn: '0.00',
    quota: '0.00',
    storeCreditIn: '0.00',
  };
}

type Work = Record<keyof PoolAccounts, Dec>;
const toWork = (a: PoolAccounts): Work => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, dec(v)])) as Work;
const fromWork = (w: Work): PoolAccounts =>
  Object.fromEntries(Object.entries(w).map(([k, v]) => [k, money(v)])) as unknown as PoolAccounts;

/** A note or an outcome that contradicts the accounts (a bug or a rewritten log, never a user's error). */
export class AccountsBroken extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'AccountsBroken';
  }
}
const broken = (what: string) => new AccountsBroken(what);

/** Adds the changes of logged wallet fields; `checked`: a Σ may not fall below 0 (notes). */
function addChanges(w: Work, changes: Outcome['changes'], checked: boolean): void {
  for (const c of changes)
    if ((LOGGED_WALLET_FIELDS as readonly string[]).includes(c.field)) {
      const f = c.field as (typeof LOGGED_WALLET_FIELDS)[number];
      w[f] = w[f].plus(c.delta);
      if (checked && w[f].isNegative()) throw broken(`Σ ${f} would fall below 0`);
    }
}

/** The accounts after one applied pool event of a batch (its outcome; the engine checked its wallets). */
export function accountsAfterOutcome(a: PoolAccounts, outcome: Outcome): PoolAccounts {
  const w = toWork(a);
  addChanges(w, outcome.changes, false);
  if (outcome.dividendFund) w.dividendIn = w.dividendIn.plus(outcome.dividendFund);
  return fromWork(w);
}

function walletNote(w: Work, n: Extract<AccountNote, { kind: 'wallet' }>): void {
  addChanges(w, n.outcome.changes, true);
  if (n.event.kind === 'dividend') {
    w.dividendDay = w.dividendDay.minus(n.event.amount);
    if (w.dividendDay.isNegative()) throw broken(`dividend ${n.eventId} pays more than the day's fund left`);
    w.dividendsPaid = w.dividendsPaid.plus(n.event.amount);
  }
  if (n.event.kind === 'credit_store') w.storeCreditIn = w.storeCreditIn.plus(n.event.amount);
}

/**
 * The accounts after one note; AccountsBroken when the note contradicts them (a
 * day that carries in what the last day did not leave, pays more than its fund, takes in
 * contributions no completion made, or leaves another carry than its fund's rest).
 */
export function accountsAfterNote(a: PoolAccounts, n: AccountNote): PoolAccounts {
  const w = toWork(a);
  if (n.kind === 'wallet') walletNote(w, n);
  else if (n.kind === 'day_open') {
    if (!w.dividendDay.isZero()) throw broken(`day ${n.date} opens while another day is being settled`);
    if (!w.dividendCarry.eq(n.carryIn))
      throw broken(`day ${n.date} carries in ${n.carryIn}, the last day left ${money(w.dividendCarry)}`);
    w.dividendTaken = w.dividendTaken.plus(n.contributions);
    if (w.dividendTaken.gt(w.dividendIn))
      throw broken(`day ${n.date} takes in contributions that no logged completion made`);
    w.dividendDay = dec(n.contributions).plus(n.carryIn);
    w.dividendCarry = ZERO;
  } else {
    if (!w.dividendDay.eq(n.carryOut))
      throw broken(`day ${n.date} carries out ${n.carryOut}, its fund has ${money(w.dividendDay)} left`);
    w.dividendCarry = dec(n.carryOut);
    w.dividendDay = ZERO;
  }
  return fromWork(w);
}

/**
 * One batch's accounts: its applied events' outcomes in order, then its notes in order. A note
 * that contradicts the accounts is refused (its reason at its index) and changes nothing. The
 * applier and every replay run this same function, so they agree digit for digit.
 */
export function foldAccounts(
  before: PoolAccounts,
  outcomes: Array<Outcome | undefined>,
  notes: AccountNote[],
): { after: PoolAccounts; refused: Array<string | undefined> } {
  let a = before;
  for (const o of outcomes) if (o) a = accountsAfterOutcome(a, o);
  const refused = notes.map((n) => {
    try {
      a = accountsAfterNote(a, n);
      return undefined;
    } catch (e) {
      if (!(e instanceof AccountsBroken)) throw e;
      return e.message;
    }
  });
  return { after: a, refused };
}
