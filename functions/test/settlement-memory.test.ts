// Settlement on the in-memory stores (test/doubles/memory-settlement.ts): fast checks of the domain logic
// beside the DynamoDB Local tests (test/integration/programme/settlement*.test.ts), which stay the
// proof. Every amount below is worked out by hand in the comments.
import { emptyWallet, type Wallet } from '@greenpoints/shared';
import type { Deps } from '../src/domain/deps';
import type { CommonState } from './doubles/memory-common';
import type { SettlementState } from './doubles/memory-settlement';
import { memoryDeps, memoryState } from './doubles/world';
import { settleDay, settlementHooks, settlementTuning, CHUNK } from '../src/domain/programme/settlement';
import { addDays } from '../src/domain/calendar';

const D = '2031-03-10';
let common: CommonState;
let st: SettlementState;
let deps: Deps;

function world() {
  const all = memoryState();
  common = all;
  st = all.settlement;
  deps = memoryDeps(all);
}
const holder = (u: string, w: Partial<Wallet>) =>
  common.wallets.set(u, { wallet: { ...emptyWallet(), ...w }, version: 1 });
const fund = (date: string, eventId: string, amount: string) =>
  st.fund.set(`${date}|${eventId}`, { date, eventId, amount, at: `${date}T04:00:00.000Z` });
const wallet = (u: string) => common.wallets.get(u)!.wallet;
const dividendEntries = (u: string) =>
  [...common.ledger.values()].filter((e) => e.userId === u && e.kind === 'dividend');
const settleOn = (date: string) => {
  settlementHooks.now = () => Date.parse(`${addDays(date, 1)}T12:00:00+08:00`);
  return settleDay(deps, date);
};

beforeEach(() => {
  world();
  Object.assign(settlementTuning, { chunk: 1, window: 2, parallel: 2 }); // many chunks and windows from few users
  settlementHooks.afterChunkPaid = undefined;
});
afterAll(() => {
  Object.assign(settlementTuning, { chunk: CHUNK, window: 16, parallel: 4 });
  settlementHooks.now = undefined;
});

it('pays a day pro rata to the weights, floor2, capped at the quota left, and carries the rest', async () => {
  holder('u_a', { equity: '10', quota: '100.00' }); // weight 10
  holder('u_b', { equity: '20', equityLocked: '5', quota: '200.00' }); // weight 25 (locked counts)
  holder('u_c', { equity: '15', quota: '40.00', dividendsPaid: '25.00' }); // weight 15, 15.00 left
  holder('u_d', { quota: '10.00' }); // weight 0: takes part, paid nothing
  holder('u_e', { equity: '50' }); // quota 0: not a participant
  fund(D, 'e1', '60.00');
  fund(D, 'e2', '40.01');
  fund(addDays(D, 1), 'e3', '7.00'); // the next day's: not in this fund

  const r = await settleOn(D);
  // Fund 100.01 over weights 10 + 25 + 15 + 0 = 50: a 20.002 -> 20.00, b 50.005 -> 50.00,
  // c 30.003 capped at 15.00; paid 85.00, carried 15.01.
  expect(r).toMatchObject({
    status: 'done',
    fromDate: D,
    days: 1,
    contributions: '100.01',
    carryIn: '0.00',
    dayFund: '100.01',
    participants: 4,
    totalWeight: '50',
    paid: '85.00',
    payees: 3,
    carried: '15.01',
  });
  expect(['u_a', 'u_b', 'u_c', 'u_d', 'u_e'].map((u) => wallet(u).cash)).toEqual([
    '20.00',
    '50.00',
    '15.00',
    '0.00',
    '0.00',
  ]);
  expect(wallet('u_c').dividendsPaid).toBe('40.00'); // the quota is used up
  // Two ledger entries per payee (cash and dividendsPaid), of the dividend's amount (signed deltas).
  expect(
    dividendEntries('u_b')
      .map((e) => [e.field, e.delta, e.eventId])
      .sort(),
  ).toEqual([
    ['cash', '+50', `div_${D}_u_b`],
    ['dividendsPaid', '+50', `div_${D}_u_b`],
  ]);
  expect(dividendEntries('u_d')).toEqual([]);
  expect(st.carry).toMatchObject({ lastDate: D, amount: '15.01' });

  // The next day: its 7.00 + the carried 15.01 = 22.01 over the same weights: a 4.402 -> 4.40,
  // b 11.005 -> 11.00, c has nothing left; paid 15.40, carried 6.61.
  const next = await settleOn(addDays(D, 1));
  expect(next).toMatchObject({ contributions: '7.00', carryIn: '15.01', dayFund: '22.01', paid: '15.40', payees: 2 });
  expect(next.carried).toBe('6.61');
  expect([wallet('u_a').cash, wallet('u_b').cash, wallet('u_c').cash]).toEqual(['24.40', '61.00', '15.00']);

  // Done days answer their report and pay nothing more.
  expect(await settleOn(D)).toMatchObject({ paid: '85.00', carried: '15.01' });
  expect(wallet('u_a').cash).toBe('24.40');
});

