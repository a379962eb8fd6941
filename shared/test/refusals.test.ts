// Bad amounts, impossible moves and bad parameters are refused by name and change nothing.
import {
  apply,
  defaultParams,
  emptyState,
  mergeParams,
  parseMoney,
  parsePoints,
  replay,
  RuleError,
  validateParams,
  type EngineState,
  type LedgerEvent,
  type Params,
} from '../src';

const P: Params = defaultParams;

/** Runs a refused event against a deep-frozen state; returns the code and proves nothing changed. */
function refuse(state: EngineState, e: LedgerEvent, params: Params = P): string {
  const before = JSON.stringify(state);
  let caught: unknown;
  try {
    apply(state, e, params);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(RuleError);
  expect(JSON.stringify(state)).toBe(before);
  return (caught as RuleError).code;
}

function freeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    Object.values(o).forEach(freeze);
  }
  return o;
}

// B: 21 − 5 held − 7 converted = 9 equity, 5 held, constant 10.00, cash 50 (dividend), quota 200.
const refP: Params = { ...P, referralLevels: 2, referralL1Rate: '0.1', referralL2Rate: '0.05' };
const rich = (): EngineState =>
  freeze(
    replay(
      [
        {
          kind: 'order_completed',
          orderId: 'o1',
          buyer: 'B',
          amount: '100.00',
          contribution: '30.00',
          dividendContribution: '0',
        },
        { kind: 'hold', user: 'B', points: '5', orderId: 'r1' },
        { kind: 'convert', user: 'B', points: '7' },
        { kind: 'dividend', user: 'B', amount: '50.00', date: 'd1' },
      ],
      refP,
    ),
  );

// Each is a bad decimal string for money and points alike (plus two that only money refuses).
const BAD: unknown[] = [
  '-1',
  '-0.01',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e3',
  ' 1',
  '1 ',
  '',
  '.5',
  '5.',
  '01',
  '0x10',
  '1,000',
  '１',
  12,
  0.5,
  null,
  undefined,
  {},
  ['1'],
];
const BAD_POINTS = [...BAD, '1.1234567'];
const BAD_MONEY = [...BAD, '1.234', '0.001'];

