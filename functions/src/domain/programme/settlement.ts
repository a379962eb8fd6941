// Daily settlement (docs/rules.md event 8): dividends pro rata among users with quota, each capped at
// the quota left, the remainder carried to the next day; then, when enabled, exits.
//
// The day's state is a state machine, every move of it one transaction guarded by its `version`,
// so a day runs exactly once however often it is started, and a crash resumes from the last
// committed step:
//   open     -> the day's fund = Σ dividend contributions not settled yet (every day after the
//               last settlement; for the first one, every day since the first contribution)
//               + the carry; the carry moves to this date in the same transaction
//   snapshot -> participants (the holders index: quota > 0, ascending userId) paged a window of
//               chunks at a time; each chunk's weights (equity + equityLocked) written as a chunk:
//               the weights are fixed before anything is paid
//   paying   -> a window of chunks paid in parallel, each chunk one transaction: its payees'
//               wallets (version-checked) and the chunk's payment, recorded once (a one-time
//               claim on the chunk), so a chunk is paid once whoever runs it; then the dividends'
//               ledger entries, written from the recorded payment in batches (idempotent: same
//               keys, same content on a replay); then the state moves past the window, its totals
//               taken from the recorded payments
//   exiting  -> per user in ascending userId, at the price of that moment: a sell (pool event,
//               id derived from date and user) then quota_reset with an exit marker
//   done     -> the report; the carry holds what is left for the next day
import {
  apply,
  dec,
  dividendFor,
  emptyPool,
  quotaLeft,
  shouldExit,
  weightOf,
  ZERO,
  type Dec,
  type Outcome,
  type Wallet,
} from '@greenpoints/shared';
import { addSubmission, awaitEvent, drainUntilEmpty } from '../wallet/applier';
import { addNotes, walletNote } from '../wallet/notes';
import { applyWalletEvent } from '../wallet/ledger';
import { eventIdFor } from '../idempotency';
import { WritesRejected, type Write } from '../ports';
import type { ChunkPay, ChunkPayment, PagedSum, Settlement, SettlementStatus } from './ports';
import type { StoredWallet } from '../model';
import { Tx, StaleRead, retryStale } from '../tx';
import { busy, conflict, DomainError, invalid } from '../errors';
import { addDays, businessDate, daysBetween, isValidDate, lastDates } from '../calendar';
import type { Deps } from '../deps';

export type { Settlement, SettlementStatus } from './ports';

/** Payees per chunk: 98 wallet credits + the chunk's claim + its notes for the pool log = 100 items, one transaction. */
export const CHUNK = 98;
/**
 * Tests shrink the chunk to get many chunks from few users. `window`: chunks per step (snapshot
 * and paying; ≤ 99, the snapshot writes them with the state in one transaction); `parallel`:
 * chunk payments in flight at once.
 */
export const settlementTuning = { chunk: CHUNK, window: 16, parallel: 4 };
/**
 * Days read one by one (and recorded per day) when days were skipped. Contributions of older
 * days are not dropped: they are folded in as one sum (`folded`), read in date order.
 * Folding rather than refusing: a refusal would block every later day (days settle in order)
 * with nothing an operator could do about it, while the folded sum is paid at once, shown in
 * the report and checked by reconcile (I7).
 */
export const MAX_GAP_DAYS = 366;
/** Pages summed for one day or one folded run (1 MB each): past it, refuse rather than drop. */
const MAX_PAGES = 10_000;
/** Wallets read per call (a batch read takes 100 keys). */
const READ_BATCH = 100;

export interface SettlementReport {
  date: string;
  status: SettlementStatus;
  fromDate: string;
  days: number; // calendar days whose contributions are in this fund (fromDate..date)
  contributions: string;
  folded?: { from: string; through: string; amount: string };
  late?: Record<string, string>;
  carryIn: string;
  dayFund: string;
  participants: number;
  totalWeight: string;
  paid: string;
  payees: number;
  carried: string; // to the next day (so far, while not done)
  exitEnabled: boolean;
  exits: number;
  exitPoints: string;
  exitPayout: string;
  exitList?: Array<{ userId: string; points: string; payout: string; sell: string }>;
  progress?: string;
  startedAt: string;
  finishedAt?: string;
}

