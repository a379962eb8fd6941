// Reconcile: checks docs/rules.md's invariants over the whole table and names what breaks.
// I1, I2, I4, I6 from the stored state; I5: the pool replayed from its stored events equals the
// pool item, and every wallet equals the sum of its ledger deltas; I3 along the replay.
import {
  wideDec,
  emptyAccounts,
  emptyPool,
  emptyWallet,
  type WideDec,
  type Params,
  type PoolAccounts,
  type PoolState,
  type Wallet,
} from '@greenpoints/shared';
import { accountsProblems } from './reconcile-accounts';
import { scanAll, type Item } from './ddb';
import { isKey, keys } from './keys';
import { auditChainsOf } from './audit-chain';
import { chainProblems } from '../domain/operator/audit-chain';
import { withdrawalProblems } from './reconcile-withdrawals';
import { getParams, getParamsVersion, toPool, toWallet } from './repository';
import { programmeProblems } from '../domain/programme/checks';
import { programmeView } from './programme-view';
import { toBatch } from './poollog';
import { publicBatch, verifyBatches } from '../domain/wallet/poolhash';
import type { BatchLog, LogEntry } from '../domain/wallet/ports';

/** The ledger a user sees equals the log's effects: every projected change is one entry, no more. */
function ledgerVersusLog(all: Item[], batches: BatchLog[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const line = (eventId: string, kind: string, user: string, field: string, delta: string, why: string) =>
    [eventId, kind, user, field, delta, why].join('|');
  const logged = new Set<string>();
  for (const b of batches)
    for (const e of b.entries) {
      logged.add(e.eventId);
      const kind = e.outcome ? e.event.kind : 'release';
      for (const c of e.outcome?.changes ?? e.release ?? []) {
        const k = line(e.eventId, kind, c.user, c.field, c.delta, c.why);
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
    }
  for (const l of all.filter((i) => i.type === 'ledger' && logged.has(String(i.eventId)))) {
    const k = line(
      String(l.eventId),
      String(l.kind),
      String(l.userId),
      String(l.field),
      String(l.delta),
      String(l.why),
    );
    const n = seen.get(k) ?? 0;
    if (n === 0) problems.push(`I5 ledger entry ${String(l.SK)} of ${String(l.userId)} is not in the pool log`);
    else seen.set(k, n - 1);
  }
  for (const [k, n] of seen) if (n > 0) problems.push(`I5 the pool log's change ${k} has no ledger entry`);
  return problems.slice(0, 20);
}

// More digits than the engine's 34, so sums and products here are exact.
const D = (s: unknown) => wideDec(typeof s === 'string' ? s : undefined);

export interface ReconcileReport {
  clean: boolean;
  problems: string[];
  totals: Record<string, string | number>;
}

type Applied = { b: BatchLog; e: LogEntry };
interface LedgerSums {
  /** Σ delta per user, per wallet field. */
  byUser: Map<string, Map<string, WideDec>>;
  /** Cash credited from outside the pool: dividends, commissions (agents' included). */
  dividends: WideDec;
  commissions: WideDec;
}
interface Replay {
  batches: BatchLog[];
  /** The applied (not rejected) entries of every batch, in log order. */
  applied: Applied[];
  /** The pool the engine's replay of the log ends with, and the log's accounts. */
  replayed: PoolState;
  accounts?: PoolAccounts;
  /** Σ contributions of the completions the log applied. */
  contributions: WideDec;
  problems: string[];
}
interface WalletTotals {
  held: WideDec;
  constant: WideDec;
  cashSide: WideDec;
}

function walletsOf(all: Item[]): Map<string, Wallet> {
  const wallets = new Map<string, Wallet>();
  for (const i of all.filter((i) => i.type === 'wallet')) wallets.set(String(i.userId), toWallet(i).wallet);
  return wallets;
}

function ledgerSums(all: Item[]): LedgerSums {
  const out: LedgerSums = { byUser: new Map(), dividends: wideDec(0), commissions: wideDec(0) };
  for (const l of all.filter((i) => i.type === 'ledger')) {
    const u = String(l.userId);
    const f = String(l.field);
    const m = out.byUser.get(u) ?? new Map<string, WideDec>();
    m.set(f, (m.get(f) ?? wideDec(0)).plus(D(l.delta)));
    out.byUser.set(u, m);
    if (f === 'cash') {
      const why = String(l.why);
      if (why === 'dividend') out.dividends = out.dividends.plus(D(l.delta));
      if (why.startsWith('commission') || why.startsWith('agent')) out.commissions = out.commissions.plus(D(l.delta));
    }
  }
  return out;
}

/** I5 (wallets): each wallet is the sum of its ledger deltas, field by field. */
function walletProblems(wallets: Map<string, Wallet>, sums: LedgerSums): string[] {
  const problems: string[] = [];
  for (const u of new Set([...wallets.keys(), ...sums.byUser.keys()])) {
    const w = wallets.get(u) ?? emptyWallet();
    const m = sums.byUser.get(u) ?? new Map<string, WideDec>();
    for (const f of Object.keys(emptyWallet()) as Array<keyof Wallet>) {
      const want = m.get(f) ?? wideDec(0);
      if (!D(w[f]).eq(want)) problems.push(`I5 wallet ${u}.${f} is ${w[f]} but its ledger sums to ${want.toFixed()}`);
      if (D(w[f]).isNegative()) problems.push(`wallet ${u}.${f} is negative: ${w[f]}`);
    }
  }
  return problems;
}

/**
 * I5 (pool) and I3: the log's hash chain, and the engine's replay of every batch from empty
 * (domain/wallet/poolhash.ts, the same check `npm run verify-pool` runs on the public log).
 */
async function replayLog(all: Item[]): Promise<Replay> {
  const batches = all
    .filter((i) => i.type === 'pool_batch')
    .map(toBatch)
    .sort((a, b) => a.batch - b.batch);
  const paramsByVersion = new Map<number, Params>();
  for (const v of new Set(batches.map((b) => b.paramsVersion))) paramsByVersion.set(v, await getParamsVersion(v));
  const problems: string[] = [];
  batches.forEach((b, i) => {
    if (b.batch !== i + 1) problems.push(`I5 pool log batch ${b.batch} found where ${i + 1} was expected`);
  });
  const start = { pool: emptyPool(await getParamsVersion(0)), hash: '', accounts: emptyAccounts() };
  const verified = verifyBatches(
    batches.map((b) => publicBatch(b)),
    (v) => paramsByVersion.get(v)!,
    start,
  );
  problems.push(...verified.problems.map((p) => `I5 pool log ${p}`));
  const applied = batches.flatMap((b) => b.entries.filter((e) => e.outcome).map((e) => ({ b, e })));
  const prices = priceRises(applied, wideDec(start.pool.lastPrice));
  problems.push(...prices.problems);
  return {
    batches,
    applied,
    replayed: verified.pool ?? start.pool,
    ...(verified.accounts ? { accounts: verified.accounts } : {}),
    contributions: prices.contributions,
    problems,
  };
}

/** I3: the price never falls from one applied event to the next; and Σ completions' contributions. */
function priceRises(applied: Applied[], firstPrice: WideDec): { problems: string[]; contributions: WideDec } {
  const problems: string[] = [];
  let lastPrice = firstPrice;
  let contributions = wideDec(0);
  for (const { b, e } of applied) {
    const p = wideDec(e.outcome!.priceAfter);
    if (p.lt(lastPrice)) problems.push(`I3 price fell in batch ${b.batch}: ${lastPrice.toFixed()} -> ${p.toFixed()}`);
    lastPrice = p;
    if (e.event.kind === 'order_completed') contributions = contributions.plus(D(e.event.contribution));
  }
  return { problems, contributions };
}

const REPLAYED_FIELDS = [
  'fund',
  'circulating',
  'treasury',
  'issued',
  'burned',
  'contributions',
  'grantFunding',
  'payouts',
] as const;

/** I5 (pool): the pool item equals the replay; every logged event is projected, once. */
function replayProblems(all: Item[], pool: PoolState, replay: Replay): string[] {
  const { replayed, applied } = replay;
  const problems: string[] = [];
  for (const f of REPLAYED_FIELDS) {
    if (!D(replayed[f]).eq(D(pool[f]))) problems.push(`I5 pool.${f} is ${pool[f]} but the replay gives ${replayed[f]}`);
  }
  if (replayed.seq !== pool.seq)
    problems.push(`I5 pool.seq is ${pool.seq} but the log applies ${applied.length} pool events`);
  // Projected means every logged event's own record is decided (the records are written last).
  const decided = new Set(
    all.filter((i) => i.type === 'event' && i.status !== 'pending').map((i) => String(i.eventId)),
  );
  const undecided = applied.filter(({ e }) => !decided.has(e.eventId)).length;
  if (undecided) problems.push(`${undecided} logged pool events are not projected yet (run drain-pool)`);
  problems.push(...ledgerVersusLog(all, replay.batches));
  return problems;
}

/** The audit log: every chain links, every entry's hash matches its content, every head its last entry. */
function auditProblems(all: Item[]): string[] {
  const chains = auditChainsOf(all);
  return chainProblems(chains.entries, chains.heads);
}

function walletTotals(wallets: Map<string, Wallet>): WalletTotals {
  const t: WalletTotals = { held: wideDec(0), constant: wideDec(0), cashSide: wideDec(0) };
  for (const w of wallets.values()) {
    t.held = t.held.plus(D(w.equity)).plus(D(w.equityLocked)).plus(D(w.equityHeld)).plus(D(w.equityReserved));
    t.constant = t.constant.plus(D(w.constant)).plus(D(w.constantReserved));
    t.cashSide = t.cashSide.plus(D(w.cash)).plus(D(w.cashPending)).plus(D(w.withdrawn));
  }
  return t;
}

/** The pool's price: fund ÷ circulating, the last price while nothing circulates. */
function priceOf(pool: PoolState): WideDec {
  const circ = D(pool.circulating);
  return circ.isZero() ? D(pool.lastPrice) : D(pool.fund).div(circ);
}

/** I1 (points are conserved) and I2 (the fund is what came in less what went out). */
function pointsAndFundProblems(pool: PoolState, params: Params, held: WideDec, contributions: WideDec): string[] {
  const problems: string[] = [];
  if (!D(pool.circulating).eq(held.plus(D(pool.treasury)))) {
    problems.push(
      `I1 circulating ${pool.circulating} ≠ Σ(equity + locked + held + reserved) ${held.toFixed()} + treasury ${pool.treasury}`,
    );
  }
  if (!D(pool.issued).eq(D(pool.circulating).plus(D(pool.burned))))
    problems.push(`I1 issued ${pool.issued} ≠ circulating + burned`);
  if (D(pool.issued).gt(D(params.supplyCap)))
    problems.push(`I1 issued ${pool.issued} above the supply cap ${params.supplyCap}`);
  const fundWant = D(pool.contributions).plus(D(pool.grantFunding)).minus(D(pool.payouts));
  if (!D(pool.fund).eq(fundWant))
    problems.push(`I2 fund ${pool.fund} ≠ contributions + grants − payouts ${fundWant.toFixed()}`);
  if (D(pool.fund).isNegative()) problems.push(`I2 fund is negative`);
  if (!contributions.eq(D(pool.contributions)))
    problems.push(
      `I2 pool.contributions ${pool.contributions} ≠ Σ completed orders' contributions ${contributions.toFixed()}`,
    );
  return problems;
}

/** I4 (the treasury covers the constant points) and I6 (every cash credit has its source). */
function coverageProblems(pool: PoolState, totals: WalletTotals, sums: LedgerSums): string[] {
  const problems: string[] = [];
  const price = priceOf(pool);
  if (totals.constant.gt(D(pool.treasury).times(price)))
    problems.push(
      `I4 constant outstanding ${totals.constant.toFixed()} > treasury × price ${D(pool.treasury).times(price).toFixed()}`,
    );
  const cashWant = D(pool.payouts).plus(sums.dividends).plus(sums.commissions);
  if (!totals.cashSide.eq(cashWant))
    problems.push(
      `I6 Σ cash + pending + withdrawn ${totals.cashSide.toFixed()} ≠ payouts + dividends + commissions ${cashWant.toFixed()}`,
    );
  return problems;
}

/** Operational checks: nothing left pending, no oversold stock, completed orders have their event. */
function operationalProblems(all: Item[], applied: Applied[]): string[] {
  const problems: string[] = [];
  const pending = all.filter((i) => i.type === 'queued');
  if (pending.length) problems.push(`${pending.length} pool events still pending (run drain-pool)`);
  for (const p of all.filter((i) => i.type === 'product'))
    if (Number(p.stock) < 0) problems.push(`product ${String(p.productId)} stock is ${String(p.stock)}`);
  const eventIds = new Set(applied.map(({ e }) => e.eventId));
  for (const o of all.filter((i) => i.type === 'order')) {
    if (o.status === 'completed' && !eventIds.has(String(o.eventId)))
      problems.push(`order ${String(o.orderId)} is completed without its pool event`);
  }
  return problems;
}

export async function reconcile(items?: Item[]): Promise<ReconcileReport> {
  const all = items ?? (await scanAll());
  const { params } = await getParams(true);
  const poolItem = all.find((i) => isKey(i, keys.pool()));
  const pool = toPool(poolItem, params);
  const wallets = walletsOf(all);
  const sums = ledgerSums(all);
  const replay = await replayLog(all);
  const totals = walletTotals(wallets);
  const problems = [
    ...walletProblems(wallets, sums),
    ...replay.problems,
    ...replayProblems(all, pool, replay),
    ...accountsProblems(poolItem, replay.accounts, wallets),
    ...pointsAndFundProblems(pool, params, totals.held, replay.contributions),
    ...coverageProblems(pool, totals, sums),
    ...withdrawalProblems(all, wallets),
    ...operationalProblems(all, replay.applied),
    // The full programme: dividend funds, settled days, the carry (domain/programme/checks.ts).
    ...programmeProblems(programmeView(all)),
    ...auditProblems(all),
  ];
  return {
    clean: problems.length === 0,
    problems,
    totals: {
      items: all.length,
      wallets: wallets.size,
      poolEvents: replay.applied.length,
      poolBatches: replay.batches.length,
      price: priceOf(pool).toFixed(),
      fund: pool.fund,
      circulating: pool.circulating,
      treasury: pool.treasury,
    },
  };
}
