// An exit interrupted between its sell and its quota reset: the rerun resets the quota without
// selling again, and the report counts the exit once.
import { buy, fn, login, ok, reconcileClean, settlementWorld, staff, wallet } from './world';
import { log } from '../../../functions/src/log';

it('resumes an exit after its sell, without a second sell', async () => {
  const { day } = await settlementWorld('exitcrash', { quotaMultiplier: '0.1', exitEnabled: true });
  const s = await fn.settlement();
  const a = await login('exitcrash-a');
  const b = await login('exitcrash-b');
  await buy(a, 'div-100');
  await buy(b, 'div-100');
  const first = [a, b].sort()[0]!;

  const quiet = jest.spyOn(log, 'error').mockImplementation(() => undefined);
  s.settlementHooks.afterExitSell = (u) => {
    if (u === first) throw new Error('injected crash after the exit sell');
  };
  const crashed = await staff('settle-day', { date: day });
  expect(crashed.ok).toBe(false);
  s.settlementHooks.afterExitSell = undefined;
  quiet.mockRestore();
  // Sold, not yet reset.
  expect(await wallet(first)).toMatchObject({ equity: '0', quota: '10.00' });
  const cashAfterSell = (await wallet(first)).cash;

  const r = await ok('settle-day', { date: day });
  expect(r).toMatchObject({ status: 'done', exits: 2, exitPoints: '35.7' });
  expect(await wallet(first)).toMatchObject({ equity: '0', quota: '0.00', dividendsPaid: '0.00', cash: cashAfterSell });
  const { queryAll } = await fn.ddb();
  const sells = (await queryAll({ pk: 'POOL', skPrefix: 'EVENT#' })).filter((e) => e.kind === 'sell');
  expect(sells.length).toBe(2);
  expect(await reconcileClean()).toEqual([]);
});
