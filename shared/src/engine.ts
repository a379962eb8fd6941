// The rulebook (docs/rules.md "Events") as one pure function: apply(state, event, params).
// Every rule lives here once; the backend and the client only call it.
import {
  ceil2,
  ceil6,
  dec,
  exact,
  floor2,
  floor6,
  minDec,
  money,
  mulDivDown,
  mulDivUp,
  pts,
  signed,
  ZERO,
  type Dec,
} from './decimal';
import { RuleError, type RuleCode } from './errors';
import { parseMoney, parsePoints, parsePositiveMoney, parsePositivePoints } from './amounts';
import { emptyState, emptyWallet, priceDec } from './state';
import type {
  Applied,
  EngineState,
  LedgerEvent,
  Money,
  Outcome,
  Params,
  Points,
  PoolState,
  UserId,
  Wallet,
  WalletChange,
} from './types';

const POINT_FIELDS = new Set<keyof Wallet>(['equity', 'equityLocked', 'equityHeld', 'lockedGranted']);

/** Which rule a balance going below zero breaks. */
const SHORT: Partial<Record<keyof Wallet, RuleCode>> = {
  equity: 'insufficient_points',
  equityHeld: 'insufficient_held',
  equityLocked: 'nothing_to_release',
  constant: 'insufficient_constant',
  storeCredit: 'insufficient_store_credit',
  cash: 'insufficient_cash',
  cashPending: 'insufficient_pending',
  dividendsPaid: 'insufficient_quota',
  quota: 'insufficient_quota',
};

const POOL_KINDS = new Set<LedgerEvent['kind']>([
  'order_completed',
  'sell',
  'redeem',
  'convert',
  'convert_back',
  'grant',
  'release_locked',
]);
export const isPoolEvent = (e: Pick<LedgerEvent, 'kind'>): boolean => POOL_KINDS.has(e.kind);

interface WorkPool {
  fund: Dec;
  circulating: Dec;
  treasury: Dec;
  issued: Dec;
  burned: Dec;
  seq: number;
  lastPrice: Dec;
  contributions: Dec;
  grantFunding: Dec;
  payouts: Dec;
}

/** A working copy: the input state is never mutated, so a thrown rule changes nothing. */
class Work {
  readonly pool: WorkPool;
  readonly wallets = new Map<UserId, Record<keyof Wallet, Dec>>();
  readonly changes: WalletChange[] = [];

  constructor(private readonly state: EngineState) {
    const p = state.pool;
    this.pool = {
      fund: dec(p.fund),
      circulating: dec(p.circulating),
      treasury: dec(p.treasury),
      issued: dec(p.issued),
      burned: dec(p.burned),
      seq: p.seq,
      lastPrice: dec(p.lastPrice),
      contributions: dec(p.contributions),
      grantFunding: dec(p.grantFunding),
      payouts: dec(p.payouts),
    };
  }

  price(): Dec {
    return this.pool.circulating.isZero() ? this.pool.lastPrice : this.pool.fund.div(this.pool.circulating);
  }

  wallet(user: UserId): Record<keyof Wallet, Dec> {
    let w = this.wallets.get(user);
    if (!w) {
      const src = this.state.wallets[user] ?? emptyWallet();
      w = Object.fromEntries(Object.entries(src).map(([k, v]) => [k, dec(v)])) as Record<keyof Wallet, Dec>;
      this.wallets.set(user, w);
    }
    return w;
  }

  /** Changes one balance; a balance never goes below zero. */
  change(user: UserId, field: keyof Wallet, delta: Dec, why: string): void {
    if (delta.isZero()) return;
    const w = this.wallet(user);
    const next = w[field].plus(delta);
    if (next.isNegative()) {
      throw new RuleError(
        SHORT[field] ?? 'invalid_amount',
        `${field} of ${user} is ${w[field].toFixed()}, below the ${delta.neg().toFixed()} needed`,
      );
    }
    w[field] = next;
    this.changes.push({ user, field, delta: signed(delta), why });
  }

  /** Points worth `value` yuan at the current price, rounded down. */
  pointsFor(value: Dec): Dec {
    const { circulating, fund, lastPrice } = this.pool;
    if (circulating.isZero()) return floor6(mulDivDown(value, 1, lastPrice));
    return floor6(mulDivDown(value, circulating, fund));
  }

