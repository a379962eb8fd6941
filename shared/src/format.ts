// Numbers for people: ¥ with thousands separators, points without float noise.
import { dec } from './decimal';

/** "¥1,234.50" from a money string. */
export function fmtMoney(x: string): string {
  const [int, frac = '00'] = dec(x).toFixed(2, 1 /* ROUND_DOWN */).split('.');
  const neg = int!.startsWith('-');
  const digits = neg ? int!.slice(1) : int!;
  return `${neg ? '-' : ''}¥${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** Points to at most `dp` decimals, rounded down, trailing zeros trimmed. */
export function fmtPoints(x: string, dp = 6): string {
  return dec(x).toDecimalPlaces(dp, 1).toFixed();
}

/** A rate as a percentage for people: "0.1" -> "10%", at most `dp` decimals. */
export function fmtPercent(rate: string, dp = 2): string {
  return `${dec(rate).times(100).toDecimalPlaces(dp, 4 /* ROUND_HALF_UP */).toString()}%`;
}
