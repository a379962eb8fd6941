// Reconcile checks of the full programme (run by the staff reconcile over the scanned table):
// every order's dividend contribution reached its day's fund, each settled day paid exactly what
// its ledger shows, the carry chains from one day to the next, and (I7) every yuan contributed is
// paid, carried, or waiting in a day not settled yet.
import { decOrZero, ZERO, type Dec } from '@greenpoints/shared';
import { addDays, lastDates } from '../calendar';
import { LATE_DAYS } from './settlement';
import type { BatchLog } from '../wallet/ports';

const D = (s: unknown) => decOrZero(typeof s === 'string' ? s : undefined);

/** A settled (or running) day as its settlement record keeps it; amounts are decimal strings. */
export interface SettledDay {
  date: string;
  fromDate?: string;
  status?: string;
  contributions?: string;
  carryIn?: string;
  dayFund?: string;
  paid?: string;
  carryOut?: string;
  /** what it took for each day, `{date: amount}` (absent on records older than the rule) */
  days?: Record<string, string>;
  late?: Record<string, string>;
  foldedFrom?: string;
  foldedThrough?: string;
  foldedAmount?: string;
}

/** What the checks read, gathered by the staff reconcile from the whole table. */
export interface ProgrammeView {
  batches: BatchLog[];
  /** the dividend fund entries: one per completed order with a dividend contribution */
  divFunds: Array<{ eventId: string; date: string; amount?: string }>;
  /** the cash ledger entries of dividends, by the day they were paid for */
  dividendCash: Array<{ date: string; delta?: string }>;
  settlements: SettledDay[];
  /** the carry item, if there is one */
  carry?: { amount?: string };
}

export function programmeProblems(view: ProgrammeView): string[] {
  const problems: string[] = [];

  // Dividend fund entries ↔ applied order completions with a dividend contribution.
  const funds = new Map(view.divFunds.map((i) => [i.eventId, i]));
  const completions = view.batches
    .flatMap((b) => b.entries)
    .filter((e) => e.outcome && e.event.kind === 'order_completed');
  for (const e of completions) {
    const want = D(e.outcome!.dividendFund);
    const f = funds.get(String(e.eventId));
    if (want.gt(0) && !f)
      problems.push(`dividend fund entry missing for completion ${String(e.eventId)} (${want.toFixed(2)})`);
    if (f && !D(f.amount).eq(want))
      problems.push(
        `dividend fund entry of ${String(e.eventId)} is ${String(f.amount)}, the completion gave ${want.toFixed(2)}`,
      );
    funds.delete(String(e.eventId));
  }
  for (const id of funds.keys()) problems.push(`dividend fund entry ${id} has no applied completion`);

  // Each done day: paid = Σ its dividend ledger entries; carry = fund − paid; days chain.
  const paidByDate = new Map<string, Dec>();
  for (const l of view.dividendCash) {
    const d = l.date;
    paidByDate.set(d, (paidByDate.get(d) ?? ZERO).plus(D(l.delta)));
  }
  const days = [...view.settlements].sort((a, b) => a.date.localeCompare(b.date));
  let prevCarry = ZERO;
  for (const s of days) {
    const date = s.date;
    const paid = paidByDate.get(date) ?? ZERO;
    if (!paid.eq(D(s.paid)))
      problems.push(
        `settlement ${date} reports paid ${String(s.paid)}, its dividend ledger sums to ${paid.toFixed(2)}`,
      );
    if (!D(s.carryIn).eq(prevCarry))
      problems.push(`settlement ${date} carried in ${String(s.carryIn)}, the day before left ${prevCarry.toFixed(2)}`);
    if (!D(s.dayFund).eq(D(s.contributions).plus(D(s.carryIn))))
      problems.push(`settlement ${date}: fund ≠ contributions + carry`);
    if (D(s.paid).gt(D(s.dayFund))) problems.push(`settlement ${date} paid more than its fund`);
    if (s.status === 'done') {
      if (!D(s.carryOut).eq(D(s.dayFund).minus(D(s.paid)))) problems.push(`settlement ${date}: carry ≠ fund − paid`);
      prevCarry = D(s.carryOut);
    } else prevCarry = ZERO; // the carry is inside the running day
    paidByDate.delete(date);
  }
  for (const [d, v] of paidByDate) problems.push(`dividends of ${v.toFixed(2)} dated ${d} have no settlement`);
  const carry = view.carry;
  const last = days[days.length - 1];
  if (last && carry && last.status === 'done' && !D(carry.amount).eq(D(last.carryOut))) {
    problems.push(`carry item holds ${String(carry.amount)}, the last settled day left ${String(last.carryOut)}`);
  }
  problems.push(...i7Problems(view, days));
  return problems;
}

/** Σ amount of the dividend fund entries, per business day. */
function contributionsByDay(view: ProgrammeView): Map<string, Dec> {
  const byDay = new Map<string, Dec>();
  for (const f of view.divFunds) {
    const d = f.date;
    byDay.set(d, (byDay.get(d) ?? ZERO).plus(D(f.amount)));
  }
  return byDay;
}

const sumOver = (byDay: Map<string, Dec>, from: string, to: string) =>
  [...byDay].filter(([d]) => d >= from && d <= to).reduce((a, [, v]) => a.plus(v), ZERO);

