import { heldShare, keptTotals, linesTotal } from '../src';

const line = (qty: number, returnedQty = 0) => ({
  productId: 'p',
  qty,
  price: '59.90',
  poolContribution: '15.00',
  dividendContribution: '0.50',
  returnedQty,
});

describe('after-sale helpers', () => {
  it('the kept part of an order counts only the units not returned', () => {
    expect(keptTotals([line(3, 1)])).toEqual({ amount: '119.80', contribution: '30.00', dividendContribution: '1.00' });
    expect(keptTotals([line(2, 2)])).toEqual({ amount: '0.00', contribution: '0.00', dividendContribution: '0.00' });
    expect(linesTotal([{ ...line(5), take: 2 }]).amount).toBe('119.80');
    expect(() => linesTotal([{ ...line(1), take: 0.5 }])).toThrow(/whole number/);
  });

  it('held points go back in share, rounded down, and all of them with the last part', () => {
    // 10 points held for ¥59.80: a refund of ¥29.90 gives back floor6(10 × 29.90 / 59.80) = 5
    expect(heldShare('10', '29.90', '59.80')).toBe('5');
    // 1 point for ¥3.00, a third: floor6(0.3333333…) = 0.333333 (the pool keeps the rest)
    expect(heldShare('1', '1.00', '3.00')).toBe('0.333333');
    expect(heldShare('0.666667', '2.00', '2.00')).toBe('0.666667');
    expect(() => heldShare('1', '5.00', '3.00')).toThrow(/above what is left/);
  });
});
