// Daily settlement (docs/rules.md event 8): dividends pro rata among users with quota, each capped at
// the quota left, the remainder carried to the next day; then, when enabled, exits.
//
// SETTLEMENT#<date>/STATE is a state machine, every move of it one transaction conditioned on its
// `version`, so a day runs exactly once however often it is started, and a crash resumes from the
// last committed step:
//   open     -> the day's fund = Σ dividend contributions not settled yet (every day after the
//               last settlement; for the first one, every day since the first contribution)
//               + the carry; the CARRY item moves to this date in the same transaction
//   snapshot -> participants (GSI2 HOLDER: quota > 0, ascending userId) paged CHUNK at a time;
//               each page's weights (equity + equityLocked) written as a CHUNK item: the weights
//               are fixed before anything is paid
//   paying   -> one chunk per transaction: each payee's wallet (version-checked) + ledger entries
//   exiting  -> per user in ascending userId, at the price of that moment: a sell (pool event,
//               id derived from date and user) then quota_reset with an EXIT marker
//   done     -> the report; CARRY holds what is left for the next day
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
import { batchGet, getItem, query, TxCancelled, type Item, type QueryOpts, type Scalar, type TxOp } from '../repo/ddb';
import { programmeKeys } from '../repo/programme';
import { getEvent, getParams, getPool, getWallet, getWallets } from '../repo/repository';
import { addSubmission, awaitEvent } from './applier';
import { applyWalletEvent } from './wallet';
import { eventIdFor } from './idempotency';
import { stores } from './stores';
import { Tx, StaleRead, retryStale } from './tx';
import { busy, conflict, invalid } from './errors';
import { addDays, businessDate, daysBetween, isValidDate, lastDates } from './calendar';

/** Users per chunk: 25 payees × (wallet + 2 ledger entries) + the settlement item = 76 ≤ 100. */
export const CHUNK = 25;
/** Tests shrink the chunk to get many chunks from few users. */
export const settlementTuning = { chunk: CHUNK };
/**
 * Days read one by one (and recorded per day) when days were skipped. Contributions of older
 * days are not dropped: they are folded in as one sum (`folded`), read from GSI1 in date order.
 * Folding rather than refusing: a refusal would block every later day (days settle in order)
 * with nothing an operator could do about it, while the folded sum is paid at once, shown in
 * the report and checked by reconcile (I7).
 */
export const MAX_GAP_DAYS = 366;
/** Pages summed for one day or one folded run (1 MB each): past it, refuse rather than drop. */
const MAX_PAGES = 10_000;

export type SettlementStatus = 'snapshot' | 'paying' | 'exiting' | 'done';

export interface Settlement {
  date: string;
  status: SettlementStatus;
  fromDate: string; // first day whose contributions are in this fund
  contributions: string;
  days: string; // JSON {date: amount} of the days read one by one (days with contributions)
  foldedFrom: string; // '' unless a gap longer than MAX_GAP_DAYS was folded in as one sum
  foldedThrough: string;
  foldedAmount: string;
  late: string; // JSON {date: amount}: entries that reached the previous settlement's days after it read them
  carryIn: string;
  dayFund: string;
  exitEnabled: boolean;
  paramsVersion: number;
  snapCursor: string;
  chunks: number;
  participants: number;
  totalWeight: string;
  payCursor: number;
  paid: string;
  payees: number;
  exitCursor: number;
  exits: number;
  exitPoints: string;
  exitPayout: string;
  carryOut: string;
  startedAt: string;
  finishedAt: string;
  version: number;
}

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

// ---------- storage ----------