/**
 * I7: Σ contributions = Σ dividends paid + the carry + contributions not settled yet. Checked day
 * by day so a broken one is named: each settlement starts the day after the previous one (the
 * first: at the first contribution); what the settlements took for each day (read by its own
 * settlement, plus what arrived late and the next one took in) equals what the day holds now; a
 * folded run as one sum. Only the last settlement's last LATE_DAYS days may hold more than was
 * taken: that is waiting for the next settlement.
 */
/** What I7 gathers over the settlements: the days each took, the ranges folded in, the problems. */
interface I7Walk {
  byDay: Map<string, Dec>;
  took: Map<string, { amount: Dec; by: string[] }>;
  folded: Array<[string, string]>;
  problems: string[];
}

export function i7Problems(view: ProgrammeView, settlements: SettledDay[]): string[] {
  const byDay = contributionsByDay(view);
  const firstDay = [...byDay.keys()].sort()[0];
  const w: I7Walk = { byDay, took: new Map(), folded: [], problems: [] };
  let prev: SettledDay | undefined;
  let paid = ZERO;
  for (const s of settlements) {
    const from = s.fromDate || s.date;
    const want = prev ? addDays(prev.date, 1) : firstDay && firstDay < s.date ? firstDay : s.date;
    if (from !== want) w.problems.push(`I7 settlement ${s.date} starts at ${from}, not ${want}`);
    checkSettledDay(w, s, from);
    paid = paid.plus(D(s.paid));
    prev = s;
  }
  const last = settlements[settlements.length - 1];
  const waiting = checkDaysTaken(w, last);
  const lastDate = last ? last.date : '';
  const carry = !last ? ZERO : last.status === 'done' ? D(last.carryOut) : D(last.dayFund).minus(D(last.paid));
  const unsettled = sumOver(byDay, last ? addDays(lastDate, 1) : '', '9999-12-31').plus(waiting);
  const total = sumOver(byDay, '', '9999-12-31');
  if (!total.eq(paid.plus(carry).plus(unsettled)))
    w.problems.push(
      `I7 Σ dividend contributions ${total.toFixed(2)} ≠ paid ${paid.toFixed(2)} + carry ${carry.toFixed(2)} + not yet settled ${unsettled.toFixed(2)}`,
    );
  return w.problems;
}

/** One settlement: what it recorded taking (late entries, a folded range, its days) against the entries. */
function checkSettledDay(w: I7Walk, s: SettledDay, from: string): void {
  const date = s.date;
  const take = (d: string, v: Dec) => {
    const t = w.took.get(d) ?? { amount: ZERO, by: [] };
    w.took.set(d, { amount: t.amount.plus(v), by: [...t.by, date] });
  };
  const late = s.late ?? {};
  for (const [d, v] of Object.entries(late)) take(d, D(v));
  let recorded = Object.values(late).reduce((a, v) => a.plus(D(v)), ZERO);
  if (typeof s.foldedThrough === 'string' && s.foldedThrough) {
    const [ff, ft] = [String(s.foldedFrom), s.foldedThrough];
    w.folded.push([ff, ft]);
    recorded = recorded.plus(D(s.foldedAmount));
    const now = sumOver(w.byDay, ff, ft);
    if (!D(s.foldedAmount).eq(now)) {
      const named = [...w.byDay.keys()].filter((d) => d >= ff && d <= ft).sort();
      w.problems.push(
        `I7 contributions of ${ff}..${ft} (days ${named.join(', ')}): settlement ${date} folded in ${String(s.foldedAmount)}, the entries hold ${now.toFixed(2)}`,
      );
    }
  }
  if (s.days) {
    for (const [d, v] of Object.entries(s.days)) take(d, D(v));
    recorded = Object.values(s.days).reduce((a, v) => a.plus(D(v)), recorded);
    if (!recorded.eq(D(s.contributions)))
      w.problems.push(
        `I7 settlement ${date} took in ${String(s.contributions)}, its days add up to ${recorded.toFixed(2)}`,
      );
  } else {
    // Written before per-day amounts were recorded: its range as one sum.
    w.folded.push([from, date]);
    const now = sumOver(w.byDay, from, date);
    if (!D(s.contributions).eq(now))
      w.problems.push(
        `I7 settlement ${date} took in ${String(s.contributions)}, the days ${from}..${date} hold ${now.toFixed(2)}`,
      );
  }
}

/** Every day's entries against what the settlements took; answers what the last one's late window still waits for. */
function checkDaysTaken(w: I7Walk, last: SettledDay | undefined): Dec {
  const lastDate = last ? last.date : '';
  const window = last ? lastDates(last.fromDate || lastDate, lastDate, LATE_DAYS) : [];
  let waiting = ZERO;
  const inFolded = (d: string) => w.folded.some(([f, t]) => d >= f && d <= t);
  const checked = new Set([...[...w.byDay.keys()].filter((d) => d <= lastDate), ...w.took.keys()]);
  for (const d of [...checked].sort()) {
    if (inFolded(d)) continue;
    const now = w.byDay.get(d) ?? ZERO;
    const t = w.took.get(d);
    if (window.includes(d) && now.gt(t?.amount ?? 0)) waiting = waiting.plus(now.minus(t?.amount ?? 0));
    else if (!t) w.problems.push(`I7 contributions of ${d} (${now.toFixed(2)}) are in no settlement`);
    else if (!now.eq(t.amount))
      w.problems.push(
        `I7 contributions of ${d}: settlement ${t.by.join(' + ')} took ${t.amount.toFixed(2)}, the entries hold ${now.toFixed(2)}`,
      );
  }
  return waiting;
}
