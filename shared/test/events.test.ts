// One hand-checked example per event of docs/rules.md. Every expected number is worked out in the
// comment beside it from the rulebook (not by running the engine).
import {
  apply,
  defaultParams,
  dividendFor,
  emptyState,
  fmtMoney,
  levelFor,
  price,
  quoteSell,
  redemptionCost,
  RuleError,
  shouldExit,
  valueOf,
  emptyWallet,
  type Applied,
  type EngineState,
  type LedgerEvent,
  type Params,
} from '../src';
import Decimal from 'decimal.js';

const P: Params = defaultParams;

/** Applies events in order; returns the last result. */
function run(events: LedgerEvent[], params: Params = P, from: EngineState = emptyState(params)): Applied {
  let last: Applied | undefined;
  let s = from;
  for (const e of events) {
    last = apply(s, e, params);
    s = last.state;
  }
  return last!;
}

const order = (
  orderId: string,
  buyer: string,
  amount: string,
  contribution: string,
  extra: Partial<Extract<LedgerEvent, { kind: 'order_completed' }>> = {},
): LedgerEvent => ({
  kind: 'order_completed',
  orderId,
  buyer,
  amount,
  contribution,
  dividendContribution: '0',
  ...extra,
});

/** The rule code a refused event throws, and proof that it threw a RuleError. */
function refusal(state: EngineState, e: LedgerEvent, params: Params = P): string {
  const before = structuredClone(state);
  try {
    apply(state, e, params);
  } catch (err) {
    expect(err).toBeInstanceOf(RuleError);
    expect(state).toEqual(before);
    return (err as RuleError).code;
  }
  throw new Error(`expected ${e.kind} to be refused`);
}

const dec = (x: string) => new Decimal(x);

// After one order of 100 yuan with C = 30: B holds 21 points, fund 30, circulating 21.
const oneOrder = () => run([order('o1', 'B', '100.00', '30.00')]).state;

