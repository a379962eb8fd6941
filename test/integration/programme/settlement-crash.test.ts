// Crash and resume: a settlement killed after a committed chunk (snapshot or payment) resumes
// from its cursor; every participant is paid exactly once, whatever the interruptions, even
// with two runs racing to finish it.
import { dec, floor2, ZERO, type Dec } from '@greenpoints/shared';
import { buy, fn, login, ok, reconcileClean, settlementWorld, staff, wallet } from './world';
import { addDays } from '../../../functions/src/domain/calendar';
import { partitions, skPrefixes } from '../../../functions/src/repo/keys';
import { log } from '../../../functions/src/log';

let day = '';
const users: string[] = [];

beforeAll(async () => {
  ({ day } = await settlementWorld('crash'));
  const s = await fn.settlement();
  s.settlementTuning.chunk = 2; // 7 participants -> 4 chunks
  s.settlementTuning.window = 1; // one chunk a step, so a crash after step 1 leaves chunks 2 and 3 unpaid
  for (let i = 1; i <= 7; i++) {
    const u = await login(`crash-${i}`);
    await buy(u, 'div-100');
    users.push(u);
  }
});

afterAll(async () => {
  const s = await fn.settlement();
  s.settlementHooks.afterStep = undefined;
});

it('resumes after crashes in the snapshot and in the payments, paying each holder once', async () => {
  const s = await fn.settlement();
  const quiet = jest.spyOn(log, 'error').mockImplementation(() => undefined); // the injected crashes are logged
  // Weights held at the start, read straight from the wallets.
  const weights = new Map<string, Dec>();
  for (const u of users) {
    const w = await wallet(u);
    weights.set(u, dec(w.equity).plus(w.equityLocked));
  }
  const total = [...weights.values()].reduce((x, y) => x.plus(y), ZERO);

  s.settlementHooks.afterStep = (status, step) => {
    if (status === 'snapshot' && step === 1) throw new Error('injected crash in the snapshot');
  };
  const first = await staff('settle-day', { date: day });
  expect(first.ok).toBe(false);
  expect(first.error.message).toMatch(/injected crash/);
  let rep = await ok('settlement-report', { date: day });
  expect(rep.status).toBe('snapshot');

  s.settlementHooks.afterStep = (status, step) => {
    if (status === 'paying' && step === 1) throw new Error('injected crash in the payments');
  };
  const second = await staff('settle-day', { date: day });
  expect(second.ok).toBe(false);
  rep = await ok('settlement-report', { date: day });
  expect(rep.status).toBe('paying');
  expect(rep.progress).toBe('paying: chunk 2 of 4');
  // Chunks 0 and 1 (the four lowest userIds) are paid, the others not yet.
  const sorted = [...users].sort();
  const paidSoFar = await Promise.all(sorted.map(async (u) => (await wallet(u)).dividendsPaid));
  expect(paidSoFar.slice(0, 4).every((p) => p !== '0.00')).toBe(true);
  expect(paidSoFar.slice(4)).toEqual(['0.00', '0.00', '0.00']);

  s.settlementHooks.afterStep = undefined;
  quiet.mockRestore();
  const [r1, r2] = await Promise.all([ok('settle-day', { date: day }), ok('settle-day', { date: day })]);
  for (const r of [r1, r2]) expect(r).toMatchObject({ status: 'done', participants: 7, dayFund: '70.00', payees: 7 });

  let paid = ZERO;
  for (const u of users) {
    const want = floor2(dec(70).times(weights.get(u)!).div(total));
    const w = await wallet(u);
    expect(w.dividendsPaid).toBe(want.toFixed(2));
    expect(w.cash).toBe(want.toFixed(2));
    paid = paid.plus(want);
  }
  expect(r1.paid).toBe(paid.toFixed(2));
  expect(r1.carried).toBe(dec(70).minus(paid).toFixed(2));
  // One dividend per user in the ledger (two entries: cash and dividendsPaid).
  const { queryAll } = await fn.ddb();
  for (const u of users) {
    const entries = (await queryAll({ pk: partitions.user(u), skPrefix: skPrefixes.ledger })).filter(
      (e) => e.kind === 'dividend',
    );
    expect(entries.length).toBe(2);
  }
  expect(await reconcileClean()).toEqual([]);
});

it("carries the remainder into the next day with that day's own contributions", async () => {
  const s = await fn.settlement();
  const before = await ok('settlement-report', { date: day });
  // Nothing completed on the next day: its fund is exactly the carry.
  s.settlementHooks.now = () => Date.parse(`${addDays(day, 2)}T12:00:00+08:00`);
  const next = await ok('settle-day', {});
  expect(next.date).toBe(addDays(day, 1));
  expect(next.carryIn).toBe(before.carried);
  expect(next.contributions).toBe('0.00');
  expect(next.dayFund).toBe(before.carried);
});
