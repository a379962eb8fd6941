// The money helpers other packages use instead of decimal.js: 34 digits, named roundings,
// canonical strings, sums and the quota left.
import {
  ceil2,
  ceil6,
  dec,
  decOrZero,
  floor2,
  floor6,
  fmtPercent,
  maxDec,
  minDec,
  quotaLeft,
  roundHalfUp,
  sum,
  sumMoney,
  sumPoints,
  toMoney,
  toPoints,
  truncate,
  wideDec,
} from '../src';

describe('money helpers', () => {
  it('dec keeps 34 significant digits (decimal.js alone keeps 20)', () => {
    expect(dec(1).div(3).toFixed()).toBe('0.' + '3'.repeat(34));
    expect(dec('123456789012345678.123456').plus('0.000001').toFixed()).toBe('123456789012345678.123457');
  });

  it('rounds by name, in the direction the name says', () => {
    expect(floor2('1.239').toFixed()).toBe('1.23');
    expect(ceil2('1.231').toFixed()).toBe('1.24');
    expect(floor6('0.1234569').toFixed()).toBe('0.123456');
    expect(ceil6('0.1234561').toFixed()).toBe('0.123457');
    expect(floor2('-1.231').toFixed()).toBe('-1.24');
    expect(truncate('-1.239', 2).toFixed()).toBe('-1.23');
    expect(roundHalfUp('2.345', 2).toFixed()).toBe('2.35');
  });

  it('writes canonical money and points strings', () => {
    expect(toMoney('97.779')).toBe('97.77');
    expect(toMoney('5')).toBe('5.00');
    expect(toMoney(undefined)).toBe('0.00');
    expect(toPoints('14.7000009')).toBe('14.7');
    expect(toPoints('')).toBe('0');
  });

  it('sums amounts exactly, missing ones as 0', () => {
    expect(sum(['0.1', '0.2', undefined, '']).toFixed()).toBe('0.3');
    expect(sumMoney(['10.05', '0.10', dec('0.01')])).toBe('10.16');
    expect(sumPoints(['21', '14.7', '12.495', '11.2455'])).toBe('59.4405');
    expect(sumMoney([])).toBe('0.00');
    expect(decOrZero(null).isZero()).toBe(true);
  });

  it('gives the quota left, never below 0', () => {
    expect(quotaLeft({ quota: '200.00', dividendsPaid: '12.34' })).toBe('187.66');
    expect(quotaLeft({ quota: '10.00', dividendsPaid: '12.00' })).toBe('0.00');
  });

  it('min, max and percentages', () => {
    expect(minDec('1.5', '1.49').toFixed()).toBe('1.49');
    expect(maxDec('1.5', '1.49').toFixed()).toBe('1.5');
    expect(fmtPercent('0.1')).toBe('10%');
    expect(fmtPercent('0.123456')).toBe('12.35%');
  });

  it('wideDec multiplies a 34-digit price by a balance exactly, where dec rounds', () => {
    const price = '1.428571428571428571428571428571429'; // 30/21 at 34 digits
    expect(wideDec(price).times(7).toFixed()).toBe('10.000000000000000000000000000000003');
    expect(dec(price).times(7).toFixed()).toBe('10');
  });
});