describe('order completed', () => {
  const refP: Params = {
    ...P,
    referralLevels: 2,
    referralL1Rate: '0.1',
    referralL2Rate: '0.05',
    commissionL1Rate: '0.03',
    commissionL2Rate: '0.02',
    agentRate: '0.01',
  };

  it('prices the first order at issuePrice', () => {
    const { state, outcome } = run([order('o1', 'B', '100.00', '30.00')], refP);
    // V = 30 × 0.7 = 21; circulating 0 → q = 21 / issuePrice 1 = 21
    expect(outcome.pointsGranted).toBe('21');
    expect(state.wallets.B!.equity).toBe('21');
    // fund = 0 + 30
    expect(state.pool.fund).toBe('30.00');
    expect(state.pool.circulating).toBe('21');
    expect(state.pool.issued).toBe('21');
    // quota += 2 × 100
    expect(state.wallets.B!.quota).toBe('200.00');
    expect(outcome.priceBefore).toBe('1');
    // 30 / 21 = 1.4285714…
    expect(dec(outcome.priceAfter).toFixed(6)).toBe('1.428571');
  });

  it('prices a later order and its L1/L2 referral grants at the price before the order; cash commissions floor2', () => {
    const s1 = run([order('o1', 'B', '100.00', '30.00')], refP).state;
    const { state, outcome } = apply(
      s1,
      order('o2', 'C', '99.99', '30.00', { referrers: { l1: 'B', l2: 'A' }, agent: 'G' }),
      refP,
    );
    // price before = 30/21. Buyer V = 21 → q = floor6(21 × 21/30) = 14.7
    expect(outcome.pointsGranted).toBe('14.7');
    expect(state.wallets.C!.equity).toBe('14.7');
    // L1 V = 30 × 0.1 = 3 → q = 3 × 21/30 = 2.1, on top of B's 21
    expect(state.wallets.B!.equity).toBe('23.1');
    // L2 V = 30 × 0.05 = 1.5 → q = 1.5 × 21/30 = 1.05
    expect(state.wallets.A!.equity).toBe('1.05');
    // circulating = 21 + 14.7 + 2.1 + 1.05 = 38.85; fund = 60
    expect(state.pool.circulating).toBe('38.85');
    expect(state.pool.fund).toBe('60.00');
    // commissions on the amount: 99.99 × 0.03 = 2.9997 → 2.99; × 0.02 = 1.9998 → 1.99; agent × 0.01 = 0.9999 → 0.99
    expect(state.wallets.B!.cash).toBe('2.99');
    expect(state.wallets.A!.cash).toBe('1.99');
    expect(state.wallets.G!.cash).toBe('0.99');
    // quota += floor2(2 × 99.99) = 199.98
    expect(state.wallets.C!.quota).toBe('199.98');
    // price 60 / 38.85 = 1.544401… ≥ 1.428571…
    expect(dec(outcome.priceAfter).toFixed(6)).toBe('1.544402');
    expect(outcome.poolDelta).toEqual({ fund: '30.00', circulating: '17.85' });
  });

  it('ignores the second level when referralLevels is 1', () => {
    const p1: Params = { ...P, referralLevels: 1, referralL1Rate: '0.1', commissionL1Rate: '0.05' };
    const s1 = run([order('o1', 'B', '100.00', '30.00')], p1).state;
    const { state } = apply(s1, order('o2', 'C', '100.00', '30.00', { referrers: { l1: 'B', l2: 'A' } }), p1);
    // L1: 3 × 21/30 = 2.1 points; cash 100 × 0.05 = 5.00; A gets nothing
    expect(state.wallets.B!.equity).toBe('23.1');
    expect(state.wallets.B!.cash).toBe('5.00');
    expect(state.wallets.A).toBeUndefined();
  });

  it('cuts the grant at the supply cap, buyer first, and the price still rises', () => {
    const capP: Params = { ...P, referralL1Rate: '0.1', supplyCap: '25' };
    const s1 = run([order('o1', 'B', '100.00', '30.00')], capP).state;
    const { state, outcome } = apply(s1, order('o2', 'C', '100.00', '30.00', { referrers: { l1: 'B' } }), capP);
    // buyer would get 14.7, only 25 − 21 = 4 left; the referrer's 2.1 is cut to 0
    expect(outcome.pointsGranted).toBe('4');
    expect(state.wallets.B!.equity).toBe('21');
    expect(state.pool.issued).toBe('25');
    // price 60 / 25 = 2.4
    expect(price(state.pool)).toBe('2.4');
    // a further order grants nothing but still pays in: 90 / 25 = 3.6
    const { state: s3, outcome: o3 } = apply(state, order('o3', 'D', '100.00', '30.00'), capP);
    expect(o3.pointsGranted).toBe('0');
    expect(price(s3.pool)).toBe('3.6');
    expect(s3.wallets.D!.quota).toBe('200.00');
  });
});

describe('sell', () => {
  // B 21 points, C 14.7; fund 60, circulating 35.7, price 60/35.7 = 1.680672…
  const two = () => run([order('o1', 'B', '100.00', '30.00'), order('o2', 'C', '100.00', '30.00')]).state;

  it('pays floor2(gross × 0.9); the fee stays in the pool', () => {
    const s = two();
    const quote = quoteSell(s.pool, P, '10');
    const { state, outcome } = apply(s, { kind: 'sell', user: 'B', points: '10' }, P);
    // gross = 10 × 60/35.7 = 16.806722…; × 0.9 = 15.126050… → payout 15.12
    expect(dec(outcome.gross!).toFixed(6)).toBe('16.806723');
    expect(outcome.payout).toBe('15.12');
    // fee = 16.8067 − 15.12 = 1.6867 → 1.69 shown
    expect(outcome.fee).toBe('1.69');
    // fund = 60 − 15.12 = 44.88 (the 1.69 fee is still in it); circulating 35.7 − 10 = 25.7
    expect(state.pool.fund).toBe('44.88');
    expect(state.pool.circulating).toBe('25.7');
    expect(state.pool.burned).toBe('10');
    expect(state.pool.payouts).toBe('15.12');
    expect(state.wallets.B!.equity).toBe('11');
    expect(state.wallets.B!.cash).toBe('15.12');
    // price 44.88 / 25.7 = 1.746303…
    expect(dec(price(state.pool)).toFixed(6)).toBe('1.746304');
    // the preview is the event
    expect(quote).toEqual({
      points: '10',
      gross: outcome.gross,
      fee: outcome.fee,
      payout: outcome.payout,
      priceBefore: outcome.priceBefore,
      priceAfter: outcome.priceAfter,
    });
    expect(quote.priceAfter).toBe(price(state.pool));
  });

  it('selling every circulating point keeps the last price', () => {
    const half: Params = { ...P, rewardRatio: '0.5' };
    // V = 15 at price 1 → 15 points; price 30/15 = 2
    const s = run([order('o1', 'B', '100.00', '30.00')], half).state;
    const quote = quoteSell(s.pool, half, '15');
    const { state, outcome } = apply(s, { kind: 'sell', user: 'B', points: '15' }, half);
    // gross 30, payout 27.00, fund 3.00 left, nothing circulates
    expect(outcome.payout).toBe('27.00');
    expect(state.pool.fund).toBe('3.00');
    expect(state.pool.circulating).toBe('0');
    expect(price(state.pool)).toBe('2');
    expect(quote.priceAfter).toBe('2');
    // the next order is priced at 2: V = 15 → 7.5 points; fund 33, price 33/7.5 = 4.4
    const next = apply(state, order('o2', 'D', '100.00', '30.00'), half);
    expect(next.outcome.pointsGranted).toBe('7.5');
    expect(price(next.state.pool)).toBe('4.4');
  });

  it('refuses more than the seller holds', () => {
    expect(refusal(two(), { kind: 'sell', user: 'C', points: '14.700001' })).toBe('insufficient_points');
  });
});