/** Test hooks: a clock, and a call after each committed step (throw there to simulate a crash). */
export const settlementHooks: {
  now?: () => number;
  afterStep?: (status: SettlementStatus, step: number) => void;
  /** between a chunk's committed payment and its ledger entries (throw: a crash mid-window) */
  afterChunkPaid?: (chunk: number) => void;
  afterExitSell?: (userId: string) => void | Promise<void>; // between an exit's sell and its quota reset
} = {};

// ---------- pure parts ----------

/** Dividends of one chunk: pro rata to the snapshot weights, floor2, capped at the quota left. */
export function chunkDividends(
  dayFund: string,
  totalWeight: string,
  entries: Array<[string, string]>,
  wallets: Map<string, Wallet>,
): Array<{ userId: string; amount: string }> {
  const out: Array<{ userId: string; amount: string }> = [];
  for (const [userId, weight] of entries) {
    const w = wallets.get(userId);
    if (!w) continue;
    const amount = dividendFor(dayFund, totalWeight, weight, quotaLeft(w));
    if (dec(amount).gt(0)) out.push({ userId, amount });
  }
  return out;
}

/** The status after paying: exits only when they were enabled when the day opened. */
export const afterPaying = (s: Pick<Settlement, 'exitEnabled'>): SettlementStatus =>
  s.exitEnabled ? 'exiting' : 'done';

export function toReport(s: Settlement, exitList?: SettlementReport['exitList']): SettlementReport {
  const progress =
    s.status === 'snapshot'
      ? `snapshot: ${s.chunks} chunks, ${s.participants} participants`
      : s.status === 'paying'
        ? `paying: chunk ${s.payCursor} of ${s.chunks}`
        : s.status === 'exiting'
          ? `exiting: chunk ${s.exitCursor} of ${s.chunks}`
          : undefined;
  return {
    date: s.date,
    status: s.status,
    fromDate: s.fromDate,
    days: daysBetween(s.fromDate, s.date),
    contributions: s.contributions,
    ...(s.foldedFrom ? { folded: { from: s.foldedFrom, through: s.foldedThrough, amount: s.foldedAmount } } : {}),
    ...(s.late && s.late !== '{}' ? { late: JSON.parse(s.late) as Record<string, string> } : {}),
    carryIn: s.carryIn,
    dayFund: s.dayFund,
    participants: s.participants,
    totalWeight: s.totalWeight,
    paid: s.paid,
    payees: s.payees,
    carried: s.status === 'done' ? s.carryOut : dec(s.dayFund).minus(s.paid).toFixed(2),
    exitEnabled: s.exitEnabled,
    exits: s.exits,
    exitPoints: s.exitPoints,
    exitPayout: s.exitPayout,
    ...(exitList ? { exitList } : {}),
    ...(progress ? { progress } : {}),
    startedAt: s.startedAt,
    ...(s.finishedAt ? { finishedAt: s.finishedAt } : {}),
  };
}

// ---------- reads ----------

export async function readSettlement(d: Pick<Deps, 'settlement'>, date: string): Promise<Settlement | undefined> {
  return d.settlement.get(date);
}

/** Moves the day from its version to the next state, with `writes` in the same transaction. */
async function advance(
  d: Pick<Deps, 'settlement' | 'tx'>,
  s: Settlement,
  next: Partial<Settlement>,
  writes: Array<[Write, Error | undefined]> = [],
): Promise<void> {
  const tx = new Tx(d.tx);
  for (const [w, onFail] of writes) tx.add(w, onFail);
  tx.add(
    d.settlement.advance({ ...s, ...next, version: s.version + 1 }, s.version),
    new StaleRead(`settlement ${s.date}`),
  );
  await tx.commit();
}