function settlementItem(s: Settlement): Item {
  return { ...programmeKeys.settlement(s.date), type: 'settlement', ...s };
}
function toSettlement(i: Item): Settlement {
  const str = (k: string, d = '') => (typeof i[k] === 'string' ? (i[k] as string) : d);
  const num = (k: string) => (typeof i[k] === 'number' ? (i[k] as number) : 0);
  return {
    date: str('date'),
    status: str('status') as SettlementStatus,
    fromDate: str('fromDate'),
    contributions: str('contributions', '0.00'),
    days: str('days'), // '' on settlements written before days were recorded
    late: str('late', '{}'),
    foldedFrom: str('foldedFrom'),
    foldedThrough: str('foldedThrough'),
    foldedAmount: str('foldedAmount', '0.00'),
    carryIn: str('carryIn', '0.00'),
    dayFund: str('dayFund', '0.00'),
    exitEnabled: i.exitEnabled === true,
    paramsVersion: num('paramsVersion'),
    snapCursor: str('snapCursor'),
    chunks: num('chunks'),
    participants: num('participants'),
    totalWeight: str('totalWeight', '0'),
    payCursor: num('payCursor'),
    paid: str('paid', '0.00'),
    payees: num('payees'),
    exitCursor: num('exitCursor'),
    exits: num('exits'),
    exitPoints: str('exitPoints', '0'),
    exitPayout: str('exitPayout', '0.00'),
    carryOut: str('carryOut', '0.00'),
    startedAt: str('startedAt'),
    finishedAt: str('finishedAt'),
    version: num('version'),
  };
}
export async function readSettlement(date: string): Promise<Settlement | undefined> {
  const i = await getItem(programmeKeys.settlement(date));
  return i ? toSettlement(i) : undefined;
}

/** Moves the settlement item from version v to the next state, with `ops` in the same transaction. */
async function advance(s: Settlement, next: Partial<Settlement>, ops: TxOp[] = [], tx = new Tx()): Promise<void> {
  const item = settlementItem({ ...s, ...next, version: s.version + 1 });
  ops.forEach((o) => tx.add(o));
  tx.add({ op: 'putIf', item, ifEquals: { version: s.version } }, new StaleRead(`settlement ${s.date}`));
  await tx.commit();
}

/** Σ amount over every page of a query, bounded: past MAX_PAGES it refuses instead of dropping. */
async function sumAmounts(o: QueryOpts): Promise<Dec> {
  let sum = ZERO;
  let cursor: Record<string, Scalar> | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await query({ ...o, cursor });
    for (const i of r.items) sum = sum.plus(String(i.amount ?? '0'));
    if (!r.next) return sum;
    cursor = r.next;
  }
  throw conflict('contributions_unbounded', `more than ${MAX_PAGES} pages of dividend contributions in ${o.pk}`);
}

/** The first business day anyone contributed to a dividend fund (GSI1 is in date order). */
async function firstContributionDate(): Promise<string | undefined> {
  const r = await query({ pk: programmeKeys.divFundGsiPk, index: 'GSI1', limit: 1 });
  const d = r.items[0]?.date;
  return typeof d === 'string' ? d : undefined;
}

export interface PendingContributions {
  fromDate: string;
  days: Record<string, string>; // the days read one by one that hold contributions
  folded?: { from: string; through: string; amount: string };
  total: Dec;
}

/**
 * Every contribution not settled yet, up to `date`: the days after the last settled one, or for
 * the first settlement every day since the first contribution. The last MAX_GAP_DAYS days are
 * read day by day with consistent reads; older ones (a longer gap) are folded in as one sum from
 * GSI1, whose lag of milliseconds cannot matter for days that ended a year ago.
 */
export async function pendingContributions(lastDate: string | undefined, date: string): Promise<PendingContributions> {
  const first = lastDate ? addDays(lastDate, 1) : await firstContributionDate();
  const fromDate = first && first < date ? first : date;
  const recent = lastDates(fromDate, date, MAX_GAP_DAYS);
  const days: Record<string, string> = {};
  let total = ZERO;
  for (const d of recent) {
    const v = await sumAmounts({ pk: `DIVFUND#${d}` });
    if (v.gt(0)) days[d] = v.toFixed(2);
    total = total.plus(v);
  }
  if (recent[0]! <= fromDate) return { fromDate, days, total };
  const through = addDays(recent[0]!, -1);
  const amount = await sumAmounts({
    pk: programmeKeys.divFundGsiPk,
    index: 'GSI1',
    skBetween: [fromDate, `${through}#\uffff`],
  });
  return { fromDate, days, folded: { from: fromDate, through, amount: amount.toFixed(2) }, total: total.plus(amount) };
}

