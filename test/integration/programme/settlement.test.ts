// Daily settlement on DynamoDB Local, hand-checked (docs/rules.md event 8):
// dividends pro rata to equity held, floor2, capped at the quota left, remainder carried; exits
// in ascending userId at the price of the moment; exactly once however often it is run.
import { buy, fn, login, ok, reconcileClean, settlementWorld, staff, wallet } from './world';
import { addDays } from '../../../functions/src/domain/calendar';
import { keys } from '../../../functions/src/repo/keys';

let day = '';

beforeAll(async () => {
  // The settlement runs "tomorrow" for the orders completed today.
  ({ day } = await settlementWorld('settle'));
});

describe('settle-day', () => {
  let a = '';
  let b = '';
  let c = '';

  it('pays 40.00 over weights 21 / 14.7 / 24.99: 13.84 + 9.68 + 16.47, carries 0.01', async () => {
    a = await login('settle-a');
    b = await login('settle-b');
    c = await login('settle-c');
    // Empty pool: A gets 21 (30 × 0.7 at 1.0000); B 21 × 21/30 = 14.7; C (2 items, C = 60,
    // V = 42) 42 × 35.7/60 = 24.99. Fund 120, circulating 60.69, dividend fund 10 + 10 + 20.
    expect((await buy(a, 'div-100')).pointsGranted).toBe('21');
    expect((await buy(b, 'div-100')).pointsGranted).toBe('14.7');
    expect((await buy(c, 'div-100', 2)).pointsGranted).toBe('24.99');
    expect((await wallet(c)).quota).toBe('400.00');

    const r = await ok('settle-day', { date: day });
    expect(r).toMatchObject({
      date: day,
      status: 'done',
      contributions: '40.00',
      carryIn: '0.00',
      dayFund: '40.00',
      participants: 3,
      totalWeight: '60.69',
      paid: '39.99',
      payees: 3,
      carried: '0.01',
      exits: 0,
    });
    // 40 × 21/60.69 = 13.8408…, 40 × 14.7/60.69 = 9.6886…, 40 × 24.99/60.69 = 16.4706…
    expect((await wallet(a)).cash).toBe('13.84');
    expect((await wallet(b)).cash).toBe('9.68');
    expect((await wallet(c)).cash).toBe('16.47');
    expect((await wallet(a)).dividendsPaid).toBe('13.84');
    expect(await reconcileClean()).toEqual([]);
  });

  it('a second run answers the stored report and pays nothing more', async () => {
    const before = [await wallet(a), await wallet(b), await wallet(c)];
    const again = await Promise.all([ok('settle-day', { date: day }), ok('settle-day', { date: day })]);
    for (const r of again) expect(r).toMatchObject({ status: 'done', paid: '39.99', carried: '0.01' });
    expect([await wallet(a), await wallet(b), await wallet(c)]).toEqual(before);
  });

  it('refuses a day not over yet, a day before the last settled one, and a bad date', async () => {
    const today = await staff('settle-day', { date: addDays(day, 1) });
    expect(today.error.code).toBe('day_not_over');
    const earlier = await staff('settle-day', { date: addDays(day, -1) });
    expect(earlier.error.code).toBe('out_of_order');
    const bad = await staff('settle-day', { date: '2026-02-30' });
    expect(bad.ok).toBe(false);
  });

  it('the report is readable without running anything, and the call is audited', async () => {
    const rep = await ok('settlement-report', { date: day });
    expect(rep).toMatchObject({ status: 'done', paid: '39.99', carried: '0.01', payees: 3 });
    const log = await ok('audit-log', { fn: 'settle-day', limit: 10 });
    expect(log.entries.length).toBeGreaterThanOrEqual(3);
    expect(log.entries[0]).toMatchObject({ fn: 'settle-day', actor: 'staff-prog' });
    expect(log.entries.some((e: any) => e.ok === false && e.error === 'day_not_over')).toBe(true);
  });
});

describe('reconcile checks the programme', () => {
  it('names a dividend fund entry without a completion and a settlement whose ledger disagrees', async () => {
    const { putItem, getItem, transact } = await fn.ddb();
    await putItem({
      ...keys.divFund(day, 'forged'),
      type: 'divfund',
      eventId: 'forged',
      date: day,
      amount: '5.00',
      at: new Date().toISOString(),
    });
    const key = keys.settlement(day);
    const s = (await getItem(key))!;
    await putItem({ ...s, paid: '40.00' });
    const problems = await reconcileClean();
    expect(problems).toEqual(
      expect.arrayContaining([
        'dividend fund entry forged has no applied completion',
        `settlement ${day} reports paid 40.00, its dividend ledger sums to 39.99`,
      ]),
    );
    await transact([{ op: 'delete', key: keys.divFund(day, 'forged') }]);
    await putItem(s);
    expect(await reconcileClean()).toEqual([]);
  });
});