/** A bounded sum: past MAX_PAGES it refuses instead of dropping. */
async function bounded(r: Promise<PagedSum>, what: string): Promise<Dec> {
  const { sum, complete } = await r;
  if (!complete)
    throw conflict('contributions_unbounded', `more than ${MAX_PAGES} pages of dividend contributions in ${what}`);
  return dec(sum);
}
const dayFundOf = (d: Pick<Deps, 'settlement'>, day: string) =>
  bounded(d.settlement.dayContributions(day, MAX_PAGES), `the dividend fund of ${day}`);

export interface PendingContributions {
  fromDate: string;
  days: Record<string, string>; // the days read one by one that hold contributions
  folded?: { from: string; through: string; amount: string };
  total: Dec;
}

/**
 * Every contribution not settled yet, up to `date`: the days after the last settled one, or for
 * the first settlement every day since the first contribution. The last MAX_GAP_DAYS days are
 * read day by day with consistent reads; older ones (a longer gap) are folded in as one sum read
 * in date order (an index whose lag of milliseconds cannot matter for days that ended a year ago).
 */
export async function pendingContributions(
  d: Pick<Deps, 'settlement'>,
  lastDate: string | undefined,
  date: string,
): Promise<PendingContributions> {
  const first = lastDate ? addDays(lastDate, 1) : await d.settlement.firstContributionDate();
  const fromDate = first && first < date ? first : date;
  const recent = lastDates(fromDate, date, MAX_GAP_DAYS);
  const days: Record<string, string> = {};
  let total = ZERO;
  for (const day of recent) {
    const v = await dayFundOf(d, day);
    if (v.gt(0)) days[day] = v.toFixed(2);
    total = total.plus(v);
  }
  if (recent[0]! <= fromDate) return { fromDate, days, total };
  const through = addDays(recent[0]!, -1);
  const amount = await bounded(
    d.settlement.contributionsBetween(fromDate, through, MAX_PAGES),
    `the dividend funds of ${fromDate}..${through}`,
  );
  return { fromDate, days, folded: { from: fromDate, through, amount: amount.toFixed(2) }, total: total.plus(amount) };
}

/**
 * The previous settlement's last days that may still receive an entry after it read them: a
 * completion dated just before midnight can commit just after that day was opened.
 */
export const LATE_DAYS = 2;

/** What reached the previous settlement's last LATE_DAYS days after it read them (taken in now). */
async function lateContributions(d: Pick<Deps, 'settlement'>, prev: Settlement): Promise<Record<string, string>> {
  if (!prev.days) return {}; // settled before per-day amounts were recorded: nothing to compare
  const taken = JSON.parse(prev.days) as Record<string, string>;
  const out: Record<string, string> = {};
  for (const day of lastDates(prev.fromDate, prev.date, LATE_DAYS)) {
    const extra = (await dayFundOf(d, day)).minus(taken[day] ?? '0');
    if (extra.gt(0)) out[day] = extra.toFixed(2);
  }
  return out;
}

/** Runs `f` over `items` with at most `n` in flight; every started call ends before it answers. */
async function inParallel<T, R>(n: number, items: T[], f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  let failed: { e: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(n, items.length)) }, async () => {
      while (!failed && next < items.length) {
        const i = next++;
        try {
          out[i] = await f(items[i]!);
        } catch (e) {
          failed ??= { e };
        }
      }
    }),
  );
  if (failed) throw failed.e;
  return out;
}

/** Wallets of many users, read in parallel batches. */
async function walletsOf(d: Pick<Deps, 'wallets'>, users: string[]): Promise<Map<string, StoredWallet>> {
  const parts: string[][] = [];
  for (let i = 0; i < users.length; i += READ_BATCH) parts.push(users.slice(i, i + READ_BATCH));
  const maps = await inParallel(settlementTuning.window, parts, (p) => d.wallets.getMany(p));
  return new Map(maps.flatMap((m) => [...m]));
}

const window = () => Math.max(1, Math.min(99, settlementTuning.window));

