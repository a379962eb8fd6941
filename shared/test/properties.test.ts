// Property-based tests: random sequences of every event kind over a handful of users and random
// valid parameters; the invariants of docs/rules.md are checked after every step, and every pool event's
// arithmetic is recomputed here independently with exact (100-digit) decimals.
import fc from 'fast-check';
import Decimal from 'decimal.js';
import {
  apply,
  emptyState,
  price,
  quoteSell,
  replay,
  RuleError,
  validateParams,
  defaultParams,
  type EngineState,
  type LedgerEvent,
  type Params,
  type Wallet,
  type Outcome,
} from '../src';

// Wide enough that a quotient rounded toward zero here never crosses a 2- or 6-dp boundary.
const X = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_DOWN });
type Xd = InstanceType<typeof X>;
const x = (s: string | number | Xd): Xd => new X(s);
const floorN = (v: Xd, dp: number) => v.toDecimalPlaces(dp, Decimal.ROUND_FLOOR);
const ceilN = (v: Xd, dp: number) => v.toDecimalPlaces(dp, Decimal.ROUND_CEIL);
/** a × b ÷ c: exact when it terminates, else 100 digits rounded toward zero. */
const mulDiv = (a: Xd, b: Xd | string, c: Xd | string) => a.times(b).div(c);
/** Same, rounded up at the 100th digit (for ceilings). */
const XU = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_UP });
const mulDivUp = (a: Xd, b: Xd | string, c: Xd | string) => x(new XU(a.times(b)).div(c).toFixed());

const USERS = ['u0', 'u1', 'u2', 'u3'];

// ---- parameters -----------------------------------------------------------------------

const paramsArb: fc.Arbitrary<Params> = fc
  .record({
    issuePrice: fc.constantFrom('1', '0.5', '2.37', '0.01'),
    rewardRatio: fc.constantFrom('0.7', '0.5', '1', '0.33', '0.123457'),
    sellFeeRate: fc.constantFrom('0', '0.1', '0.25', '0.999'),
    supplyCap: fc.constantFrom('100000000', '500', '60.5', '25.000001'),
    referralLevels: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
    l1: fc.constantFrom('0', '0.1', '0.2', '0.05'),
    l2: fc.constantFrom('0', '0.05', '0.1'),
    commissionL1Rate: fc.constantFrom('0', '0.03', '0.1'),
    commissionL2Rate: fc.constantFrom('0', '0.02'),
    agentRate: fc.constantFrom('0', '0.01', '0.015'),
    quotaMultiplier: fc.constantFrom('0', '2', '3.5'),
    lockedReleaseRate: fc.constantFrom('0.01', '0.3', '1'),
  })
  .map((r) => {
    // Referral rates fit under the reward ratio; L2 rates only with two levels.
    const room = x(1).minus(r.rewardRatio);
    const l1 = r.referralLevels >= 1 && x(r.l1).lte(room) ? r.l1 : '0';
    const l2 = r.referralLevels >= 2 && x(r.l2).lte(room.minus(l1)) ? r.l2 : '0';
    return validateParams({
      ...defaultParams,
      issuePrice: r.issuePrice,
      rewardRatio: r.rewardRatio,
      sellFeeRate: r.sellFeeRate,
      supplyCap: r.supplyCap,
      referralLevels: r.referralLevels,
      referralL1Rate: l1,
      referralL2Rate: l2,
      commissionL1Rate: r.commissionL1Rate,
      commissionL2Rate: r.referralLevels >= 2 ? r.commissionL2Rate : '0',
      agentRate: r.agentRate,
      quotaMultiplier: r.quotaMultiplier,
      lockedReleaseRate: r.lockedReleaseRate,
    });
  });

// ---- amounts: literals (some invalid) or a fraction of the balance that matters, resolved at run time