describe('redeem (hold, redeem, unhold)', () => {
  it('holds the cost, then burns held points with the fund unchanged', () => {
    const s = oneOrder();
    // cost = ceil6(10 / (30/21)) = 10 × 21/30 = 7
    expect(redemptionCost(s.pool, '10.00')).toBe('7');
    const held = apply(s, { kind: 'hold', user: 'B', points: '7', orderId: 'r1' }, P).state;
    expect(held.wallets.B!.equity).toBe('14');
    expect(held.wallets.B!.equityHeld).toBe('7');
    expect(held.pool).toEqual(s.pool); // holding moves nothing in the pool
    const { state } = apply(held, { kind: 'redeem', user: 'B', points: '7', orderId: 'r1' }, P);
    expect(state.wallets.B!.equityHeld).toBe('0');
    // circulating 21 − 7 = 14, burned 7, fund still 30 → price 30/14 = 2.142857…
    expect(state.pool.circulating).toBe('14');
    expect(state.pool.burned).toBe('7');
    expect(state.pool.fund).toBe('30.00');
    expect(dec(price(state.pool)).toFixed(6)).toBe('2.142857');
  });

  it('unhold returns held points', () => {
    const s = run([
      order('o1', 'B', '100.00', '30.00'),
      { kind: 'hold', user: 'B', points: '5', orderId: 'r1' },
      { kind: 'unhold', user: 'B', points: '5', orderId: 'r1' },
    ]).state;
    expect(s.wallets.B!.equity).toBe('21');
    expect(s.wallets.B!.equityHeld).toBe('0');
  });

  it('rounds the cost up', () => {
    // B 21, C 14.7, B sells 10 → fund 44.88, circulating 25.7 (see sell above)
    const s = run([
      order('o1', 'B', '100.00', '30.00'),
      order('o2', 'C', '100.00', '30.00'),
      { kind: 'sell', user: 'B', points: '10' },
    ]).state;
    // 1 × 25.7 / 44.88 = 0.5726381… → ceil6 0.572639
    expect(redemptionCost(s.pool, '1.00')).toBe('0.572639');
  });

  it('refuses redeeming more than held', () => {
    const s = run([order('o1', 'B', '100.00', '30.00'), { kind: 'hold', user: 'B', points: '5', orderId: 'r1' }]).state;
    expect(refusal(s, { kind: 'redeem', user: 'B', points: '5.000001', orderId: 'r1' })).toBe('insufficient_held');
    expect(refusal(s, { kind: 'unhold', user: 'B', points: '6', orderId: 'r1' })).toBe('insufficient_held');
  });
});