// ---------- the steps ----------

async function open(d: Pick<Deps, 'config' | 'pool' | 'settlement' | 'tx'>, date: string): Promise<void> {
  const carry = await d.settlement.carry();
  const lastDate = carry?.lastDate;
  if (lastDate && lastDate >= date)
    throw conflict('out_of_order', `days are settled in order; ${lastDate} is already settled or under way`);
  const prev = lastDate ? await readSettlement(d, lastDate) : undefined;
  if (prev && prev.status !== 'done')
    throw conflict(
      'previous_day_unfinished',
      `the settlement of ${lastDate} is not finished; run settle-day for it first`,
    );
  const pc = await pendingContributions(d, lastDate, date);
  const late = prev ? await lateContributions(d, prev) : {};
  const contributions = Object.values(late).reduce((a, v) => a.plus(v), pc.total);
  const carryIn = dec(carry ? carry.amount : '0');
  const { params, version: paramsVersion } = await d.config.params(true);
  const now = new Date().toISOString();
  const s: Settlement = {
    date,
    status: 'snapshot',
    fromDate: pc.fromDate,
    contributions: contributions.toFixed(2),
    days: JSON.stringify(pc.days),
    foldedFrom: pc.folded?.from ?? '',
    foldedThrough: pc.folded?.through ?? '',
    foldedAmount: pc.folded?.amount ?? '0.00',
    late: JSON.stringify(late),
    carryIn: carryIn.toFixed(2),
    dayFund: contributions.plus(carryIn).toFixed(2),
    exitEnabled: params.exitEnabled,
    paramsVersion,
    snapCursor: '',
    chunks: 0,
    participants: 0,
    totalWeight: '0',
    payCursor: 0,
    paid: '0.00',
    payees: 0,
    exitCursor: 0,
    exits: 0,
    exitPoints: '0',
    exitPayout: '0.00',
    carryOut: '0.00',
    startedAt: now,
    finishedAt: '',
    version: 1,
  };
  const tx = new Tx(d.tx);
  tx.add(d.settlement.create(s), new StaleRead('settlement opened meanwhile'));
  // The carry moves into this day; it comes back (what is left) when the day is done.
  tx.add(d.settlement.openCarry(date, now, carry?.version), new StaleRead('carry moved meanwhile'));
  // The pool log takes the day's fund in (domain/wallet/notes.ts): what it took, and the carry it moved.
  addNotes(tx, d.pool, [{ kind: 'day_open', date, contributions: s.contributions, carryIn: s.carryIn }]);
  await tx.commit();
}

/** One window of the holders index: their weights (consistent wallet reads) as chunks. */
async function snapshotStep(d: Pick<Deps, 'settlement' | 'tx' | 'wallets'>, s: Settlement): Promise<void> {
  const size = Math.max(1, Math.min(settlementTuning.chunk, CHUNK));
  const page = await d.settlement.holders(s.snapCursor, size * window());
  const stored = await walletsOf(d, page.users);
  // The index is eventually consistent: the wallet read (consistent) decides.
  const entries: Array<[string, string]> = [];
  let weight = ZERO;
  for (const u of page.users) {
    const w = stored.get(u)!.wallet;
    if (!dec(w.quota).gt(0)) continue;
    const wt = dec(weightOf(w));
    entries.push([u, wt.toFixed()]);
    weight = weight.plus(wt);
  }
  const writes: Array<[Write, undefined]> = [];
  for (let i = 0; i < entries.length; i += size)
    writes.push([d.settlement.createChunk(s.date, s.chunks + writes.length, entries.slice(i, i + size)), undefined]);
  await advance(
    d,
    s,
    {
      chunks: s.chunks + writes.length,
      participants: s.participants + entries.length,
      totalWeight: weight.plus(s.totalWeight).toFixed(),
      snapCursor: page.next,
      status: page.next ? 'snapshot' : 'paying',
    },
    writes,
  );
}