/**
 * The previous settlement's last days that may still receive an entry after it read them: a
 * completion dated just before midnight can commit just after that day was opened.
 */
export const LATE_DAYS = 2;

/** What reached the previous settlement's last LATE_DAYS days after it read them (taken in now). */
async function lateContributions(prev: Settlement): Promise<Record<string, string>> {
  if (!prev.days) return {}; // settled before per-day amounts were recorded: nothing to compare
  const taken = JSON.parse(prev.days) as Record<string, string>;
  const out: Record<string, string> = {};
  for (const d of lastDates(prev.fromDate, prev.date, LATE_DAYS)) {
    const extra = (await sumAmounts({ pk: `DIVFUND#${d}` })).minus(taken[d] ?? '0');
    if (extra.gt(0)) out[d] = extra.toFixed(2);
  }
  return out;
}

// ---------- the steps ----------

async function open(date: string): Promise<void> {
  const carry = await getItem(programmeKeys.carry());
  const lastDate = carry && typeof carry.lastDate === 'string' ? carry.lastDate : undefined;
  if (lastDate && lastDate >= date)
    throw conflict('out_of_order', `days are settled in order; ${lastDate} is already settled or under way`);
  const prev = lastDate ? await readSettlement(lastDate) : undefined;
  if (prev && prev.status !== 'done')
    throw conflict(
      'previous_day_unfinished',
      `the settlement of ${lastDate} is not finished; run settle-day for it first`,
    );
  const pc = await pendingContributions(lastDate, date);
  const late = prev ? await lateContributions(prev) : {};
  const contributions = Object.values(late).reduce((a, v) => a.plus(v), pc.total);
  const carryIn = dec(carry ? String(carry.amount ?? '0') : '0');
  const { params, version: paramsVersion } = await getParams(true);
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
  const carryVersion = carry ? Number(carry.version ?? 0) : 0;
  const tx = new Tx();
  tx.add({ op: 'create', item: settlementItem(s) }, new StaleRead('settlement opened meanwhile'));
  // The carry moves into this day; it comes back (what is left) when the day is done.
  tx.add(
    {
      op: 'put',
      item: {
        ...programmeKeys.carry(),
        type: 'carry',
        lastDate: date,
        amount: '0.00',
        openedAt: now,
        version: carryVersion + 1,
      },
      ifVersion: carry ? carryVersion : null,
    },
    new StaleRead('carry moved meanwhile'),
  );
  await tx.commit();
}

async function snapshotStep(s: Settlement): Promise<void> {
  const cursor = s.snapCursor ? (JSON.parse(s.snapCursor) as Record<string, Scalar>) : undefined;
  const page = await query({
    pk: programmeKeys.holdersGsi2,
    index: 'GSI2',
    limit: Math.min(settlementTuning.chunk, CHUNK),
    cursor,
  });
  const users = page.items.map((i) => String(i.GSI2SK));
  const stored = await getWallets(users);
  // The index is eventually consistent: the wallet read (consistent) decides.
  const entries: Array<[string, string]> = [];
  let weight = ZERO;
  for (const u of users) {
    const w = stored.get(u)!.wallet;
    if (!dec(w.quota).gt(0)) continue;
    const wt = dec(weightOf(w));
    entries.push([u, wt.toFixed()]);
    weight = weight.plus(wt);
  }
  const ops: TxOp[] = [];
  if (entries.length)
    ops.push({
      op: 'create',
      item: {
        ...programmeKeys.settlementChunk(s.date, s.chunks),
        type: 'settlement_chunk',
        users: JSON.stringify(entries),
      },
    });
  await advance(
    s,
    {
      chunks: s.chunks + (entries.length ? 1 : 0),
      participants: s.participants + entries.length,
      totalWeight: weight.plus(s.totalWeight).toFixed(),
      snapCursor: page.next ? JSON.stringify(page.next) : '',
      status: page.next ? 'snapshot' : 'paying',
    },
    ops,
  );
}

async function chunkUsers(date: string, k: number): Promise<Array<[string, string]>> {
  const c = await getItem(programmeKeys.settlementChunk(date, k));
  if (!c) throw new Error(`settlement ${date}: chunk ${k} missing`);
  return JSON.parse(String(c.users)) as Array<[string, string]>;
}