describe('convert and convert back', () => {
  it('credits floor2(q × price) and moves q into the treasury; back gives floor6(c / price)', () => {
    const s = oneOrder();
    // 7 × 30/21 = 10.00
    const a = apply(s, { kind: 'convert', user: 'B', points: '7' }, P);
    expect(a.outcome.constant).toBe('10.00');
    expect(a.state.wallets.B!.constant).toBe('10.00');
    expect(a.state.wallets.B!.equity).toBe('14');
    expect(a.state.pool.treasury).toBe('7');
    expect(a.state.pool.circulating).toBe('21'); // not burned
    // 1 × 30/21 = 1.428571… → 1.42
    const b = apply(a.state, { kind: 'convert', user: 'B', points: '1' }, P);
    expect(b.state.wallets.B!.constant).toBe('11.42');
    expect(b.state.pool.treasury).toBe('8');
    expect(b.outcome.priceAfter).toBe(b.outcome.priceBefore);
    // back 10.00: 10 × 21/30 = 7 points out of the treasury
    const c = apply(b.state, { kind: 'convert_back', user: 'B', amount: '10.00' }, P);
    expect(c.outcome.points).toBe('7');
    expect(c.state.pool.treasury).toBe('1');
    expect(c.state.wallets.B!.equity).toBe('20');
    expect(c.state.wallets.B!.constant).toBe('1.42');
    // back 1.42: 1.42 × 0.7 = 0.994 ≤ treasury 1
    const d = apply(c.state, { kind: 'convert_back', user: 'B', amount: '1.42' }, P);
    expect(d.outcome.points).toBe('0.994');
    expect(d.state.pool.treasury).toBe('0.006');
  });

  it('refuses convert_back when the treasury holds too little', () => {
    // B converts 7 (treasury 7, constant 10); D has 20 constant from a refunded order
    const s = run([
      order('o1', 'B', '100.00', '30.00'),
      { kind: 'convert', user: 'B', points: '7' },
      { kind: 'refund_spend', user: 'D', tender: 'constant', amount: '20.00', orderId: 'x' },
    ]).state;
    // 10.01 × 0.7 = 7.007 > 7
    expect(refusal(s, { kind: 'convert_back', user: 'D', amount: '10.01' })).toBe('insufficient_treasury');
    expect(refusal(s, { kind: 'convert_back', user: 'B', amount: '10.01' })).toBe('insufficient_constant');
    expect(refusal(s, { kind: 'convert', user: 'B', points: '14.000001' })).toBe('insufficient_points');
  });
});

describe('funded grant and locked release', () => {
  it('pays ceil2(q × price) into the fund so the price does not fall', () => {
    const s = oneOrder();
    // 7 × 30/21 = 10.00 exactly: fund 40, circulating 28, price 40/28 = 30/21 unchanged
    const a = apply(s, { kind: 'grant', user: 'E', points: '7', locked: false, reason: 'ops' }, P);
    expect(a.outcome.funding).toBe('10.00');
    expect(a.state.pool.fund).toBe('40.00');
    expect(a.state.pool.grantFunding).toBe('10.00');
    expect(a.state.wallets.E!.equity).toBe('7');
    expect(a.outcome.priceAfter).toBe(a.outcome.priceBefore);
    // 1 × 1.428571… → ceil2 1.43; price 41.43 / 29 = 1.428620… > 1.428571…
    const b = apply(a.state, { kind: 'grant', user: 'E', points: '1', locked: false, reason: 'ops' }, P);
    expect(b.outcome.funding).toBe('1.43');
    expect(dec(price(b.state.pool)).toFixed(6)).toBe('1.428621');
  });

  it('a locked grant releases lockedReleaseRate × lockedGranted per step, capped at what is locked', () => {
    const p: Params = { ...P, lockedReleaseRate: '0.3' };
    const s = run([order('o1', 'B', '100.00', '30.00')], p).state;
    // 50 × 30/21 = 71.428571… → 71.43 paid in
    const g = apply(s, { kind: 'grant', user: 'L', points: '50', locked: true, reason: 'legacy' }, p);
    expect(g.outcome.funding).toBe('71.43');
    expect(g.state.wallets.L).toMatchObject({ equity: '0', equityLocked: '50', lockedGranted: '50' });
    let st = g.state;
    // 0.3 × 50 = 15 per release: 15, 15, 15, then the last 5
    for (const [equity, locked] of [
      ['15', '35'],
      ['30', '20'],
      ['45', '5'],
      ['50', '0'],
    ]) {
      st = apply(st, { kind: 'release_locked', user: 'L' }, p).state;
      expect(st.wallets.L).toMatchObject({ equity, equityLocked: locked, lockedGranted: '50' });
    }
    expect(refusal(st, { kind: 'release_locked', user: 'L' }, p)).toBe('nothing_to_release');
  });

  it('the default 1 % releases 0.5 of 50; an explicit amount is capped at what is locked', () => {
    const g = run([
      order('o1', 'B', '100.00', '30.00'),
      { kind: 'grant', user: 'L', points: '50', locked: true, reason: 'legacy' },
      { kind: 'release_locked', user: 'L' },
    ]);
    expect(g.state.wallets.L).toMatchObject({ equity: '0.5', equityLocked: '49.5' });
    const all = apply(g.state, { kind: 'release_locked', user: 'L', points: '100' }, P);
    expect(all.state.wallets.L).toMatchObject({ equity: '50', equityLocked: '0' });
  });

  it('refuses a grant beyond the supply cap', () => {
    const s = run([order('o1', 'B', '100.00', '30.00')], { ...P, supplyCap: '25' }).state;
    expect(
      refusal(
        s,
        { kind: 'grant', user: 'E', points: '4.000001', locked: false, reason: 'ops' },
        { ...P, supplyCap: '25' },
      ),
    ).toBe('supply_cap_reached');
    expect(
      apply(s, { kind: 'grant', user: 'E', points: '4', locked: false, reason: 'ops' }, { ...P, supplyCap: '25' }).state
        .pool.issued,
    ).toBe('25');
  });
});