it('a crash between a chunk payment and its ledger resumes without paying anyone twice', async () => {
  Object.assign(settlementTuning, { chunk: 1, window: 3, parallel: 3 });
  holder('u_1', { equity: '1', quota: '100.00' });
  holder('u_2', { equity: '2', quota: '100.00' });
  holder('u_3', { equity: '3', quota: '100.00' });
  fund(D, 'e1', '6.00'); // 6.00 over weights 1 + 2 + 3: 1.00, 2.00, 3.00
  let crashes = 0;
  settlementHooks.afterChunkPaid = (k) => {
    if (k === 1 && crashes++ === 0) throw new Error('injected crash after chunk 1 was paid');
  };
  await expect(settleOn(D)).rejects.toThrow(/injected crash/);
  // The window did not move, but chunk 1 is paid (wallet credited) with no ledger entries yet.
  expect(st.days.get(D)).toMatchObject({ status: 'paying', payCursor: 0, paid: '0.00' });
  expect(wallet('u_2').cash).toBe('2.00');
  expect(dividendEntries('u_2')).toEqual([]);
  // Meanwhile u_2's wallet moves (an order completes): the recorded payment still stands.
  const w2 = common.wallets.get('u_2')!;
  common.wallets.set('u_2', { wallet: { ...w2.wallet, quota: '150.00' }, version: w2.version + 1 });

  const [r1, r2] = await Promise.all([settleOn(D), settleOn(D)]);
  for (const r of [r1, r2]) expect(r).toMatchObject({ status: 'done', participants: 3, paid: '6.00', payees: 3 });
  expect(r1.carried).toBe('0.00');
  expect([wallet('u_1').cash, wallet('u_2').cash, wallet('u_3').cash]).toEqual(['1.00', '2.00', '3.00']);
  expect([wallet('u_1').dividendsPaid, wallet('u_2').dividendsPaid, wallet('u_3').dividendsPaid]).toEqual([
    '1.00',
    '2.00',
    '3.00',
  ]);
  expect(wallet('u_2').quota).toBe('150.00');
  for (const u of ['u_1', 'u_2', 'u_3']) expect(dividendEntries(u)).toHaveLength(2);
});

it('a first settlement 400 days after the first contribution folds the days older than 366 into one sum', async () => {
  holder('u_a', { equity: '4', quota: '800.00' });
  // 5.00 on D−400 and 6.00 on D−370 (older than the 366 days D−365..D); 7.00 on D−365 and 8.00 on D.
  fund(addDays(D, -400), 'e1', '5.00');
  fund(addDays(D, -370), 'e2', '6.00');
  fund(addDays(D, -365), 'e3', '7.00');
  fund(D, 'e4', '8.00');
  const r = await settleOn(D);
  expect(r).toMatchObject({
    fromDate: addDays(D, -400),
    days: 401,
    folded: { from: addDays(D, -400), through: addDays(D, -366), amount: '11.00' },
    contributions: '26.00', // 11.00 folded + 7.00 + 8.00
    dayFund: '26.00',
    paid: '26.00', // the only holder takes it all (800.00 of quota left)
    carried: '0.00',
  });
  expect(JSON.parse(st.days.get(D)!.days)).toEqual({ [addDays(D, -365)]: '7.00', [D]: '8.00' });
});