  /** What is left under the supply cap. */
  room(params: Params): Dec {
    const r = dec(params.supplyCap).minus(this.pool.issued);
    return r.isNegative() ? ZERO : r;
  }

  mint(q: Dec): void {
    this.pool.circulating = this.pool.circulating.plus(q);
    this.pool.issued = this.pool.issued.plus(q);
  }

  burn(q: Dec): void {
    this.pool.circulating = this.pool.circulating.minus(q);
    this.pool.burned = this.pool.burned.plus(q);
  }

  result(kind: LedgerEvent['kind'], priceBefore: Dec, extra: Partial<Outcome>, params: Params): Applied {
    const isPool = POOL_KINDS.has(kind);
    const p = this.pool;
    const priceAfter = this.price();
    if (isPool) {
      p.seq += 1;
      p.lastPrice = priceAfter;
    }
    assertPool(p, params, priceBefore, priceAfter);
    const pool: PoolState = {
      fund: money(p.fund),
      circulating: pts(p.circulating),
      treasury: pts(p.treasury),
      issued: pts(p.issued),
      burned: pts(p.burned),
      seq: p.seq,
      lastPrice: exact(p.lastPrice),
      contributions: money(p.contributions),
      grantFunding: money(p.grantFunding),
      payouts: money(p.payouts),
    };
    const wallets: Record<UserId, Wallet> = { ...this.state.wallets };
    for (const [user, w] of this.wallets) {
      wallets[user] = Object.fromEntries(
        (Object.keys(w) as Array<keyof Wallet>).map((k) => [k, POINT_FIELDS.has(k) ? pts(w[k]) : money(w[k])]),
      ) as unknown as Wallet;
    }
    return {
      state: { pool, wallets },
      outcome: {
        kind,
        priceBefore: exact(priceBefore),
        priceAfter: exact(priceAfter),
        changes: this.changes,
        ...extra,
      },
    };
  }
}

/** The pool's own invariants, asserted at every change (a failure here is a bug, not a rule). */
function assertPool(p: WorkPool, params: Params, before: Dec, after: Dec): void {
  const fail = (what: string) => {
    throw new Error(`pool invariant broken: ${what}`);
  };
  if (p.fund.isNegative()) fail('fund < 0');
  if (p.circulating.isNegative()) fail('circulating < 0');
  if (p.treasury.isNegative() || p.treasury.gt(p.circulating)) fail('treasury outside [0, circulating]');
  if (!p.issued.eq(p.circulating.plus(p.burned))) fail('issued ≠ circulating + burned');
  if (p.issued.gt(params.supplyCap)) fail('issued > supplyCap');
  if (!p.fund.eq(p.contributions.plus(p.grantFunding).minus(p.payouts)))
    fail('fund ≠ contributions + grants − payouts');
  if (after.lt(before)) fail(`price fell from ${before.toFixed()} to ${after.toFixed()}`);
}

const money$ = (s: string | undefined, field: string): Dec => dec(parseMoney(s ?? '0', field));

/** Sell math, shared by the sell event and the preview. */
function sellMath(pool: Pick<WorkPool, 'fund' | 'circulating'>, q: Dec, params: Params) {
  if (q.gt(pool.circulating) || pool.circulating.isZero())
    throw new RuleError('insufficient_points', 'more points than circulate');
  const gross = q.times(pool.fund).div(pool.circulating);
  const payout = floor2(mulDivDown(q.times(dec(1).minus(params.sellFeeRate)), pool.fund, pool.circulating));
  return { gross, payout, fee: gross.minus(payout) };
}

type Kind = LedgerEvent['kind'];
type EventOf<K extends Kind> = LedgerEvent & { kind: K };
/** One rule of the rulebook: changes the working copy, returns the outcome's own fields. */
type Rule<K extends Kind> = (w: Work, event: EventOf<K>, params: Params) => Partial<Outcome>;