describe('wallet events', () => {
  it('spend and refund_spend of constant and store credit', () => {
    const s = run([
      order('o1', 'B', '100.00', '30.00'),
      { kind: 'convert', user: 'B', points: '7' }, // constant 10.00
      { kind: 'credit_store', user: 'B', amount: '50.00', reason: 'legacy' },
      { kind: 'spend', user: 'B', tender: 'constant', amount: '4.00', orderId: 's1' },
      { kind: 'spend', user: 'B', tender: 'storeCredit', amount: '20.00', orderId: 's2' },
    ]).state;
    // 10 − 4 = 6; 50 − 20 = 30
    expect(s.wallets.B).toMatchObject({ constant: '6.00', storeCredit: '30.00' });
    expect(refusal(s, { kind: 'spend', user: 'B', tender: 'constant', amount: '6.01', orderId: 's3' })).toBe(
      'insufficient_constant',
    );
    expect(refusal(s, { kind: 'spend', user: 'B', tender: 'storeCredit', amount: '30.01', orderId: 's3' })).toBe(
      'insufficient_store_credit',
    );
    const r = run([{ kind: 'refund_spend', user: 'B', tender: 'constant', amount: '4.00', orderId: 's1' }], P, s).state;
    expect(r.wallets.B!.constant).toBe('10.00');
    expect(r.pool).toEqual(s.pool);
  });

  it('dividend is capped by quota − dividendsPaid; quota_reset zeroes both', () => {
    const s = oneOrder(); // quota 200.00
    const a = apply(s, { kind: 'dividend', user: 'B', amount: '150.00', date: '2026-01-01' }, P).state;
    expect(a.wallets.B).toMatchObject({ cash: '150.00', dividendsPaid: '150.00', quota: '200.00' });
    // 200 − 150 = 50 left
    expect(refusal(a, { kind: 'dividend', user: 'B', amount: '50.01', date: '2026-01-02' })).toBe('insufficient_quota');
    const b = apply(a, { kind: 'dividend', user: 'B', amount: '50.00', date: '2026-01-02' }, P).state;
    expect(b.wallets.B).toMatchObject({ cash: '200.00', dividendsPaid: '200.00' });
    const c = apply(b, { kind: 'quota_reset', user: 'B' }, P).state;
    expect(c.wallets.B).toMatchObject({ quota: '0.00', dividendsPaid: '0.00', cash: '200.00' });
    expect(refusal(c, { kind: 'dividend', user: 'B', amount: '0.01', date: '2026-01-03' })).toBe('insufficient_quota');
  });

  it('withdraw request, approve, reject move cash through pending', () => {
    const s = run([
      order('o1', 'B', '100.00', '30.00'),
      { kind: 'dividend', user: 'B', amount: '200.00', date: 'd' },
    ]).state;
    const a = apply(s, { kind: 'withdraw_request', user: 'B', amount: '120.00', withdrawalId: 'w1' }, P).state;
    expect(a.wallets.B).toMatchObject({ cash: '80.00', cashPending: '120.00', withdrawn: '0.00' });
    const b = apply(a, { kind: 'withdraw_approve', user: 'B', amount: '100.00', withdrawalId: 'w1' }, P).state;
    expect(b.wallets.B).toMatchObject({ cash: '80.00', cashPending: '20.00', withdrawn: '100.00' });
    const c = apply(b, { kind: 'withdraw_reject', user: 'B', amount: '20.00', withdrawalId: 'w1' }, P).state;
    expect(c.wallets.B).toMatchObject({ cash: '100.00', cashPending: '0.00', withdrawn: '100.00' });
    expect(refusal(c, { kind: 'withdraw_request', user: 'B', amount: '100.01', withdrawalId: 'w2' })).toBe(
      'insufficient_cash',
    );
    expect(refusal(c, { kind: 'withdraw_approve', user: 'B', amount: '0.01', withdrawalId: 'w2' })).toBe(
      'insufficient_pending',
    );
  });
});