describe('bad amounts are refused with invalid_amount and no state change', () => {
  const s = rich();
  const pointEvents: Array<(v: string) => LedgerEvent> = [
    (v) => ({ kind: 'sell', user: 'B', points: v }),
    (v) => ({ kind: 'convert', user: 'B', points: v }),
    (v) => ({ kind: 'hold', user: 'B', points: v, orderId: 'r2' }),
    (v) => ({ kind: 'unhold', user: 'B', points: v, orderId: 'r1' }),
    (v) => ({ kind: 'redeem', user: 'B', points: v, orderId: 'r1' }),
    (v) => ({ kind: 'grant', user: 'B', points: v, locked: false, reason: 'ops' }),
    (v) => ({ kind: 'grant', user: 'B', points: v, locked: true, reason: 'legacy' }),
  ];
  const moneyEvents: Array<(v: string) => LedgerEvent> = [
    (v) => ({
      kind: 'order_completed',
      orderId: 'o9',
      buyer: 'C',
      amount: v,
      contribution: '30.00',
      dividendContribution: '0',
    }),
    (v) => ({
      kind: 'order_completed',
      orderId: 'o9',
      buyer: 'C',
      amount: '100.00',
      contribution: v,
      dividendContribution: '0',
    }),
    (v) => ({
      kind: 'order_completed',
      orderId: 'o9',
      buyer: 'C',
      amount: '100.00',
      contribution: '30.00',
      dividendContribution: v,
    }),
    (v) => ({ kind: 'convert_back', user: 'B', amount: v }),
    (v) => ({ kind: 'spend', user: 'B', tender: 'constant', amount: v, orderId: 's1' }),
    (v) => ({ kind: 'refund_spend', user: 'B', tender: 'constant', amount: v, orderId: 's1' }),
    (v) => ({ kind: 'credit_store', user: 'B', amount: v, reason: 'legacy' }),
    (v) => ({ kind: 'dividend', user: 'B', amount: v, date: 'd2' }),
    (v) => ({ kind: 'withdraw_request', user: 'B', amount: v, withdrawalId: 'w1' }),
    (v) => ({ kind: 'withdraw_approve', user: 'B', amount: v, withdrawalId: 'w1' }),
    (v) => ({ kind: 'withdraw_reject', user: 'B', amount: v, withdrawalId: 'w1' }),
  ];

  it.each(BAD_POINTS.map((v) => [JSON.stringify(v) ?? 'undefined', v]))('points %s', (_label, v) => {
    for (const make of pointEvents)
      expect([make(v as string).kind, refuse(s, make(v as string), refP)]).toEqual([
        make(v as string).kind,
        'invalid_amount',
      ]);
    expect(() => parsePoints(v as string, 'points')).toThrow(RuleError);
  });

  it.each(BAD_MONEY.map((v) => [JSON.stringify(v) ?? 'undefined', v]))('money %s', (_label, v) => {
    // A missing (undefined/null) dividendContribution is read as 0 (orders without dividends); every other bad value is refused.
    const events =
      v === undefined || v === null
        ? moneyEvents.filter(
            (m) =>
              m('x').kind !== 'order_completed' ||
              (m('x') as { dividendContribution: string }).dividendContribution !== 'x',
          )
        : moneyEvents;
    for (const make of events)
      expect([make(v as string), refuse(s, make(v as string), refP)]).toEqual([make(v as string), 'invalid_amount']);
    expect(() => parseMoney(v as string, 'amount')).toThrow(RuleError);
  });

  it('zero is refused where an amount must be positive, but an order may contribute 0', () => {
    for (const make of pointEvents) expect(refuse(s, make('0'), refP)).toBe('invalid_amount');
    for (const make of moneyEvents.slice(3)) expect(refuse(s, make('0.00'), refP)).toBe('invalid_amount');
    const ok = apply(
      s,
      {
        kind: 'order_completed',
        orderId: 'o9',
        buyer: 'C',
        amount: '100.00',
        contribution: '0.00',
        dividendContribution: '0',
      },
      refP,
    );
    expect(ok.outcome.pointsGranted).toBe('0');
    expect(ok.state.pool.fund).toBe(s.pool.fund);
  });

  it('the error names the field', () => {
    try {
      parseMoney('1.234', 'itemPrice');
      throw new Error('not refused');
    } catch (e) {
      expect((e as RuleError).code).toBe('invalid_amount');
      expect((e as RuleError).message).toContain('itemPrice');
    }
  });

  it('accepts the canonical forms it should', () => {
    expect(parsePoints('1.123456', 'p')).toBe('1.123456');
    expect(parsePoints('0.000001', 'p')).toBe('0.000001');
    expect(parseMoney('12.5', 'm')).toBe('12.50');
    expect(parseMoney('0', 'm')).toBe('0.00');
  });
});