async function payStep(s: Settlement): Promise<void> {
  if (s.payCursor >= s.chunks) return advance(s, { status: afterPaying(s) }, [], finishTx(s, afterPaying(s)));
  const entries = await chunkUsers(s.date, s.payCursor);
  const stored = await getWallets(entries.map(([u]) => u));
  const wallets = new Map([...stored].map(([u, w]) => [u, w.wallet]));
  const { params } = await getParams();
  const pays = chunkDividends(s.dayFund, s.totalWeight, entries, wallets);
  const tx = new Tx();
  const at = new Date().toISOString();
  let total = ZERO;
  for (const p of pays) {
    const a = apply(
      { pool: emptyPool(params), wallets: { [p.userId]: wallets.get(p.userId)! } },
      { kind: 'dividend', user: p.userId, amount: p.amount, date: s.date },
      params,
    );
    const prior = stored.get(p.userId)!;
    tx.add(
      stores().wallets.put(p.userId, a.state.wallets[p.userId]!, prior.version),
      new StaleRead(`wallet ${p.userId}`),
    );
    tx.addAll(
      stores().ledger.entries(`div_${s.date}_${p.userId}`, 'dividend', at, a.outcome.changes, { date: s.date }),
    );
    total = total.plus(p.amount);
  }
  await advance(
    s,
    { payCursor: s.payCursor + 1, paid: total.plus(s.paid).toFixed(2), payees: s.payees + pays.length },
    [],
    tx,
  );
}

class StepDone extends Error {}

/** One user's exit: the sell (if they hold equity) then the quota reset, each at most once. */
async function exitUser(date: string, userId: string): Promise<void> {
  if (await getItem(programmeKeys.settlementExit(date, userId))) return;
  const sellId = eventIdFor('exit', date, userId);
  let rec = await getEvent(sellId);
  // The quota the exit was decided on: the reset removes exactly it, so quota earned by an
  // order that completes between the sell and the reset is kept.
  let plan: { quota: string; dividendsPaid: string } | undefined;
  if (!rec) {
    const { params } = await getParams();
    const [pool, { wallet }] = await Promise.all([getPool(params), getWallet(userId)]);
    if (!shouldExit(wallet, pool)) return;
    plan = { quota: wallet.quota, dividendsPaid: wallet.dividendsPaid };
    if (dec(wallet.equity).gt(0)) {
      const p = plan;
      await retryStale(async () => {
        const tx = new Tx();
        await addSubmission(
          tx,
          { eventId: sellId, userId, event: { kind: 'sell', user: userId, points: wallet.equity, reason: 'exit' } },
          new StepDone(),
        );
        tx.add({
          op: 'create',
          item: { ...programmeKeys.settlementExitPlan(date, userId), type: 'settlement_exit_plan', userId, ...p },
        });
        await tx.commit().catch((e) => {
          if (!(e instanceof StepDone)) throw e;
        });
      });
      rec = await awaitEvent(sellId, 15000);
    }
  } else if (rec.status === 'pending') rec = await awaitEvent(sellId, 15000);
  if (rec && rec.status === 'pending') throw busy(`the exit sell of ${userId} is still pending; run settle-day again`);
  const outcome = rec?.status === 'applied' ? (rec.outcome as Outcome) : undefined;
  await settlementHooks.afterExitSell?.(userId);
  if (!plan) {
    const stored = await getItem(programmeKeys.settlementExitPlan(date, userId));
    if (stored) plan = { quota: String(stored.quota), dividendsPaid: String(stored.dividendsPaid) };
  }
  try {
    await applyWalletEvent(userId, `exit_${date}_${userId}`, { kind: 'quota_reset', user: userId, ...plan }, (tx) => {
      tx.add(
        {
          op: 'create',
          item: {
            ...programmeKeys.settlementExit(date, userId),
            type: 'settlement_exit',
            userId,
            points: outcome?.points ?? '0',
            payout: outcome?.payout ?? '0.00',
            sell: rec ? (rec.status === 'applied' ? 'applied' : `rejected: ${rec.error?.code ?? ''}`) : 'none',
          },
        },
        new StepDone(),
      );
    });
  } catch (e) {
    if (!(e instanceof StepDone)) throw e;
  }
}