describe('exit (settlement 8b) as the backend drives it', () => {
  it('sells all equity once equity × price reaches quota − dividendsPaid, then resets the quota', () => {
    const half: Params = { ...P, rewardRatio: '0.5', quotaMultiplier: '0.1' };
    // B: 15 points at 1 → price 30/15 = 2; quota 0.1 × 100 = 10.00. C: 15 × 15/30 = 7.5 points, price 60/22.5 = 2.666…
    const s = run([order('o1', 'B', '100.00', '30.00'), order('o2', 'C', '100.00', '30.00')], half).state;
    expect(s.wallets.B).toMatchObject({ equity: '15', quota: '10.00' });
    // 15 × 2.666… = 40 ≥ 10 − 0 → exit
    expect(shouldExit(s.wallets.B!, s.pool)).toBe(true);
    const sold = apply(s, { kind: 'sell', user: 'B', points: s.wallets.B!.equity, reason: 'exit' }, half);
    // gross 15 × 60/22.5 = 40; payout 40 × 0.9 = 36.00; the ledger says why
    expect(sold.outcome.payout).toBe('36.00');
    expect(sold.outcome.changes).toContainEqual({ user: 'B', field: 'equity', delta: '-15', why: 'exit' });
    const reset = apply(sold.state, { kind: 'quota_reset', user: 'B' }, half).state;
    expect(reset.wallets.B).toMatchObject({ equity: '0', cash: '36.00', quota: '0.00', dividendsPaid: '0.00' });
    expect(shouldExit(reset.wallets.B!, reset.pool)).toBe(false);
  });
});

describe('reads', () => {
  it('dividendFor: pro rata, floor2, capped', () => {
    // 100 × 10/30 = 33.333… → 33.33
    expect(dividendFor('100.00', '30', '10', '50.00')).toBe('33.33');
    expect(dividendFor('100.00', '30', '10', '20.00')).toBe('20.00');
    expect(dividendFor('100.00', '0', '0', '20.00')).toBe('0.00');
    expect(dividendFor('100.00', '30', '10', '0.00')).toBe('0.00');
  });

  it('shouldExit when equity × price reaches quota − dividendsPaid, never with quota 0', () => {
    // price 2: fund 30, circulating 15
    const pool = { ...emptyState().pool, fund: '30.00', circulating: '15', issued: '15' };
    const w = { ...emptyWallet(), equity: '10', quota: '100.00', dividendsPaid: '80.00' };
    // 10 × 2 = 20 ≥ 100 − 80
    expect(shouldExit(w, pool)).toBe(true);
    // 9.999999 × 2 = 19.999998 < 20
    expect(shouldExit({ ...w, equity: '9.999999' }, pool)).toBe(false);
    expect(shouldExit({ ...w, quota: '0.00', dividendsPaid: '0.00' }, pool)).toBe(false);
  });

  it('levelFor by the highest minEquity reached', () => {
    expect(levelFor(P, '0')).toBe('普通会员');
    expect(levelFor(P, '99.999999')).toBe('普通会员');
    expect(levelFor(P, '100')).toBe('银卡会员');
    expect(levelFor(P, '9999')).toBe('金卡会员');
    expect(levelFor(P, '10000')).toBe('钻石会员');
  });

  it('valueOf: floor2(q × price)', () => {
    const s = oneOrder();
    // 1 × 30/21 = 1.428… → 1.42; 21 × 30/21 = 30.00
    expect(valueOf(s.pool, '1')).toBe('1.42');
    expect(valueOf(s.pool, '21')).toBe('30.00');
    // while nothing circulates: issuePrice 1
    expect(valueOf(emptyState().pool, '2.555')).toBe('2.55');
  });

  it('fmtMoney', () => {
    expect(fmtMoney('97.77')).toBe('¥97.77');
    expect(fmtMoney('1234567.5')).toBe('¥1,234,567.50');
    expect(fmtMoney('0')).toBe('¥0.00');
    expect(fmtMoney('-5.5')).toBe('-¥5.50');
  });
});

