// The console's arithmetic and file handling, against the engine itself (no browser, no server).
import { apply, dec, defaultParams, emptyState, price, simulate, type PoolState } from '@greenpoints/shared';
import type { DailyReport, Pool } from '../src/api-types';
import { datesOf, chinaToday, sumReports } from '../src/dashboard/range';
import { knownParams, poolState, preview } from '../src/programme/preview';
import { parseShipments } from '../src/screens/ship-csv';
import { parseCsv, toCsv } from '../src/ui/csv';

/** The pool after `n` seed orders, as GET /pool shows it. */
function livePool(n: number): { pool: Pool; state: PoolState } {
  let s = emptyState();
  for (let i = 1; i <= n; i++)
    s = apply(
      s,
      {
        kind: 'order_completed',
        orderId: `o${i}`,
        buyer: `b${i}`,
        amount: '100.00',
        contribution: '30.00',
        dividendContribution: '0',
      },
      defaultParams,
    ).state;
  const p = s.pool;
  const pool: Pool = {
    ...p,
    price: price(p),
    priceDisplay: '',
    supplyCap: defaultParams.supplyCap,
    sellFeeRate: defaultParams.sellFeeRate,
    rewardRatio: defaultParams.rewardRatio,
    issuePrice: defaultParams.issuePrice,
  };
  return { pool, state: p };
}

describe('the parameter preview runs the simulator from the live pool', () => {
  const { pool, state } = livePool(100);
  const input = { orders: 3, amount: '100.00', contribution: '30.00', sellPoints: '21' };

  test('with no change both sides equal the simulator continued from the same pool', () => {
    const r = preview(poolState(pool), knownParams(pool), {}, input);
    const rows = simulate(3, '100.00', '30.00', defaultParams, { pool: state, wallets: {} });
    expect(r.before).toEqual(r.after);
    expect(r.before.firstPoints).toBe(rows[0]!.points);
    expect(r.before.fund).toBe(rows[2]!.fund);
    // The seed: the 101st buyer is priced at 5.1731…, the sell of 21 points pays 97.77.
    expect(r.before.sellPayout).toBe('97.77');
  });

  test('a lower reward ratio grants fewer points and raises the price more; a fee change moves the payout', () => {
    const r = preview(poolState(pool), knownParams(pool), { rewardRatio: '0.5', sellFeeRate: '0.2' }, input);
    expect(dec(r.after.firstPoints).lt(r.before.firstPoints)).toBe(true);
    expect(dec(r.after.price).gt(r.before.price)).toBe(true);
    expect(r.after.sellPayout).not.toBe(r.before.sellPayout);
  });

  test('a change the engine refuses is refused before it is requested', () => {
    expect(() =>
      preview(poolState(pool), knownParams(pool), { rewardRatio: '0.9', referralL1Rate: '0.2' }, input),
    ).toThrow(/at most 1/);
  });
});

test('CSV out and back: BOM, quotes, formula cells guarded', () => {
  const text = toCsv(
    [{ a: '=SUM(A1)', b: '他说"好",行' }],
    [
      { key: 'a', title: 'A' },
      { key: 'b', title: 'B' },
    ],
  );
  expect(text.startsWith('\ufeffA,B\r\n')).toBe(true);
  expect(parseCsv(text)).toEqual([
    ['A', 'B'],
    ["'=SUM(A1)", '他说"好",行'],
  ]);
});

test('a shipping CSV: header optional, bad tracking numbers named by line', () => {
  const r = parseShipments('orderId,carrier,trackingNo\no1,顺丰速运,SF123456\no2,中通,x\n');
  expect(r.list).toEqual([{ orderId: 'o1', carrier: '顺丰速运', trackingNo: 'SF123456' }]);
  expect(r.errors).toEqual(['第 2 行：需要 订单号,快递公司,运单号']);
});

test('a range of China days and its totals', () => {
  expect(datesOf('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  expect(chinaToday(Date.parse('2026-12-07T16:30:00Z'))).toBe('2026-12-08');
  const day = (sales: string, issued: string, open: string, close: string) =>
    ({
      sales,
      pointsIssued: issued,
      pointsBurned: '0',
      orders: 1,
      contributions: '0.10',
      payouts: '0.00',
      feesKept: '0.00',
      commissions: '0.00',
      dividends: '0.00',
      priceOpen: open,
      priceClose: close,
    }) as DailyReport;
  const t = sumReports([day('0.10', '0.1', '1.0000', '1.1000'), day('0.20', '0.2', '1.1000', '1.2000')]);
  expect(t).toMatchObject({
    days: 2,
    orders: 2,
    sales: '0.30',
    pointsIssued: '0.3',
    priceOpen: '1.0000',
    priceClose: '1.2000',
  });
});