async function exitStep(s: Settlement): Promise<void> {
  if (s.exitCursor >= s.chunks) return advance(s, { status: 'done' }, [], finishTx(s, 'done'));
  const entries = await chunkUsers(s.date, s.exitCursor);
  for (const [u] of entries) await exitUser(s.date, u);
  // Totals from the markers, so a chunk resumed after a crash counts every exit once.
  const markers = await batchGet(entries.map(([u]) => programmeKeys.settlementExit(s.date, u)));
  let points = dec(s.exitPoints);
  let payout = dec(s.exitPayout);
  for (const m of markers) {
    points = points.plus(String(m.points));
    payout = payout.plus(String(m.payout));
  }
  await advance(s, {
    exitCursor: s.exitCursor + 1,
    exits: s.exits + markers.length,
    exitPoints: points.toFixed(),
    exitPayout: payout.toFixed(2),
  });
}

/** When the day ends: the fields of a done settlement and the carry to the next day. */
function finishTx(s: Settlement, status: SettlementStatus): Tx {
  const tx = new Tx();
  if (status !== 'done') return tx;
  const carryOut = dec(s.dayFund).minus(s.paid).toFixed(2);
  s.carryOut = carryOut;
  s.finishedAt = new Date().toISOString();
  tx.add(
    {
      op: 'set',
      key: programmeKeys.carry(),
      values: { amount: carryOut, closedAt: s.finishedAt },
      ifEquals: { lastDate: s.date },
    },
    new StaleRead('carry'),
  );
  return tx;
}

export async function exitList(date: string, limit = 100): Promise<SettlementReport['exitList']> {
  const r = await query({ pk: `SETTLEMENT#${date}`, skPrefix: 'EXIT#', limit });
  return r.items.map((i) => ({
    userId: String(i.userId),
    points: String(i.points),
    payout: String(i.payout),
    sell: String(i.sell),
  }));
}

/**
 * settle-day: runs (or resumes) the settlement of `date` (default: yesterday, China time) until
 * done or the time budget is spent; a done day answers its stored report and changes nothing.
 */
export async function settleDay(dateIn: string | undefined, opts: { maxMs?: number } = {}): Promise<SettlementReport> {
  const now = settlementHooks.now?.() ?? Date.now();
  const today = businessDate(now);
  const date = dateIn ?? addDays(today, -1);
  if (!isValidDate(date)) throw invalid('invalid_date', 'date must be YYYY-MM-DD');
  let s = await readSettlement(date);
  if (s?.status === 'done') return toReport(s, await exitList(date));
  if (date >= today) throw conflict('day_not_over', `${date} is not over yet (China time); settle it after midnight`);
  const deadline = Date.now() + (opts.maxMs ?? 12 * 60_000);
  let stuck = 0;
  let lastPos = '';
  for (;;) {
    if (!s) {
      try {
        await open(date);
      } catch (e) {
        if (!(e instanceof StaleRead)) throw e;
      }
      s = await readSettlement(date);
      if (!s) throw new Error('settlement did not open');
      continue;
    }
    if (s.status === 'done') return toReport(s, await exitList(date));
    if (Date.now() > deadline) return toReport(s);
    const pos = `${s.status}:${s.version}`;
    stuck = pos === lastPos ? stuck + 1 : 0;
    lastPos = pos;
    if (stuck > 8)
      throw conflict('settlement_stuck', `settlement ${date} made no progress at ${s.status} (version ${s.version})`);
    const step = s.status === 'snapshot' ? s.chunks : s.status === 'paying' ? s.payCursor : s.exitCursor;
    try {
      if (s.status === 'snapshot') await snapshotStep(s);
      else if (s.status === 'paying') await payStep(s);
      else await exitStep(s);
      settlementHooks.afterStep?.(s.status, step);
    } catch (e) {
      // Another run advanced the day, or a wallet moved under a chunk: re-read and go on.
      if (!(e instanceof StaleRead) && !(e instanceof TxCancelled)) throw e;
    }
    s = await readSettlement(date);
  }
}