describe('release_locked of a tiny grant', () => {
  it('releases at least 0.000001 a day when lockedGranted × rate rounds to 0', () => {
    // lockedGranted 0.00005 × 0.01 = 0.0000005 → floor6 = 0, so the step is 0.000001.
    const { apply: ap, defaultParams: dp, emptyState: es } = require('../src') as typeof import('../src');
    let s = ap(es(), { kind: 'grant', user: 'u', points: '0.00005', locked: true, reason: 'legacy' }, dp).state;
    s = ap(s, { kind: 'release_locked', user: 'u' }, dp).state;
    expect(s.wallets.u!.equity).toBe('0.000001');
    expect(s.wallets.u!.equityLocked).toBe('0.000049');
  });
});

describe('quota_reset with the amounts an exit was decided on', () => {
  it('keeps quota earned after the decision', () => {
    const { apply: ap, defaultParams: dp, emptyState: es } = require('../src') as typeof import('../src');
    // Order 1: ¥100 → quota 200. Decision seen quota 200, paid 0. Order 2 then adds 2 × 50 = 100.
    let s = ap(
      es(),
      {
        kind: 'order_completed',
        orderId: 'o1',
        buyer: 'u',
        amount: '100.00',
        contribution: '30.00',
        dividendContribution: '0',
      },
      dp,
    ).state;
    s = ap(
      s,
      {
        kind: 'order_completed',
        orderId: 'o2',
        buyer: 'u',
        amount: '50.00',
        contribution: '15.00',
        dividendContribution: '0',
      },
      dp,
    ).state;
    expect(s.wallets.u!.quota).toBe('300.00');
    s = ap(s, { kind: 'quota_reset', user: 'u', quota: '200.00', dividendsPaid: '0.00' }, dp).state;
    expect(s.wallets.u!.quota).toBe('100.00');
    s = ap(s, { kind: 'quota_reset', user: 'u' }, dp).state;
    expect(s.wallets.u!.quota).toBe('0.00');
  });
});

describe('orderPoints', () => {
  it('previews exactly what the completion grants, including the supply cap', () => {
    const {
      apply: ap,
      defaultParams: dp,
      emptyState: es,
      orderPoints: op,
    } = require('../src') as typeof import('../src');
    // Before the first order: 30 × 0.7 / 1 = 21. After it: 21 × 21 / 30 = 14.7.
    let s = es();
    expect(op(s.pool, dp, '30.00')).toBe('21');
    s = ap(
      s,
      {
        kind: 'order_completed',
        orderId: 'o1',
        buyer: 'a',
        amount: '100.00',
        contribution: '30.00',
        dividendContribution: '0',
      },
      dp,
    ).state;
    expect(op(s.pool, dp, '30.00')).toBe('14.7');
    const granted = ap(
      s,
      {
        kind: 'order_completed',
        orderId: 'o2',
        buyer: 'b',
        amount: '100.00',
        contribution: '30.00',
        dividendContribution: '0',
      },
      dp,
    ).outcome.pointsGranted;
    expect(op(s.pool, dp, '30.00')).toBe(granted);
    // Cap 25: 21 issued, 4 left, so the preview is cut to 4 as the grant would be.
    expect(op(s.pool, { ...dp, supplyCap: '25' }, '30.00')).toBe('4');
  });
});
