// An order that completes between an exit's sell and its quota reset keeps the quota it earned:
// the reset removes exactly the quota the exit was decided on.
import { buy, fn, login, ok, reconcileClean, settlementWorld, wallet } from './world';
import { dec } from '@greenpoints/shared';

it('keeps quota earned by an order completed mid-exit', async () => {
  // quotaMultiplier 0.1: ¥100 earns quota 10.00, so 21 points (worth ¥30) exit at once.
  const { day } = await settlementWorld('exitrace', { quotaMultiplier: '0.1', exitEnabled: true });
  const s = await fn.settlement();
  const a = await login('exitrace-a');
  await buy(a, 'div-100');
  let boughtMidExit = false;
  s.settlementHooks.afterExitSell = async (u) => {
    if (u !== a || boughtMidExit) return;
    boughtMidExit = true;
    await buy(a, 'div-100'); // earns 10.00 more quota and fresh points after the sell
  };
  try {
    const r = await ok('settle-day', { date: day });
    expect(r).toMatchObject({ status: 'done', exits: 1 });
  } finally {
    s.settlementHooks.afterExitSell = undefined;
  }
  expect(boughtMidExit).toBe(true);
  const w = await wallet(a);
  // Dividends of the day: ¥10 to the only holder, capped at the quota left (10.00) → 10.00 paid,
  // then the exit resets quota 10.00 and dividendsPaid 10.00 seen at the decision.
  expect(w.quota).toBe('10.00');
  expect(w.dividendsPaid).toBe('0.00');
  expect(dec(w.equity).gt(0)).toBe(true); // the mid-exit order's points were not sold
  expect(await reconcileClean()).toEqual([]);
});