/** Event 1 (and 7, commissions): the order's contribution enters the pool, its points are granted. */
const orderCompleted: Rule<'order_completed'> = (w, event, params) => {
  // amount and C are required: a missing one must be refused, not read as 0.
  const amount = dec(parseMoney(event.amount, 'amount'));
  const C = dec(parseMoney(event.contribution, 'contribution'));
  const dividendFund = money$(event.dividendContribution, 'dividendContribution');
  const l1 = params.referralLevels >= 1 ? event.referrers?.l1 : undefined;
  const l2 = params.referralLevels >= 2 ? event.referrers?.l2 : undefined;
  if (l1 === event.buyer || l2 === event.buyer || (l1 !== undefined && l1 === l2)) {
    throw new RuleError('invalid_referrer', 'a buyer cannot be their own referrer');
  }
  // All grants of one order are priced before the order's contribution enters the pool.
  const grants: Array<[UserId, Dec, string]> = [[event.buyer, C.times(params.rewardRatio), 'order_reward']];
  if (l1) grants.push([l1, C.times(params.referralL1Rate), 'referral_l1']);
  if (l2) grants.push([l2, C.times(params.referralL2Rate), 'referral_l2']);
  const minted = pricedGrants(w, grants, params);
  w.pool.fund = w.pool.fund.plus(C);
  w.pool.contributions = w.pool.contributions.plus(C);
  grants.forEach(([user, , why], i) => {
    const q = minted[i]!;
    if (q.isZero()) return;
    w.mint(q);
    w.change(user, 'equity', q, why);
  });
  w.change(event.buyer, 'quota', floor2(amount.times(params.quotaMultiplier)), 'quota_earned');
  if (l1) w.change(l1, 'cash', floor2(amount.times(params.commissionL1Rate)), 'commission_l1');
  if (l2) w.change(l2, 'cash', floor2(amount.times(params.commissionL2Rate)), 'commission_l2');
  if (event.agent) w.change(event.agent, 'cash', floor2(amount.times(params.agentRate)), 'agent_commission');
  return {
    pointsGranted: pts(minted[0]!),
    dividendFund: money(dividendFund),
    poolDelta: { fund: money(C), circulating: pts(minted.reduce((a, b) => a.plus(b), ZERO)) },
  };
};

/** Points for each grant at the current price; the supply cap cuts the first grant first. */
function pricedGrants(w: Work, grants: Array<[UserId, Dec, string]>, params: Params): Dec[] {
  let room = w.room(params);
  return grants.map(([, value]) => {
    const q = minDec(w.pointsFor(value), room);
    room = room.minus(q);
    return q;
  });
}

/** Event 2: points sold back to the pool; the fee stays in the fund. */
const sell: Rule<'sell'> = (w, event, params) => {
  const q = dec(parsePositivePoints(event.points));
  w.change(event.user, 'equity', q.neg(), event.reason ?? 'sell');
  const { gross, payout, fee } = sellMath(w.pool, q, params);
  if (payout.isZero()) throw new RuleError('amount_too_small', 'these points are worth less than ¥0.01 after the fee');
  w.pool.fund = w.pool.fund.minus(payout);
  w.pool.payouts = w.pool.payouts.plus(payout);
  w.burn(q);
  w.change(event.user, 'cash', payout, 'sell_payout');
  return {
    points: pts(q),
    gross: exact(gross),
    fee: fee.toFixed(2, 4),
    payout: money(payout),
    poolDelta: { fund: signed(payout.neg()), circulating: signed(q.neg()) },
  };
};

/** Event 3: the held points of a completed redemption are burned; the fund does not move. */
const redeem: Rule<'redeem'> = (w, event) => {
  const q = dec(parsePositivePoints(event.points));
  w.change(event.user, 'equityHeld', q.neg(), 'redeem');
  w.burn(q);
  return { points: pts(q), poolDelta: { fund: '+0', circulating: signed(q.neg()) } };
};

/** Event 4: equity into the treasury, constant credited at the price (rounded down). */
const convert: Rule<'convert'> = (w, event) => {
  const q = dec(parsePositivePoints(event.points));
  w.change(event.user, 'equity', q.neg(), 'convert');
  const credit = floor2(mulDivDown(q, w.pool.fund, w.pool.circulating));
  if (credit.isZero()) throw new RuleError('amount_too_small', 'these points are worth less than ¥0.01');
  w.pool.treasury = w.pool.treasury.plus(q);
  w.change(event.user, 'constant', credit, 'convert');
  return { points: pts(q), constant: money(credit) };
};