type Amt = { t: 'lit'; v: unknown } | { t: 'frac'; f: number };
const BAD = ['-1', '1e3', ' 1', '', 'NaN', 'Infinity', '1.1234567', '0', '0.001', '01', 12, null];
const microPoints = fc.integer({ min: 1, max: 40_000_000 }).map((n) => x(n).div(1e6).toFixed());
const cents = fc.integer({ min: 1, max: 30_000 }).map((n) => x(n).div(100).toFixed(2));
const fracArb = fc.oneof(fc.constant(1), fc.constant(0.5), fc.double({ min: 0.0001, max: 1, noNaN: true }));
const pointsAmt: fc.Arbitrary<Amt> = fc.oneof(
  { weight: 5, arbitrary: fracArb.map((f): Amt => ({ t: 'frac', f })) },
  { weight: 3, arbitrary: microPoints.map((v): Amt => ({ t: 'lit', v })) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD).map((v): Amt => ({ t: 'lit', v })) },
);
const moneyAmt: fc.Arbitrary<Amt> = fc.oneof(
  { weight: 5, arbitrary: fracArb.map((f): Amt => ({ t: 'frac', f })) },
  { weight: 3, arbitrary: cents.map((v): Amt => ({ t: 'lit', v })) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD).map((v): Amt => ({ t: 'lit', v })) },
);

const user = fc.constantFrom(...USERS);
const maybeUser = fc.option(user, { nil: undefined, freq: 2 });

type Op =
  | {
      k: 'order';
      buyer: string;
      amount: string;
      contribution: number;
      div: string;
      l1?: string;
      l2?: string;
      agent?: string;
      selfRef: number;
      bad?: unknown;
    }
  | {
      k: 'sell' | 'convert' | 'hold' | 'redeem' | 'unhold' | 'release_locked' | 'grant_free' | 'grant_locked';
      user: string;
      amt: Amt;
    }
  | { k: 'release_default'; user: string }
  | {
      k: 'convert_back' | 'dividend' | 'withdraw_request' | 'withdraw_approve' | 'withdraw_reject' | 'credit_store';
      user: string;
      amt: Amt;
    }
  | { k: 'spend' | 'refund_spend'; user: string; tender: 'constant' | 'storeCredit'; amt: Amt }
  | { k: 'quota_reset'; user: string };

const pointsOp = <
  K extends 'sell' | 'convert' | 'hold' | 'redeem' | 'unhold' | 'release_locked' | 'grant_free' | 'grant_locked',
>(
  k: K,
  weight: number,
) => ({ weight, arbitrary: fc.record({ k: fc.constant(k), user, amt: pointsAmt }) as fc.Arbitrary<Op> });
const moneyOp = <
  K extends 'convert_back' | 'dividend' | 'withdraw_request' | 'withdraw_approve' | 'withdraw_reject' | 'credit_store',
>(
  k: K,
  weight: number,
) => ({ weight, arbitrary: fc.record({ k: fc.constant(k), user, amt: moneyAmt }) as fc.Arbitrary<Op> });
const tenderOp = (k: 'spend' | 'refund_spend', weight: number) => ({
  weight,
  arbitrary: fc.record({
    k: fc.constant(k),
    user,
    tender: fc.constantFrom('constant' as const, 'storeCredit' as const),
    amt: moneyAmt,
  }) as fc.Arbitrary<Op>,
});

