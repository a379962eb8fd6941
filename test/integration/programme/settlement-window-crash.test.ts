// Paying in parallel windows (domain/programme/settlement.ts): a crash after some chunks of a window were
// paid (wallets credited, payment recorded) but before their ledger entries and before the day
// moved past the window. The resumed runs (two at once) find each chunk's recorded payment and
// pay nobody twice; the ledger holds exactly one dividend per payee.
import { dec, floor2, ZERO, type Dec } from '@greenpoints/shared';
import { buy, fn, login, ok, reconcileClean, settlementWorld, staff, wallet } from './world';
import { log } from '../../../functions/src/log';
import { partitions, skPrefixes } from '../../../functions/src/repo/keys';

let day = '';
const users: string[] = [];

beforeAll(async () => {
  ({ day } = await settlementWorld('wcrash'));
  const s = await fn.settlement();
  Object.assign(s.settlementTuning, { chunk: 1, window: 5, parallel: 5 }); // 5 participants: 5 chunks, one window
  for (let i = 1; i <= 5; i++) {
    const u = await login(`wcrash-${i}`);
    await buy(u, 'div-100');
    users.push(u);
  }
});

afterAll(async () => {
  (await fn.settlement()).settlementHooks.afterChunkPaid = undefined;
});

it('a crash inside a window of parallel chunk payments resumes without paying anyone twice', async () => {
  const s = await fn.settlement();
  const weights = new Map<string, Dec>();
  for (const u of users) {
    const w = await wallet(u);
    weights.set(u, dec(w.equity).plus(w.equityLocked));
  }
  const total = [...weights.values()].reduce((x, y) => x.plus(y), ZERO);
  const quiet = jest.spyOn(log, 'error').mockImplementation(() => undefined);
  let crashes = 0;
  s.settlementHooks.afterChunkPaid = (k) => {
    if (k === 2 && crashes++ === 0) throw new Error('injected crash after chunk 2 was paid');
  };
  const first = await staff('settle-day', { date: day });
  expect(first.ok).toBe(false);
  expect(first.error.message).toMatch(/injected crash/);
  const rep = await ok('settlement-report', { date: day });
  expect(rep).toMatchObject({ status: 'paying', progress: 'paying: chunk 0 of 5', paid: '0.00' });
  // Chunk 2 (the third lowest userId) is credited, its ledger entry not written yet.
  const third = [...users].sort()[2]!;
  expect((await wallet(third)).dividendsPaid).not.toBe('0.00');
  const { queryAll } = await fn.ddb();
  const dividends = async (u: string) =>
    (await queryAll({ pk: partitions.user(u), skPrefix: skPrefixes.ledger })).filter((e) => e.kind === 'dividend');
  expect(await dividends(third)).toEqual([]);

  quiet.mockRestore();
  const [r1, r2] = await Promise.all([ok('settle-day', { date: day }), ok('settle-day', { date: day })]);
  for (const r of [r1, r2]) expect(r).toMatchObject({ status: 'done', participants: 5, dayFund: '50.00', payees: 5 });
  let paid = ZERO;
  for (const u of users) {
    const want = floor2(dec(50).times(weights.get(u)!).div(total));
    const w = await wallet(u);
    expect(w.dividendsPaid).toBe(want.toFixed(2));
    expect(w.cash).toBe(want.toFixed(2));
    expect(await dividends(u)).toHaveLength(2); // cash and dividendsPaid, once
    paid = paid.plus(want);
  }
  expect(r1.paid).toBe(paid.toFixed(2));
  expect(await reconcileClean()).toEqual([]);
});