/** Event 5: constant buys points out of the treasury (rounded down). */
const convertBack: Rule<'convert_back'> = (w, event) => {
  const c = dec(parsePositiveMoney(event.amount));
  w.change(event.user, 'constant', c.neg(), 'convert_back');
  if (w.pool.treasury.isZero()) throw new RuleError('insufficient_treasury', 'the treasury holds no points');
  const q = floor6(mulDivDown(c, w.pool.circulating, w.pool.fund));
  if (q.isZero()) throw new RuleError('amount_too_small', 'this amount buys less than 0.000001 points');
  if (q.gt(w.pool.treasury))
    throw new RuleError('insufficient_treasury', `the treasury holds ${w.pool.treasury.toFixed()} points`);
  w.pool.treasury = w.pool.treasury.minus(q);
  w.change(event.user, 'equity', q, 'convert_back');
  return { points: pts(q), constant: money(c) };
};

/** Event 6: minting without an order pays its value into the fund, so the price cannot fall. */
const grant: Rule<'grant'> = (w, event, params) => {
  const q = dec(parsePositivePoints(event.points));
  if (q.gt(w.room(params)))
    throw new RuleError('supply_cap_reached', `only ${w.room(params).toFixed()} points are left under the supply cap`);
  const funding = w.pool.circulating.isZero()
    ? ceil2(q.times(w.pool.lastPrice))
    : ceil2(mulDivUp(q, w.pool.fund, w.pool.circulating));
  w.pool.fund = w.pool.fund.plus(funding);
  w.pool.grantFunding = w.pool.grantFunding.plus(funding);
  w.mint(q);
  const why = `grant:${event.reason}`;
  if (event.locked) {
    w.change(event.user, 'equityLocked', q, why);
    w.change(event.user, 'lockedGranted', q, why);
  } else {
    w.change(event.user, 'equity', q, why);
  }
  return { pointsGranted: pts(q), funding: money(funding) };
};

/** Event 6, released: a day's share of a locked grant (or `points`) moves to equity. */
const releaseLocked: Rule<'release_locked'> = (w, event, params) => {
  const wal = w.wallet(event.user);
  const wanted =
    event.points !== undefined
      ? dec(parsePositivePoints(event.points))
      : floor6(wal.lockedGranted.times(params.lockedReleaseRate));
  // A grant so small that its daily share rounds to 0 still releases, a millionth a day.
  const step = wanted.isZero() && event.points === undefined ? dec('0.000001') : wanted;
  const q = minDec(step, wal.equityLocked);
  if (q.isZero()) throw new RuleError('nothing_to_release', `${event.user} has no locked points to release`);
  w.change(event.user, 'equityLocked', q.neg(), 'release');
  w.change(event.user, 'equity', q, 'release');
  return { points: pts(q) };
};

/** A redemption order holds its points until it completes (burned) or is refunded (unheld). */
const holdOrUnhold: Rule<'hold' | 'unhold'> = (w, event) => {
  const q = dec(parsePositivePoints(event.points));
  const sign = event.kind === 'hold' ? 1 : -1;
  w.change(event.user, 'equity', q.times(-sign), event.kind);
  w.change(event.user, 'equityHeld', q.times(sign), event.kind);
  return { points: pts(q) };
};

/** Paying with (or refunding to) constant points or store credit. */
const spendOrRefund: Rule<'spend' | 'refund_spend'> = (w, event) => {
  const a = dec(parsePositiveMoney(event.amount));
  w.change(event.user, event.tender, event.kind === 'spend' ? a.neg() : a, event.kind);
  return {};
};

const creditStore: Rule<'credit_store'> = (w, event) => {
  w.change(event.user, 'storeCredit', dec(parsePositiveMoney(event.amount)), `credit_store:${event.reason}`);
  return {};
};

/** Event 8a: one user's dividend, never beyond the quota left. */
const dividend: Rule<'dividend'> = (w, event) => {
  const a = dec(parsePositiveMoney(event.amount));
  const wal = w.wallet(event.user);
  if (a.gt(wal.quota.minus(wal.dividendsPaid)))
    throw new RuleError('insufficient_quota', 'a dividend beyond the quota left');
  w.change(event.user, 'dividendsPaid', a, 'dividend');
  w.change(event.user, 'cash', a, 'dividend');
  return {};
};