const DIVIDEND_FIELDS = new Set(['cash', 'dividendsPaid']);

/** The chunk was paid before (by this run before a crash, or by a concurrent one). */
class ChunkPaid extends Error {}

/**
 * Pays chunk `k` once: its payees' wallets and the payment's record in one transaction. Answers
 * the recorded payment, whoever made it.
 */
async function payChunk(
  d: Pick<Deps, 'config' | 'pool' | 'settlement' | 'tx' | 'wallets'>,
  s: Settlement,
  k: number,
): Promise<ChunkPayment> {
  return retryStale(async () => {
    const c = await d.settlement.chunk(s.date, k);
    if (!c) throw new Error(`settlement ${s.date}: chunk ${k} missing`);
    if (c.payment) return c.payment;
    const stored = await d.wallets.getMany(c.users.map(([u]) => u));
    const wallets = new Map([...stored].map(([u, w]) => [u, w.wallet]));
    const { params } = await d.config.params();
    const tx = new Tx(d.tx);
    const pays: ChunkPay[] = [];
    const notes: Array<ReturnType<typeof walletNote>> = [];
    let total = ZERO;
    for (const p of chunkDividends(s.dayFund, s.totalWeight, c.users, wallets)) {
      const event = { kind: 'dividend' as const, user: p.userId, amount: p.amount, date: s.date };
      const a = apply({ pool: emptyPool(params), wallets: { [p.userId]: wallets.get(p.userId)! } }, event, params);
      // A dividend moves cash and dividendsPaid only: written as just those fields (cheaper).
      if (a.outcome.changes.some((c) => !DIVIDEND_FIELDS.has(c.field) || c.user !== p.userId))
        throw new Error(`a dividend changed more than ${[...DIVIDEND_FIELDS].join(', ')}`);
      const prior = stored.get(p.userId)!.version;
      const next = a.state.wallets[p.userId]!;
      tx.add(
        prior > 0 ? d.settlement.creditDividend(p.userId, next, prior) : d.wallets.put(p.userId, next, 0),
        new StaleRead(`wallet ${p.userId}`),
      );
      pays.push({ userId: p.userId, amount: p.amount, changes: a.outcome.changes });
      notes.push(walletNote(`div_${s.date}_${p.userId}`, p.userId, event, wallets.get(p.userId)!, a.outcome));
      total = total.plus(p.amount);
    }
    const payment: ChunkPayment = { paidAt: new Date().toISOString(), paid: total.toFixed(2), pays };
    tx.add(d.settlement.claimChunk(s.date, k, payment), new ChunkPaid());
    addNotes(tx, d.pool, notes); // one queue entry: the chunk's dividends for the pool log
    try {
      await tx.commit();
      return payment;
    } catch (e) {
      if (!(e instanceof ChunkPaid)) throw e;
      const again = await d.settlement.chunk(s.date, k);
      if (!again?.payment) throw new Error(`settlement ${s.date}: chunk ${k} claimed but not recorded`, { cause: e });
      return again.payment;
    }
  });
}

/** The dividends' ledger entries of a payment (idempotent: a replay writes the same items). */
function recordLedger(d: Pick<Deps, 'settlement'>, s: Settlement, p: ChunkPayment): Promise<void> {
  return d.settlement.writeDividendLedger(
    p.paidAt,
    { date: s.date },
    p.pays.map((x) => ({ eventId: `div_${s.date}_${x.userId}`, changes: x.changes })),
  );
}

/** One window of chunks, paid in parallel; the state moves past it with totals from the records. */
async function payStep(
  d: Pick<Deps, 'config' | 'pool' | 'settlement' | 'tx' | 'wallets'>,
  s: Settlement,
): Promise<void> {
  if (s.payCursor >= s.chunks) return finish(d, s, afterPaying(s));
  const end = Math.min(s.chunks, s.payCursor + window());
  const ks = Array.from({ length: end - s.payCursor }, (_, i) => s.payCursor + i);
  const payments = await inParallel(settlementTuning.parallel, ks, async (k) => {
    const p = await payChunk(d, s, k);
    settlementHooks.afterChunkPaid?.(k);
    await recordLedger(d, s, p);
    return p;
  });
  const paid = payments.reduce((a, p) => a.plus(p.paid), dec(s.paid));
  const payees = payments.reduce((a, p) => a + p.pays.length, s.payees);
  await advance(d, s, { payCursor: end, paid: paid.toFixed(2), payees });
}

