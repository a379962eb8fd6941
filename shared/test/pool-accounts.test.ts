// The pool log's accounts (src/pool-accounts.ts): a day's dividend fund taken in, paid and
// carried; cash that leaves by withdrawal; and the notes the accounts refuse.
import {
  apply,
  emptyAccounts,
  emptyPool,
  emptyWallet,
  foldAccounts,
  defaultParams,
  type AccountNote,
  type LedgerEvent,
  type Outcome,
  type Wallet,
} from '../src';

/** A wallet note as the edge makes it: the engine's outcome on the stored wallet. */
function note(eventId: string, event: LedgerEvent & { user: string }, wallet: Partial<Wallet>): AccountNote {
  const w = { ...emptyWallet(), ...wallet };
  const a = apply({ pool: emptyPool(), wallets: { [event.user]: w } }, event, defaultParams);
  return { kind: 'wallet', eventId, user: event.user, event, view: wallet, outcome: a.outcome };
}

/** A completion's outcome as far as the accounts read it: its dividend fund and the buyer's quota. */
const completion = (dividendFund: string, quota: string): Outcome => ({
  kind: 'order_completed',
  priceBefore: '1',
  priceAfter: '1',
  dividendFund,
  changes: [{ user: 'b', field: 'quota', delta: `+${quota}`, why: 'quota_earned' }],
});

it('a day takes the contributions and the carry in, pays, and leaves its rest as the next carry', () => {
  const notes: AccountNote[] = [
    { kind: 'day_open', date: '2031-01-01', contributions: '30.00', carryIn: '0.00' },
    note('div_a', { kind: 'dividend', user: 'a', amount: '13.07', date: '2031-01-01' }, { quota: '200.00' }),
    note('div_b', { kind: 'dividend', user: 'b', amount: '16.92', date: '2031-01-01' }, { quota: '200.00' }),
    { kind: 'day_close', date: '2031-01-01', paid: '29.99', carryOut: '0.01' },
  ];
  const r = foldAccounts(emptyAccounts(), [completion('10.00', '200.00'), completion('20.00', '200.00')], notes);
  expect(r.refused).toEqual([undefined, undefined, undefined, undefined]);
  expect(r.after).toMatchObject({
    dividendIn: '30.00',
    dividendTaken: '30.00',
    dividendDay: '0.00',
    dividendsPaid: '29.99',
    dividendCarry: '0.01',
    cash: '29.99',
    quota: '400.00',
  });
  // The next day carries the 0.01 in; carrying anything else in is refused.
  const next = foldAccounts(
    r.after,
    [completion('5.00', '100.00')],
    [
      { kind: 'day_open', date: '2031-01-02', contributions: '5.00', carryIn: '0.02' },
      { kind: 'day_open', date: '2031-01-02', contributions: '5.00', carryIn: '0.01' },
    ],
  );
  expect(next.refused[0]).toBe('day 2031-01-02 carries in 0.02, the last day left 0.01');
  expect(next.refused[1]).toBeUndefined();
  expect(next.after).toMatchObject({ dividendDay: '5.01', dividendCarry: '0.00', dividendTaken: '35.00' });
});

it('refuses a day that takes in what no completion made, pays more than its fund, or carries out another rest', () => {
  const open: AccountNote = { kind: 'day_open', date: '2031-01-01', contributions: '10.00', carryIn: '0.00' };
  expect(foldAccounts(emptyAccounts(), [], [open]).refused[0]).toBe(
    'day 2031-01-01 takes in contributions that no logged completion made',
  );
  const r = foldAccounts(
    emptyAccounts(),
    [completion('10.00', '100.00')],
    [
      open,
      note('div_a', { kind: 'dividend', user: 'a', amount: '10.01', date: '2031-01-01' }, { quota: '100.00' }),
      { kind: 'day_close', date: '2031-01-01', paid: '0.00', carryOut: '9.00' },
    ],
  );
  expect(r.refused).toEqual([
    undefined,
    "dividend div_a pays more than the day's fund left",
    'day 2031-01-01 carries out 9.00, its fund has 10.00 left',
  ]);
  // Refused notes change nothing.
  expect(r.after).toMatchObject({ dividendDay: '10.00', dividendsPaid: '0.00', cash: '0.00' });
});

it('a withdrawal moves cash to pending, then out (withdrawn) or back; more than the log holds is refused', () => {
  const sell: Outcome = {
    kind: 'sell',
    priceBefore: '2',
    priceAfter: '2.1',
    changes: [{ user: 'a', field: 'cash', delta: '+50.00', why: 'sell_payout' }],
  };
  const w = (
    kind: 'withdraw_request' | 'withdraw_approve' | 'withdraw_reject',
    amount: string,
    view: Partial<Wallet>,
  ) => note(`w_${kind}`, { kind, user: 'a', amount, withdrawalId: 'w1' }, view);
  const r = foldAccounts(
    emptyAccounts(),
    [sell],
    [
      w('withdraw_request', '20.00', { cash: '50.00' }),
      w('withdraw_approve', '15.00', { cashPending: '20.00' }),
      w('withdraw_reject', '5.00', { cashPending: '5.00' }),
      w('withdraw_request', '60.00', { cash: '60.00' }), // the log holds 35.00 of cash
    ],
  );
  expect(r.refused).toEqual([undefined, undefined, undefined, 'Σ cash would fall below 0']);
  expect(r.after).toMatchObject({ cash: '35.00', cashPending: '0.00', withdrawn: '15.00' });
});

it('a legacy store credit and an exit’s quota reset', () => {
  const r = foldAccounts(
    emptyAccounts(),
    [completion('0.00', '10.00')],
    [
      note('c1', { kind: 'credit_store', user: 'a', amount: '88.80', reason: 'legacy' }, {}),
      note('q1', { kind: 'quota_reset', user: 'b', quota: '10.00', dividendsPaid: '0.00' }, { quota: '10.00' }),
    ],
  );
  expect(r.refused).toEqual([undefined, undefined]);
  expect(r.after).toMatchObject({ storeCreditIn: '88.80', quota: '0.00' });
});
