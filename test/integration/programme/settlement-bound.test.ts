// The bound on days read one by one (MAX_GAP_DAYS = 366) never drops money: contributions of
// older days are folded into the settlement as one sum, shown in its report and checked by
// reconcile (I7).
import { buy, fn, login, ok, reconcileClean, settlementWorld } from './world';
import { addDays, businessDate } from '../../../functions/src/domain/calendar';
import { partitions } from '../../../functions/src/repo/keys';

const noon = (d: string) => Date.parse(`${d}T12:00:00+08:00`);
let x = ''; // the settled date
let a = '';

async function completeOn(date: string) {
  (await import('../../../functions/src/domain/wallet/applier')).applierHooks.now = () => noon(date);
  return buy(a, 'div-100');
}

beforeAll(async () => {
  await settlementWorld('bound');
  x = addDays(businessDate(Date.now()), -1);
  a = await login('bound-a');
});

afterAll(async () => {
  (await import('../../../functions/src/domain/wallet/applier')).applierHooks.now = undefined;
});

it('a first settlement 400 days after the first contribution folds the oldest 34 days into one sum', async () => {
  const { MAX_GAP_DAYS } = await fn.settlement();
  expect(MAX_GAP_DAYS).toBe(366);
  // 10.00 to the dividend fund on each of x−399 and x−370 (older than the 366 days x−365..x),
  // and on x−365 and x itself.
  for (const d of [-399, -370, -365, 0]) await completeOn(addDays(x, d));
  (await fn.settlement()).settlementHooks.now = () => noon(addDays(x, 1));
  const r = await ok('settle-day', { date: x });
  expect(r).toMatchObject({
    fromDate: addDays(x, -399),
    days: 400,
    folded: { from: addDays(x, -399), through: addDays(x, -366), amount: '20.00' },
    contributions: '40.00',
    dayFund: '40.00',
    participants: 1,
    // One holder, quota 4 × 2 × 100 = 800: the whole fund, nothing carried.
    paid: '40.00',
    carried: '0.00',
  });
  expect((await (await fn.repo()).getWallet(a)).wallet.cash).toBe('40.00');
  expect(await reconcileClean()).toEqual([]);
});

it('reconcile names the folded days when one of their contributions is tampered with', async () => {
  const { putItem, queryAll } = await fn.ddb();
  const [entry] = (await Promise.all(partitions.divFund(addDays(x, -370)).map((pk) => queryAll({ pk })))).flat();
  await putItem({ ...entry!, amount: '12.00' });
  expect(await reconcileClean()).toEqual(
    expect.arrayContaining([
      `I7 contributions of ${addDays(x, -399)}..${addDays(x, -366)} (days ${addDays(x, -399)}, ${addDays(x, -370)}): settlement ${x} folded in 20.00, the entries hold 22.00`,
    ]),
  );
  await putItem(entry!);
  expect(await reconcileClean()).toEqual([]);
});