/** Event 8b, after an exit: removes the quota (and what was paid of it) the exit was decided on. */
const quotaReset: Rule<'quota_reset'> = (w, event) => {
  const wal = w.wallet(event.user);
  const quota = event.quota !== undefined ? dec(parseMoney(event.quota, 'quota')) : wal.quota;
  const paid =
    event.dividendsPaid !== undefined ? dec(parseMoney(event.dividendsPaid, 'dividendsPaid')) : wal.dividendsPaid;
  w.change(event.user, 'quota', quota.neg(), 'quota_reset');
  w.change(event.user, 'dividendsPaid', paid.neg(), 'quota_reset');
  return {};
};

const WITHDRAWAL_MOVES: Record<
  'withdraw_request' | 'withdraw_approve' | 'withdraw_reject',
  [keyof Wallet, keyof Wallet]
> = {
  withdraw_request: ['cash', 'cashPending'],
  withdraw_approve: ['cashPending', 'withdrawn'],
  withdraw_reject: ['cashPending', 'cash'],
};

/** A withdrawal's steps move cash between cash, pending and withdrawn. */
const withdrawal: Rule<'withdraw_request' | 'withdraw_approve' | 'withdraw_reject'> = (w, event) => {
  const a = dec(parsePositiveMoney(event.amount));
  const [from, to] = WITHDRAWAL_MOVES[event.kind];
  w.change(event.user, from, a.neg(), event.kind);
  w.change(event.user, to, a, event.kind);
  return {};
};

const RULES: { [K in Kind]: Rule<K> } = {
  order_completed: orderCompleted,
  sell,
  redeem,
  convert,
  convert_back: convertBack,
  grant,
  release_locked: releaseLocked,
  hold: holdOrUnhold,
  unhold: holdOrUnhold,
  spend: spendOrRefund,
  refund_spend: spendOrRefund,
  credit_store: creditStore,
  dividend,
  quota_reset: quotaReset,
  withdraw_request: withdrawal,
  withdraw_approve: withdrawal,
  withdraw_reject: withdrawal,
};

/** Applies one event: the new state and its outcome, or a RuleError with nothing changed. */
export function apply(state: EngineState, event: LedgerEvent, params: Params): Applied {
  const w = new Work(state);
  const before = w.price();
  // Events come from storage too (replay): an unknown kind is refused by name.
  if (!Object.prototype.hasOwnProperty.call(RULES, event.kind))
    throw new RuleError('unknown_event', `unknown event ${(event as { kind: string }).kind}`);
  const rule = RULES[event.kind] as (w: Work, e: LedgerEvent, p: Params) => Partial<Outcome>;
  return w.result(event.kind, before, rule(w, event, params), params);
}

// ---- Reads and previews, from the same rules -------------------------------------------

/** The equity cost of an item paid with points: ceil6(itemPrice / price). */
export function redemptionCost(pool: PoolState, itemPrice: Money): Points {
  const p = dec(parseMoney(itemPrice, 'itemPrice'));
  const circ = dec(pool.circulating);
  if (circ.isZero()) return pts(ceil6(mulDivUp(p, 1, pool.lastPrice)));
  return pts(ceil6(mulDivUp(p, circ, pool.fund)));
}

/** The points an order with this pool contribution would grant its buyer now (event 1). */
export function orderPoints(pool: PoolState, params: Params, contribution: Money): Points {
  const c = parseMoney(contribution, 'contribution');
  const event: LedgerEvent = {
    kind: 'order_completed',
    orderId: 'preview',
    buyer: 'preview',
    amount: c,
    contribution: c,
    dividendContribution: '0',
  };
  return apply({ pool, wallets: {} }, event, params).outcome.pointsGranted ?? '0';
}

/** What selling `points` would pay now (before the pool moves). */
export function quoteSell(pool: PoolState, params: Params, points: Points) {
  const q = dec(parsePositivePoints(points));
  const fund = dec(pool.fund);
  const circulating = dec(pool.circulating);
  const { gross, payout, fee } = sellMath({ fund, circulating }, q, params);
  const restCirc = circulating.minus(q);
  const priceAfter = restCirc.isZero() ? priceDec(pool) : fund.minus(payout).div(restCirc);
  return {
    points: pts(q),
    gross: exact(gross),
    fee: fee.toFixed(2, 4),
    payout: money(payout),
    priceBefore: exact(priceDec(pool)),
    priceAfter: exact(priceAfter),
  };
}