const single: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 7,
    arbitrary: fc.record({
      k: fc.constant('order' as const),
      buyer: user,
      amount: cents,
      contribution: fc.constantFrom(0.3, 0.3, 0.5, 1, 0.1, 0.01, 0),
      div: fc.constantFrom('0', '1.50'),
      l1: maybeUser,
      l2: maybeUser,
      agent: maybeUser,
      selfRef: fc.integer({ min: 0, max: 9 }),
      bad: fc.oneof(
        { weight: 12, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(...BAD) },
      ),
    }),
  },
  pointsOp('sell', 2),
  pointsOp('convert', 2),
  pointsOp('hold', 2),
  pointsOp('redeem', 2),
  pointsOp('unhold', 1),
  pointsOp('release_locked', 1),
  pointsOp('grant_free', 1),
  pointsOp('grant_locked', 1),
  { weight: 1, arbitrary: fc.record({ k: fc.constant('release_default' as const), user }) },
  moneyOp('convert_back', 2),
  moneyOp('dividend', 1),
  moneyOp('withdraw_request', 2),
  moneyOp('withdraw_approve', 2),
  moneyOp('withdraw_reject', 1),
  moneyOp('credit_store', 1),
  tenderOp('spend', 2),
  tenderOp('refund_spend', 2),
  { weight: 1, arbitrary: fc.record({ k: fc.constant('quota_reset' as const), user }) },
);
/** An event and the one that settles it (hold → redeem/unhold, request → approve/reject, spend → refund). */
const pairArb: fc.Arbitrary<Op[]> = fc.oneof(
  fc
    .tuple(
      fc.record({ k: fc.constant('hold' as const), user, amt: pointsAmt }),
      fc.constantFrom('redeem' as const, 'unhold' as const),
      pointsAmt,
    )
    .map(([a, k, amt]): Op[] => [a, { k, user: a.user, amt }]),
  fc
    .tuple(
      fc.record({ k: fc.constant('withdraw_request' as const), user, amt: moneyAmt }),
      fc.constantFrom('withdraw_approve' as const, 'withdraw_reject' as const),
      moneyAmt,
    )
    .map(([a, k, amt]): Op[] => [a, { k, user: a.user, amt }]),
  fc
    .tuple(
      fc.record({
        k: fc.constant('spend' as const),
        user,
        tender: fc.constantFrom('constant' as const, 'storeCredit' as const),
        amt: moneyAmt,
      }),
      moneyAmt,
    )
    .map(([a, amt]): Op[] => [a, { k: 'refund_spend', user: a.user, tender: a.tender, amt }]),
  // cash in (a sell or a dividend), then out through a withdrawal
  fc
    .tuple(
      user,
      fc.constantFrom('sell' as const, 'dividend' as const),
      fracArb,
      fracArb,
      fc.constantFrom('withdraw_approve' as const, 'withdraw_reject' as const),
      moneyAmt,
    )
    .map(([u, inK, f1, f2, outK, amt]): Op[] => [
      inK === 'sell'
        ? { k: 'sell', user: u, amt: { t: 'frac', f: f1 } }
        : { k: 'dividend', user: u, amt: { t: 'frac', f: f1 } },
      { k: 'withdraw_request', user: u, amt: { t: 'frac', f: f2 } },
      { k: outK, user: u, amt },
    ]),
  fc.tuple(user, moneyAmt, moneyAmt, moneyAmt).map(([u, a, b, c]): Op[] => [
    { k: 'credit_store', user: u, amt: a },
    { k: 'spend', user: u, tender: 'storeCredit', amt: b },
    { k: 'refund_spend', user: u, tender: 'storeCredit', amt: c },
  ]),
  fc
    .tuple(fc.record({ k: fc.constant('convert' as const), user, amt: pointsAmt }), moneyAmt)
    .map(([a, amt]): Op[] => [a, { k: 'convert_back', user: a.user, amt }]),
);
const opsArb: fc.Arbitrary<Op[]> = fc
  .array(fc.oneof({ weight: 5, arbitrary: single.map((o) => [o]) }, { weight: 1, arbitrary: pairArb }), {
    minLength: 1,
    maxLength: 32,
    size: 'max',
  })
  .map((xs) => xs.flat().slice(0, 40));

// ---- running the ops --------------------------------------------------------------------

const W = (s: EngineState, u: string): Wallet => s.wallets[u] ?? ({} as Wallet);
const bal = (v: string | undefined) => x(v ?? '0');

/** What the test tracks itself, from the events it generated and the outcomes it saw. */
interface Seen {
  contributions: Xd;
  fundings: Xd;
  payouts: Xd;
  dividends: Xd;
  commissions: Xd;
  spent: Map<string, Xd>; // user|tender → spent not yet refunded (the backend only refunds real spends)
  ledger: Map<string, Xd>; // user|field → Σ WalletChange deltas
}

