// Skipped days (issue 12, docs/rules.md I7): a settlement takes in every dividend contribution not yet
// settled. The first one starts at the first contribution, a later one the day after the last
// settled day; reconcile names a day whose contributions no settlement accounts for.
import { buy, fn, login, ok, reconcileClean, settlementWorld, staff, wallet } from './world';
import { addDays, businessDate } from '../../../functions/src/domain/calendar';
import { itemKey, keys, partitions } from '../../../functions/src/repo/keys';

const noon = (d: string) => Date.parse(`${d}T12:00:00+08:00`);
let d0 = '';
let a = '';
let b = '';
let c = '';

async function completeOn(date: string, user: string, qty = 1) {
  (await import('../../../functions/src/domain/wallet/applier')).applierHooks.now = () => noon(date);
  return buy(user, 'div-100', qty);
}
async function settleOn(date: string) {
  (await fn.settlement()).settlementHooks.now = () => noon(addDays(date, 1));
  return ok('settle-day', { date });
}

beforeAll(async () => {
  await settlementWorld('gaps');
  d0 = addDays(businessDate(Date.now()), -40);
  a = await login('gap-a');
  b = await login('gap-b');
  c = await login('gap-c');
});

afterAll(async () => {
  (await import('../../../functions/src/domain/wallet/applier')).applierHooks.now = undefined;
});

it('the first settlement, eight days after the first contributions, takes them all in', async () => {
  // Day d0: A and B (10 + 10 to the dividend fund); day d0+2: C with 2 items (20). Points as in
  // settlement.test.ts: 21, 14.7, 24.99 (fund 120, circulating 60.69).
  expect((await completeOn(d0, a)).pointsGranted).toBe('21');
  expect((await completeOn(d0, b)).pointsGranted).toBe('14.7');
  expect((await completeOn(addDays(d0, 2), c, 2)).pointsGranted).toBe('24.99');
  const r = await settleOn(addDays(d0, 8));
  expect(r).toMatchObject({
    fromDate: d0,
    days: 9,
    contributions: '40.00',
    carryIn: '0.00',
    dayFund: '40.00',
    totalWeight: '60.69',
    // 40 × 21/60.69 = 13.8408…, 40 × 14.7/60.69 = 9.6886…, 40 × 24.99/60.69 = 16.4706…
    paid: '39.99',
    carried: '0.01',
  });
  expect(r.folded).toBeUndefined();
  expect([(await wallet(a)).cash, (await wallet(b)).cash, (await wallet(c)).cash]).toEqual(['13.84', '9.68', '16.47']);
  expect(await reconcileClean()).toEqual([]);
});

it('after a gap of four days the next settlement takes in every day since the last one', async () => {
  // A buys again on d0+10 and d0+12: q = floor6(21 × 60.69 / 120) = 10.62075 (fund 150,
  // circulating 71.31075), then floor6(21 × 71.31075 / 150) = 9.983505 (circulating 81.294255).
  expect((await completeOn(addDays(d0, 10), a)).pointsGranted).toBe('10.62075');
  expect((await completeOn(addDays(d0, 12), a)).pointsGranted).toBe('9.983505');
  const r = await settleOn(addDays(d0, 13));
  // Fund 20.00 + the carried 0.01 over weights A 41.604255, B 14.7, C 24.99 (Σ 81.294255):
  // 20.01 × 41.604255 / 81.294255 = 10.2405…, × 14.7 / … = 3.6182…, × 24.99 / … = 6.1511…
  expect(r).toMatchObject({
    fromDate: addDays(d0, 9),
    days: 5,
    contributions: '20.00',
    carryIn: '0.01',
    dayFund: '20.01',
    totalWeight: '81.294255',
    paid: '20.00',
    carried: '0.01',
  });
  expect([(await wallet(a)).cash, (await wallet(b)).cash, (await wallet(c)).cash]).toEqual(['24.08', '13.29', '22.62']);
  expect(await reconcileClean()).toEqual([]);
});

it('reconcile names a settled day whose contributions changed and a day no settlement took in', async () => {
  const { putItem, getItem, queryAll, transact } = await fn.ddb();
  const settled = addDays(d0, 2);
  const entries = (await Promise.all(partitions.divFund(settled).map((pk) => queryAll({ pk })))).flat();
  expect(entries).toHaveLength(1);
  const entry = entries[0]!;
  await putItem({ ...entry, amount: '25.00' }); // C's 20.00 tampered after it was paid out
  const early = addDays(d0, -3); // a contribution dated before the first settled day
  const forged = { ...keys.divFund(early, 'forged'), type: 'divfund', eventId: 'forged', date: early };
  await putItem({ ...forged, amount: '5.00', at: `${early}T04:00:00.000Z` });
  const problems = await reconcileClean();
  expect(problems).toEqual(
    expect.arrayContaining([
      `I7 contributions of ${settled}: settlement ${addDays(d0, 8)} took 20.00, the entries hold 25.00`,
      `I7 settlement ${addDays(d0, 8)} starts at ${d0}, not ${early}`,
      `I7 contributions of ${early} (5.00) are in no settlement`,
      // 45 + 20 held in the entries; paid 39.99 + 20.00, carry 0.01, nothing unsettled.
      'I7 Σ dividend contributions 70.00 ≠ paid 59.99 + carry 0.01 + not yet settled 0.00',
    ]),
  );
  await putItem(entry);
  await transact([{ op: 'delete', key: keys.divFund(early, 'forged') }]);
  expect(await reconcileClean()).toEqual([]);
  expect(await getItem(itemKey(entry))).toMatchObject({ amount: '20.00' });
});

it('contributions after the last settled day are waiting, not lost, and a bad date changes nothing', async () => {
  await completeOn(addDays(d0, 15), b);
  expect(await reconcileClean()).toEqual([]); // I7: 70 = 59.99 + 0.01 + 10.00 not yet settled
  expect((await staff('settle-day', { date: addDays(d0, 12) })).error.code).toBe('out_of_order');
  const r = await settleOn(addDays(d0, 20));
  expect(r).toMatchObject({ fromDate: addDays(d0, 14), days: 7, contributions: '10.00', carryIn: '0.01' });
  expect(await reconcileClean()).toEqual([]);
});

it('a contribution that reaches a settled day after it was read is taken in by the next settlement', async () => {
  // Dated d0+20 (a completion just before midnight) but written after d0+20 was settled.
  await completeOn(addDays(d0, 20), c);
  expect(await reconcileClean()).toEqual([]); // waiting for the next settlement, not lost
  const r = await settleOn(addDays(d0, 22));
  expect(r).toMatchObject({ fromDate: addDays(d0, 21), days: 2, late: { [addDays(d0, 20)]: '10.00' } });
  expect(r.contributions).toBe('10.00');
  expect(await reconcileClean()).toEqual([]);
});