/** Value of points at the current price, rounded down to the fen. */
export function valueOf(pool: PoolState, points: Points): Money {
  const q = dec(parsePoints(points));
  const circ = dec(pool.circulating);
  if (circ.isZero()) return money(floor2(q.times(pool.lastPrice)));
  return money(floor2(mulDivDown(q, pool.fund, circ)));
}

/** One holder's dividend: pro rata to weight, rounded down, capped at the quota left. */
export function dividendFor(dayFund: Money, totalWeight: Points, weight: Points, capLeft: Money): Money {
  const total = dec(totalWeight);
  if (total.isZero() || dec(capLeft).lte(0)) return '0.00';
  const share = floor2(mulDivDown(dayFund, weight, total));
  return money(minDec(share, dec(capLeft)));
}

/** The exit rule: a user with quota whose equity is worth the quota left is sold out. */
export function shouldExit(wallet: Wallet, pool: PoolState): boolean {
  const quota = dec(wallet.quota);
  if (quota.lte(0)) return false;
  const left = quota.minus(wallet.dividendsPaid);
  return dec(wallet.equity).times(priceDec(pool)).gte(left);
}

/** Points a user holds for dividends, levels and the leaderboard: equity + equityLocked. */
export function weightOf(w: Pick<Wallet, 'equity' | 'equityLocked'>): Points {
  return pts(dec(w.equity).plus(w.equityLocked));
}

/** The member level by equity held (locked included). */
export function levelFor(params: Pick<Params, 'levels'>, equity: Points): string {
  const e = dec(equity);
  let name = params.levels[0]?.name ?? '';
  for (const l of params.levels) if (e.gte(l.minEquity)) name = l.name;
  return name;
}

/** I5: the state the events give when applied from empty. */
export function replay(events: LedgerEvent[], params: Params, initial: EngineState = emptyState(params)): EngineState {
  let s = initial;
  for (const e of events) s = apply(s, e, params).state;
  return s;
}

// ---- After-sale (docs/rules.md "After-sale") ------------------------------------------------

/** One order line as the after-sale rules see it; `returnedQty`: returned or refunded so far. */
export interface AfterSaleLine {
  productId: string;
  qty: number;
  price: Money;
  poolContribution: Money;
  dividendContribution: Money;
  returnedQty?: number;
}

/** What a set of lines is worth: amount, pool and dividend contributions of `qty` units each. */
export function linesTotal(lines: Array<AfterSaleLine & { take: number }>): {
  amount: Money;
  contribution: Money;
  dividendContribution: Money;
} {
  let amount = ZERO;
  let contribution = ZERO;
  let dividend = ZERO;
  for (const l of lines) {
    if (!Number.isInteger(l.take) || l.take < 0)
      throw new RuleError('invalid_amount', 'a quantity must be a whole number');
    amount = amount.plus(dec(parseMoney(l.price, 'price')).times(l.take));
    contribution = contribution.plus(dec(parseMoney(l.poolContribution, 'poolContribution')).times(l.take));
    dividend = dividend.plus(dec(parseMoney(l.dividendContribution, 'dividendContribution')).times(l.take));
  }
  return { amount: money(amount), contribution: money(contribution), dividendContribution: money(dividend) };
}

/** The kept part of an order: each line's qty less what was returned or refunded. */
export function keptTotals(lines: AfterSaleLine[]) {
  return linesTotal(lines.map((l) => ({ ...l, take: l.qty - (l.returnedQty ?? 0) })));
}

/**
 * The held points of a redemption that go back with a refund of `part` of the `remaining`
 * amount still held for: all of them for the last part, else a share rounded down (the rest is
 * burned at completion: rounding in the pool's favour).
 */
export function heldShare(held: Points, part: Money, remaining: Money): Points {
  const h = dec(parsePoints(held));
  const p = dec(parseMoney(part, 'part'));
  const r = dec(parseMoney(remaining, 'remaining'));
  if (p.gt(r)) throw new RuleError('invalid_amount', 'a refund above what is left of the order');
  if (p.eq(r)) return pts(h);
  return pts(floor6(mulDivDown(h, p, r)));
}