function resolve(a: Amt, balance: Xd, dp: number): string {
  if (a.t === 'lit') return a.v as string; // deliberately not type-checked: bad literals must be refused
  const v = floorN(balance.times(a.f), dp);
  return dp === 2 ? v.toFixed(2) : v.toFixed();
}

function toEvent(op: Op, s: EngineState, params: Params, seen: Seen, i: number): LedgerEvent | null {
  const w = op.k === 'order' ? W(s, op.buyer) : W(s, op.user);
  switch (op.k) {
    case 'order': {
      const c = floorN(x(op.amount).times(op.contribution), 2).toFixed(2);
      return {
        kind: 'order_completed',
        orderId: `o${i}`,
        buyer: op.buyer,
        amount: op.amount,
        contribution: op.bad !== undefined ? (op.bad as string) : c,
        dividendContribution: op.div,
        // A referrer equal to the buyer (or L1 = L2) only now and then: those must be refused.
        referrers:
          op.selfRef === 0
            ? { l1: op.l1, l2: op.l2 }
            : {
                l1: op.l1 === op.buyer ? undefined : op.l1,
                l2: op.l2 === op.buyer || op.l2 === op.l1 ? undefined : op.l2,
              },
        agent: op.agent,
      };
    }
    case 'sell':
      return { kind: 'sell', user: op.user, points: resolve(op.amt, bal(w.equity), 6) };
    case 'convert':
      return { kind: 'convert', user: op.user, points: resolve(op.amt, bal(w.equity), 6) };
    case 'hold':
      return { kind: 'hold', user: op.user, points: resolve(op.amt, bal(w.equity), 6), orderId: `r${i}` };
    case 'redeem':
      return { kind: 'redeem', user: op.user, points: resolve(op.amt, bal(w.equityHeld), 6), orderId: `r${i}` };
    case 'unhold':
      return { kind: 'unhold', user: op.user, points: resolve(op.amt, bal(w.equityHeld), 6), orderId: `r${i}` };
    case 'release_locked':
      return { kind: 'release_locked', user: op.user, points: resolve(op.amt, bal(w.equityLocked), 6) };
    case 'release_default':
      return { kind: 'release_locked', user: op.user };
    case 'grant_free':
    case 'grant_locked': {
      const room = x(params.supplyCap).minus(s.pool.issued);
      return {
        kind: 'grant',
        user: op.user,
        points: resolve(op.amt, room, 6),
        locked: op.k === 'grant_locked',
        reason: 'test',
      };
    }
    case 'convert_back':
      return { kind: 'convert_back', user: op.user, amount: resolve(op.amt, bal(w.constant), 2) };
    case 'dividend':
      return {
        kind: 'dividend',
        user: op.user,
        amount: resolve(op.amt, bal(w.quota).minus(bal(w.dividendsPaid)), 2),
        date: 'd',
      };
    case 'withdraw_request':
      return {
        kind: 'withdraw_request',
        user: op.user,
        amount: resolve(op.amt, bal(w.cash), 2),
        withdrawalId: `w${i}`,
      };
    case 'withdraw_approve':
      return {
        kind: 'withdraw_approve',
        user: op.user,
        amount: resolve(op.amt, bal(w.cashPending), 2),
        withdrawalId: `w${i}`,
      };
    case 'withdraw_reject':
      return {
        kind: 'withdraw_reject',
        user: op.user,
        amount: resolve(op.amt, bal(w.cashPending), 2),
        withdrawalId: `w${i}`,
      };
    case 'credit_store':
      return { kind: 'credit_store', user: op.user, amount: resolve(op.amt, x(500), 2), reason: 'legacy' };
    case 'spend':
      return {
        kind: 'spend',
        user: op.user,
        tender: op.tender,
        amount: resolve(op.amt, bal(w[op.tender]), 2),
        orderId: `s${i}`,
      };
    case 'refund_spend': {
      const spent = seen.spent.get(`${op.user}|${op.tender}`) ?? x(0);
      const amount = resolve(op.amt, spent, 2);
      // The engine cannot know which spends were real; the backend refunds only those. Skip the rest.
      if (!/^\d+\.\d{2}$/.test(String(amount)) || x(amount).isZero() || x(amount).gt(spent)) return null;
      return { kind: 'refund_spend', user: op.user, tender: op.tender, amount, orderId: `s${i}` };
    }
    case 'quota_reset':
      return { kind: 'quota_reset', user: op.user };
  }
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** Exact price as a fraction-free comparison helper: p = fund/circ, or lastPrice. */
const priceX = (s: EngineState): Xd =>
  x(s.pool.circulating).isZero() ? x(s.pool.lastPrice) : mulDiv(x(s.pool.fund), '1', s.pool.circulating);

/** Independent arithmetic of each accepted pool event from the state before it. */
function checkEvent(
  e: LedgerEvent,
  before: EngineState,
  after: EngineState,
  out: Outcome,
  params: Params,
  seen: Seen,
): void {
  const f0 = x(before.pool.fund);
  const c0 = x(before.pool.circulating);
  const byPrice = (v: Xd) => (c0.isZero() ? mulDiv(v, '1', before.pool.lastPrice) : mulDiv(v, c0, f0));
  switch (e.kind) {
    case 'order_completed': {
      const C = x(e.contribution);
      const amount = x(e.amount);
      const l1 = params.referralLevels >= 1 ? e.referrers?.l1 : undefined;
      const l2 = params.referralLevels >= 2 ? e.referrers?.l2 : undefined;
      let room = x(params.supplyCap).minus(before.pool.issued);
      const grants: Array<[string, Xd]> = [[e.buyer, C.times(params.rewardRatio)]];
      if (l1) grants.push([l1, C.times(params.referralL1Rate)]);
      if (l2) grants.push([l2, C.times(params.referralL2Rate)]);
      const minted = grants.map(([, v]) => {
        const q = Decimal.min(floorN(byPrice(v), 6), room) as Xd;
        room = room.minus(q);
        return q;
      });
      expect(out.pointsGranted).toBe(minted[0]!.toFixed());
      const total = minted.reduce((a, b) => a.plus(b), x(0));
      expect(x(after.pool.circulating).minus(c0).toFixed()).toBe(total.toFixed());
      expect(x(after.pool.fund).minus(f0).toFixed(2)).toBe(C.toFixed(2));
      seen.contributions = seen.contributions.plus(C);
      const com = (rate: string) => floorN(amount.times(rate), 2);
      if (l1) seen.commissions = seen.commissions.plus(com(params.commissionL1Rate));
      if (l2) seen.commissions = seen.commissions.plus(com(params.commissionL2Rate));
      if (e.agent) seen.commissions = seen.commissions.plus(com(params.agentRate));
      const dq = bal(W(after, e.buyer).quota).minus(bal(W(before, e.buyer).quota));
      expect(dq.toFixed(2)).toBe(floorN(amount.times(params.quotaMultiplier), 2).toFixed(2));
      break;
    }
    case 'sell': {
      const q = x(e.points);
      const payout = floorN(mulDiv(q.times(x(1).minus(params.sellFeeRate)), f0, c0), 2);
      expect(out.payout).toBe(payout.toFixed(2));
      // the preview equals the event
      const quote = quoteSell(before.pool, params, e.points);
      expect([quote.gross, quote.payout, quote.fee, quote.priceBefore, quote.priceAfter]).toEqual([
        out.gross,
        out.payout,
        out.fee,
        out.priceBefore,
        out.priceAfter,
      ]);
      expect(after.pool.fund).toBe(f0.minus(payout).toFixed(2));
      expect(x(after.pool.burned).minus(before.pool.burned).toFixed()).toBe(q.toFixed());
      seen.payouts = seen.payouts.plus(payout);
      break;
    }
    case 'redeem':
      expect(after.pool.fund).toBe(before.pool.fund);
      expect(x(before.pool.circulating).minus(after.pool.circulating).toFixed()).toBe(x(e.points).toFixed());
      break;
    case 'convert':
      expect(out.constant).toBe(floorN(mulDiv(x(e.points), f0, c0), 2).toFixed(2));
      expect(after.pool.circulating).toBe(before.pool.circulating);
      break;
    case 'convert_back': {
      const q = floorN(mulDiv(x(e.amount), c0, f0), 6);
      expect(out.points).toBe(q.toFixed());
      expect(q.lte(before.pool.treasury)).toBe(true);
      break;
    }
    case 'grant': {
      const q = x(e.points);
      const funding = ceilN(c0.isZero() ? q.times(before.pool.lastPrice) : mulDivUp(q, f0, c0), 2);
      expect(out.funding).toBe(funding.toFixed(2));
      expect(after.pool.fund).toBe(f0.plus(funding).toFixed(2));
      seen.fundings = seen.fundings.plus(funding);
      break;
    }
    case 'release_locked': {
      const w = W(before, e.user);
      const want = e.points !== undefined ? x(e.points) : floorN(x(w.lockedGranted).times(params.lockedReleaseRate), 6);
      // The rulebook's reading: a grant whose daily share rounds to 0 still releases a millionth.
      const step = want.isZero() && e.points === undefined ? x('0.000001') : want;
      const q = Decimal.min(step, w.equityLocked);
      expect(out.points).toBe(q.toFixed());
      break;
    }
    case 'dividend':
      seen.dividends = seen.dividends.plus(e.amount);
      break;
    case 'spend': {
      const k = `${e.user}|${e.tender}`;
      seen.spent.set(k, (seen.spent.get(k) ?? x(0)).plus(e.amount));
      break;
    }
    case 'refund_spend': {
      const k = `${e.user}|${e.tender}`;
      seen.spent.set(k, seen.spent.get(k)!.minus(e.amount));
      break;
    }
    default:
      break;
  }
}

const WALLET_FIELDS: Array<keyof Wallet> = [
  'equity',
  'equityLocked',
  'equityHeld',
  'lockedGranted',
  'constant',
  'storeCredit',
  'cash',
  'cashPending',
  'withdrawn',
  'quota',
  'dividendsPaid',
];

function checkInvariants(s: EngineState, params: Params, seen: Seen): void {
  const p = s.pool;
  const ws = Object.values(s.wallets);
  const sum = (f: (w: Wallet) => string) => ws.reduce((a, w) => a.plus(f(w)), x(0));
  // I1
  const held = sum((w) => w.equity)
    .plus(sum((w) => w.equityLocked))
    .plus(sum((w) => w.equityHeld));
  expect(x(p.circulating).toFixed()).toBe(held.plus(p.treasury).toFixed());
  expect(x(p.issued).toFixed()).toBe(x(p.circulating).plus(p.burned).toFixed());
  expect(x(p.issued).lte(params.supplyCap)).toBe(true);
  // I2, from the pool's own totals and from what this test saw
  expect(x(p.fund).toFixed(2)).toBe(x(p.contributions).plus(p.grantFunding).minus(p.payouts).toFixed(2));
  expect(x(p.fund).toFixed(2)).toBe(seen.contributions.plus(seen.fundings).minus(seen.payouts).toFixed(2));
  expect(x(p.fund).gte(0)).toBe(true);
  // I4: Σ constant ≤ treasury × fund / circulating, cross-multiplied to stay exact
  const constant = sum((w) => w.constant);
  if (x(p.circulating).isZero()) expect(constant.lte(x(p.treasury).times(p.lastPrice))).toBe(true);
  else expect(constant.times(p.circulating).lte(x(p.treasury).times(p.fund))).toBe(true);
  // I6
  const cashAll = sum((w) => w.cash)
    .plus(sum((w) => w.cashPending))
    .plus(sum((w) => w.withdrawn));
  expect(cashAll.toFixed(2)).toBe(seen.payouts.plus(seen.dividends).plus(seen.commissions).toFixed(2));
  // I5 (ledger half): Σ WalletChange deltas per user and field give the wallets
  const fromWallets: string[] = [];
  const fromLedger: string[] = [];
  for (const [u, w] of Object.entries(s.wallets)) {
    for (const f of WALLET_FIELDS) {
      fromWallets.push(`${u}.${f}=${x(w[f]).toFixed()}`);
      fromLedger.push(`${u}.${f}=${(seen.ledger.get(`${u}|${f}`) ?? x(0)).toFixed()}`);
    }
  }
  expect(fromWallets).toEqual(fromLedger);
  for (const key of seen.ledger.keys())
    if (!s.wallets[key.split('|')[0]!]) throw new Error(`ledger names ${key}, no such wallet`);
}

describe('engine properties over random event sequences', () => {
  it('I1–I6 hold after every step; refusals change nothing; replay gives the same state', () => {
    let accepted = 0;
    let refused = 0;
    const codes = new Map<string, number>();
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(paramsArb, opsArb, (params, ops) => {
        let s = deepFreeze(emptyState(params));
        const seen: Seen = {
          contributions: x(0),
          fundings: x(0),
          payouts: x(0),
          dividends: x(0),
          commissions: x(0),
          spent: new Map(),
          ledger: new Map(),
        };
        const events: LedgerEvent[] = [];
        ops.forEach((op, i) => {
          const e = toEvent(op, s, params, seen, i);
          if (!e) return;
          const snapshot = JSON.stringify(s);
          let r;
          try {
            r = apply(s, e, params);
          } catch (err) {
            // Only a named rule may refuse; a plain Error is a broken engine invariant.
            if (!(err instanceof RuleError)) throw err;
            expect(err.code).toMatch(/^[a-z_]+$/);
            if (JSON.stringify(s) !== snapshot) throw new Error(`refused ${e.kind} changed the state`, { cause: err });
            refused++;
            codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
            return;
          }
          accepted++;
          kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
          // The input is not touched either way (it is also deep-frozen, so a write would throw).
          if (JSON.stringify(s) !== snapshot) throw new Error(`${e.kind} mutated its input state`);
          const next = deepFreeze(r.state);
          // I3: the price never falls (exact, 34 digits as stored)
          expect(r.outcome.priceBefore).toBe(price(s.pool));
          expect(r.outcome.priceAfter).toBe(price(next.pool));
          expect(priceX(next).gte(priceX(s).toSignificantDigits(34, Decimal.ROUND_DOWN))).toBe(true);
          expect(x(price(next.pool)).gte(price(s.pool))).toBe(true);
          for (const c of r.outcome.changes) {
            const k = `${c.user}|${c.field}`;
            seen.ledger.set(k, (seen.ledger.get(k) ?? x(0)).plus(c.delta));
          }
          checkEvent(e, s, next, r.outcome, params, seen);
          events.push(e);
          s = next;
          checkInvariants(s, params, seen);
          // I5: replaying the accepted events from empty gives the same state, to the last digit
          expect(replay(events, params)).toEqual(s);
        });
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 1000) },
    );
    if (process.env.PROP_STATS) console.log({ accepted, refused, codes, kinds });
    // The generator must actually exercise both paths and every kind.
    expect(accepted).toBeGreaterThan(3000);
    expect(refused).toBeGreaterThan(1000);
    for (const k of [
      'order_completed',
      'sell',
      'redeem',
      'convert',
      'convert_back',
      'grant',
      'release_locked',
      'hold',
      'unhold',
      'spend',
      'refund_spend',
      'credit_store',
      'dividend',
      'quota_reset',
      'withdraw_request',
      'withdraw_approve',
      'withdraw_reject',
    ]) {
      expect([k, (kinds.get(k) ?? 0) > 10]).toEqual([k, true]);
    }
    for (const c of [
      'invalid_amount',
      'insufficient_points',
      'insufficient_held',
      'supply_cap_reached',
      'invalid_referrer',
      'nothing_to_release',
    ]) {
      expect([c, (codes.get(c) ?? 0) > 0]).toEqual([c, true]);
    }
  });
});