describe('impossible moves are refused by name', () => {
  const s = rich();
  const cases: Array<[string, LedgerEvent, string, Params?]> = [
    [
      'grant beyond the cap',
      { kind: 'grant', user: 'E', points: '4.000001', locked: false, reason: 'ops' },
      'supply_cap_reached',
      { ...refP, supplyCap: '25' },
    ],
    [
      'locked grant beyond the cap',
      { kind: 'grant', user: 'E', points: '100000000', locked: true, reason: 'ops' },
      'supply_cap_reached',
    ],
    ['sell beyond equity (9)', { kind: 'sell', user: 'B', points: '9.000001' }, 'insufficient_points'],
    ['sell of held points', { kind: 'sell', user: 'B', points: '14' }, 'insufficient_points'],
    ['sell by a stranger', { kind: 'sell', user: 'Z', points: '1' }, 'insufficient_points'],
    ['convert beyond equity', { kind: 'convert', user: 'B', points: '9.000001' }, 'insufficient_points'],
    ['hold beyond equity', { kind: 'hold', user: 'B', points: '9.000001', orderId: 'r2' }, 'insufficient_points'],
    ['redeem beyond held (5)', { kind: 'redeem', user: 'B', points: '5.000001', orderId: 'r1' }, 'insufficient_held'],
    ['unhold beyond held', { kind: 'unhold', user: 'B', points: '5.000001', orderId: 'r1' }, 'insufficient_held'],
    [
      'convert_back beyond constant (10.00)',
      { kind: 'convert_back', user: 'B', amount: '10.01' },
      'insufficient_constant',
    ],
    [
      'spend beyond constant',
      { kind: 'spend', user: 'B', tender: 'constant', amount: '10.01', orderId: 's1' },
      'insufficient_constant',
    ],
    [
      'spend without store credit',
      { kind: 'spend', user: 'B', tender: 'storeCredit', amount: '0.01', orderId: 's1' },
      'insufficient_store_credit',
    ],
    [
      'withdraw beyond cash (50.00)',
      { kind: 'withdraw_request', user: 'B', amount: '50.01', withdrawalId: 'w1' },
      'insufficient_cash',
    ],
    [
      'approve with nothing pending',
      { kind: 'withdraw_approve', user: 'B', amount: '0.01', withdrawalId: 'w1' },
      'insufficient_pending',
    ],
    [
      'reject with nothing pending',
      { kind: 'withdraw_reject', user: 'B', amount: '0.01', withdrawalId: 'w1' },
      'insufficient_pending',
    ],
    [
      'dividend beyond quota left (200 − 50)',
      { kind: 'dividend', user: 'B', amount: '150.01', date: 'd2' },
      'insufficient_quota',
    ],
    ['dividend without quota', { kind: 'dividend', user: 'Z', amount: '0.01', date: 'd2' }, 'insufficient_quota'],
    ['release with nothing locked', { kind: 'release_locked', user: 'B' }, 'nothing_to_release'],
    [
      'self-referral L1',
      {
        kind: 'order_completed',
        orderId: 'o9',
        buyer: 'C',
        amount: '100.00',
        contribution: '30.00',
        dividendContribution: '0',
        referrers: { l1: 'C' },
      },
      'invalid_referrer',
    ],
    [
      'self-referral L2',
      {
        kind: 'order_completed',
        orderId: 'o9',
        buyer: 'C',
        amount: '100.00',
        contribution: '30.00',
        dividendContribution: '0',
        referrers: { l1: 'B', l2: 'C' },
      },
      'invalid_referrer',
    ],
    [
      'L1 = L2',
      {
        kind: 'order_completed',
        orderId: 'o9',
        buyer: 'C',
        amount: '100.00',
        contribution: '30.00',
        dividendContribution: '0',
        referrers: { l1: 'B', l2: 'B' },
      },
      'invalid_referrer',
    ],
    ['sell worth less than a fen', { kind: 'sell', user: 'B', points: '0.000001' }, 'amount_too_small'],
    ['convert worth less than a fen', { kind: 'convert', user: 'B', points: '0.000001' }, 'amount_too_small'],
    ['unknown event', { kind: 'mint_free_money', user: 'B' } as unknown as LedgerEvent, 'unknown_event'],
  ];
  // Every row has all four columns: jest would take a missing one for a done callback.
  it.each(cases.map(([n, e, c, p]) => [n, e, c, p ?? refP] as const))('%s', (_name, e, code, params) => {
    expect(refuse(s, e, params)).toBe(code);
  });

  it('convert_back beyond the treasury', () => {
    // D holds 20.00 constant from a refunded order, the treasury only 7 points (worth 10.00)
    const t = freeze(
      apply(s, { kind: 'refund_spend', user: 'D', tender: 'constant', amount: '20.00', orderId: 'x' }, refP).state,
    );
    expect(refuse(t, { kind: 'convert_back', user: 'D', amount: '10.01' }, refP)).toBe('insufficient_treasury');
    expect(refuse(freeze(emptyState()), { kind: 'convert_back', user: 'D', amount: '1.00' }, refP)).toBe(
      'insufficient_constant',
    );
  });

  it('the boundaries themselves are accepted', () => {
    expect(apply(s, { kind: 'sell', user: 'B', points: '9' }, refP).state.wallets.B!.equity).toBe('0');
    expect(
      apply(s, { kind: 'withdraw_request', user: 'B', amount: '50.00', withdrawalId: 'w1' }, refP).state.wallets.B!
        .cash,
    ).toBe('0.00');
    expect(
      apply(s, { kind: 'dividend', user: 'B', amount: '150.00', date: 'd2' }, refP).state.wallets.B!.dividendsPaid,
    ).toBe('200.00');
    expect(apply(s, { kind: 'convert_back', user: 'B', amount: '10.00' }, refP).state.pool.treasury).toBe('0');
  });
});

