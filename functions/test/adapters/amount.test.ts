import fc from 'fast-check';
import { fenToYuan, yuanToFen } from '../../src/adapters/wechat/amount';

describe('yuan <-> fen exactly', () => {
  test.each([
    ['0.01', 1],
    ['0.1', 10],
    ['0.10', 10],
    ['1', 100],
    ['97.77', 9777],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floats
    ['1.15', 115], // 1.15 * 100 is 114.99999999999999 in floats
    ['90071992547409.91', 9007199254740991],
  ])('%s yuan is %d fen', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });

  test.each(['1.234', '0', '0.00', '-1', '1e2', '01', ' 1', '1.', '.5', '', 'abc', '90071992547409.92'])(
    'refuses "%s"',
    (s) => {
      expect(() => yuanToFen(s)).toThrow(expect.objectContaining({ code: 'invalid_amount' }));
    },
  );

  test.each([
    [1, '0.01'],
    [9777, '97.77'],
    [100, '1.00'],
    [0, '0.00'],
  ])('%d fen is %s yuan', (fen, yuan) => {
    expect(fenToYuan(fen)).toBe(yuan);
  });

  test('fenToYuan refuses fractions and negatives', () => {
    expect(() => fenToYuan(1.5)).toThrow();
    expect(() => fenToYuan(-1)).toThrow();
  });

  test('round trip for any positive fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (fen) => yuanToFen(fenToYuan(fen)) === fen),
    );
  });
});