class StepDone extends Error {}

/** One user's exit: the sell (if they hold equity) then the quota reset, each at most once. */
async function exitUser(
  d: Pick<Deps, 'config' | 'events' | 'ledger' | 'pool' | 'poolState' | 'projection' | 'settlement' | 'tx' | 'wallets'>,
  date: string,
  userId: string,
): Promise<void> {
  if (await d.settlement.exitMarker(date, userId)) return;
  const sellId = eventIdFor('exit', date, userId);
  let rec = await d.events.get(sellId);
  // The quota the exit was decided on: the reset removes exactly it, so quota earned by an
  // order that completes between the sell and the reset is kept.
  let plan: { quota: string; dividendsPaid: string } | undefined;
  if (!rec) {
    const { params } = await d.config.params();
    const [pool, { wallet }] = await Promise.all([d.poolState.state(params), d.wallets.get(userId)]);
    if (!shouldExit(wallet, pool)) return;
    plan = { quota: wallet.quota, dividendsPaid: wallet.dividendsPaid };
    if (dec(wallet.equity).gt(0)) {
      const p = plan;
      await retryStale(async () => {
        const tx = new Tx(d.tx);
        await addSubmission(
          d,
          tx,
          { eventId: sellId, userId, event: { kind: 'sell', user: userId, points: wallet.equity, reason: 'exit' } },
          new StepDone(),
        );
        tx.add(d.settlement.recordExitPlan(date, userId, p));
        await tx.commit().catch((e) => {
          if (!(e instanceof StepDone)) throw e;
        });
      });
      rec = await awaitEvent(d, sellId, 15000);
    }
  } else if (rec.status === 'pending') rec = await awaitEvent(d, sellId, 15000);
  if (rec && rec.status === 'pending') throw busy(`the exit sell of ${userId} is still pending; run settle-day again`);
  const outcome = rec?.status === 'applied' ? (rec.outcome as Outcome) : undefined;
  await settlementHooks.afterExitSell?.(userId);
  plan ??= await d.settlement.exitPlan(date, userId);
  const marker = {
    userId,
    points: outcome?.points ?? '0',
    payout: outcome?.payout ?? '0.00',
    sell: rec ? (rec.status === 'applied' ? 'applied' : `rejected: ${rec.error?.code ?? ''}`) : 'none',
  };
  try {
    await applyWalletEvent(
      d,
      userId,
      `exit_${date}_${userId}`,
      { kind: 'quota_reset', user: userId, ...plan },
      (tx) => {
        tx.add(d.settlement.markExit(date, marker), new StepDone());
      },
    );
  } catch (e) {
    if (!(e instanceof StepDone)) throw e;
  }
}

async function exitStep(
  d: Pick<Deps, 'config' | 'events' | 'ledger' | 'pool' | 'poolState' | 'projection' | 'settlement' | 'tx' | 'wallets'>,
  s: Settlement,
): Promise<void> {
  if (s.exitCursor >= s.chunks) return finish(d, s, 'done');
  const c = await d.settlement.chunk(s.date, s.exitCursor);
  if (!c) throw new Error(`settlement ${s.date}: chunk ${s.exitCursor} missing`);
  for (const [u] of c.users) await exitUser(d, s.date, u);
  // Totals from the markers, so a chunk resumed after a crash counts every exit once.
  const markers = await d.settlement.exitMarkers(
    s.date,
    c.users.map(([u]) => u),
  );
  let points = dec(s.exitPoints);
  let payout = dec(s.exitPayout);
  for (const m of markers) {
    points = points.plus(m.points);
    payout = payout.plus(m.payout);
  }
  await advance(d, s, {
    exitCursor: s.exitCursor + 1,
    exits: s.exits + markers.length,
    exitPoints: points.toFixed(),
    exitPayout: payout.toFixed(2),
  });
}