describe('parameters', () => {
  /** validateParams must refuse with invalid_params and a message naming `field`. */
  function badParams(change: Record<string, unknown>, field: string): void {
    let caught: unknown;
    try {
      validateParams({ ...defaultParams, ...change });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RuleError);
    expect((caught as RuleError).code).toBe('invalid_params');
    expect((caught as RuleError).message).toContain(field);
  }

  it('accepts the defaults and the boundary rewardRatio + L1 + L2 = 1', () => {
    expect(validateParams(defaultParams)).toEqual(defaultParams);
    expect(() =>
      validateParams({ ...defaultParams, referralLevels: 2, referralL1Rate: '0.2', referralL2Rate: '0.1' }),
    ).not.toThrow();
  });

  it.each([
    [{ sellFeeRate: '1' }, 'sellFeeRate'],
    [{ sellFeeRate: '1.5' }, 'sellFeeRate'],
    [{ sellFeeRate: '-0.1' }, 'sellFeeRate'],
    [{ sellFeeRate: 0.1 }, 'sellFeeRate'],
    [{ referralL1Rate: '1' }, 'referralL1Rate'],
    [{ commissionL1Rate: '1' }, 'commissionL1Rate'],
    [{ agentRate: '-0.01' }, 'agentRate'],
    [{ agentRate: 'NaN' }, 'agentRate'],
    [{ rewardRatio: '1.01' }, 'rewardRatio'],
    [{ rewardRatio: '0' }, 'rewardRatio'],
    [{ issuePrice: '0' }, 'issuePrice'],
    [{ issuePrice: '1.001' }, 'issuePrice'],
    [{ supplyCap: '0' }, 'supplyCap'],
    [{ supplyCap: '1e8' }, 'supplyCap'],
    [{ lockedReleaseRate: '0' }, 'lockedReleaseRate'],
    [{ referralLevels: 1, referralL1Rate: '0.31' }, 'rewardRatio + referralL1Rate'],
    [
      { referralLevels: 2, referralL1Rate: '0.2', referralL2Rate: '0.11' },
      'rewardRatio + referralL1Rate + referralL2Rate',
    ],
    [{ referralLevels: 1, referralL2Rate: '0.05' }, 'referralL2Rate'],
    [{ referralLevels: 0, referralL2Rate: '0.05' }, 'referralL2Rate'],
    [{ referralLevels: 3 }, 'referralLevels'],
    [{ referralLevels: -1 }, 'referralLevels'],
    [{ referralLevels: '2' }, 'referralLevels'],
    [{ bonusRate: '0.5' }, 'bonusRate'],
    [
      {
        levels: [
          { name: 'a', minEquity: '0' },
          { name: 'b', minEquity: '100' },
          { name: 'c', minEquity: '100' },
        ],
      },
      'levels',
    ],
    [
      {
        levels: [
          { name: 'a', minEquity: '0' },
          { name: 'b', minEquity: '100' },
          { name: 'c', minEquity: '50' },
        ],
      },
      'levels',
    ],
    [{ levels: [{ name: 'a', minEquity: '10' }] }, 'level'],
    [{ levels: [] }, 'levels'],
    [{ afterSaleDays: 6 }, 'afterSaleDays'],
    [{ autoConfirmDays: 0 }, 'autoConfirmDays'],
    [{ exitEnabled: 'yes' }, 'exitEnabled'],
  ])('refuses %j naming %s', (change, field) => badParams(change, field));

  it('reads a set stored before the after-sale window; set-config refuses the retired key', () => {
    const { afterSaleDays: _a, autoConfirmDays: _b, ...old } = defaultParams;
    const read = validateParams({ ...old, autoCompleteDays: 5 });
    expect(read.afterSaleDays).toBe(7);
    expect(read.autoConfirmDays).toBe(10);
    expect('autoCompleteDays' in read).toBe(false);
    expect(() => mergeParams(defaultParams, { autoCompleteDays: 5 })).toThrow(/autoCompleteDays is retired/);
    expect(mergeParams(defaultParams, { afterSaleDays: 15 }).afterSaleDays).toBe(15);
  });

  it('refuses a missing field by name', () => {
    const { sellFeeRate: _drop, ...rest } = defaultParams;
    expect(() => validateParams(rest)).toThrow(/sellFeeRate/);
  });

  it('mergeParams validates the result as a whole', () => {
    const two = validateParams({ ...defaultParams, referralLevels: 2, referralL1Rate: '0.1', referralL2Rate: '0.1' });
    // lowering the levels leaves an L2 rate that no longer applies
    expect(() => mergeParams(two, { referralLevels: 1 })).toThrow(RuleError);
    expect(() => mergeParams(two, null)).toThrow(RuleError);
    expect(mergeParams(two, { sellFeeRate: '0.2' }).sellFeeRate).toBe('0.2');
  });
});