/** After paying (or exiting): the next status; when the day ends, its totals and the carry to the next day. */
function finish(d: Pick<Deps, 'pool' | 'settlement' | 'tx'>, s: Settlement, status: SettlementStatus): Promise<void> {
  if (status !== 'done') return advance(d, s, { status });
  const carryOut = dec(s.dayFund).minus(s.paid).toFixed(2);
  const finishedAt = new Date().toISOString();
  const close = new Tx(d.tx); // the pool log's note of the day's end (domain/wallet/notes.ts), in the same transaction
  addNotes(close, d.pool, [{ kind: 'day_close', date: s.date, paid: s.paid, carryOut }]);
  return advance(d, s, { status, carryOut, finishedAt }, [
    [d.settlement.closeCarry(s.date, carryOut, finishedAt), new StaleRead('carry')],
    ...close.ops.map((w): [Write, undefined] => [w, undefined]),
  ]);
}

export async function exitList(
  d: Pick<Deps, 'settlement'>,
  date: string,
  limit = 100,
): Promise<SettlementReport['exitList']> {
  return d.settlement.exits(date, limit);
}

/** Another run advanced the day, or a wallet moved under a chunk: re-read and go on. */
const isRace = (e: unknown) =>
  e instanceof StaleRead || e instanceof WritesRejected || (e instanceof DomainError && e.code === 'conflict');

/**
 * settle-day: runs (or resumes) the settlement of `date` (default: yesterday, China time) until
 * done or the time budget is spent; a done day answers its stored report and changes nothing.
 */
export async function settleDay(
  d: Pick<Deps, 'config' | 'events' | 'ledger' | 'pool' | 'poolState' | 'projection' | 'settlement' | 'tx' | 'wallets'>,
  dateIn: string | undefined,
  opts: { maxMs?: number } = {},
): Promise<SettlementReport> {
  const now = settlementHooks.now?.() ?? Date.now();
  const today = businessDate(now);
  const date = dateIn ?? addDays(today, -1);
  if (!isValidDate(date)) throw invalid('invalid_date', 'date must be YYYY-MM-DD');
  let s = await readSettlement(d, date);
  if (s?.status === 'done') return toReport(s, await exitList(d, date));
  if (date >= today) throw conflict('day_not_over', `${date} is not over yet (China time); settle it after midnight`);
  const deadline = Date.now() + (opts.maxMs ?? 12 * 60_000);
  let stuck = 0;
  let lastPos = '';
  for (;;) {
    if (!s) {
      try {
        await open(d, date);
      } catch (e) {
        if (!(e instanceof StaleRead)) throw e;
      }
      s = await readSettlement(d, date);
      if (!s) throw new Error('settlement did not open');
      continue;
    }
    if (s.status === 'done') {
      await drainUntilEmpty(d); // the day's notes into the pool log before the report (bounded)
      return toReport(s, await exitList(d, date));
    }
    if (Date.now() > deadline) return toReport(s);
    const pos = `${s.status}:${s.version}`;
    stuck = pos === lastPos ? stuck + 1 : 0;
    lastPos = pos;
    if (stuck > 8)
      throw conflict('settlement_stuck', `settlement ${date} made no progress at ${s.status} (version ${s.version})`);
    const step = s.status === 'snapshot' ? s.chunks : s.status === 'paying' ? s.payCursor : s.exitCursor;
    try {
      if (s.status === 'snapshot') await snapshotStep(d, s);
      else if (s.status === 'paying') await payStep(d, s);
      else await exitStep(d, s);
      settlementHooks.afterStep?.(s.status, step);
    } catch (e) {
      if (!isRace(e)) throw e;
    }
    s = await readSettlement(d, date);
  }
}
