// Exact decimal arithmetic for the engine: 34 significant digits (docs/rules.md), and the
// directed roundings that keep every result in the pool's favour.
import Decimal from 'decimal.js';

const base = { precision: 34, toExpNeg: -60, toExpPos: 60 } as const;

/** The default: half-even at 34 digits (prices, which are never stored rounded). */
export const D = Decimal.clone({ ...base, rounding: Decimal.ROUND_HALF_EVEN });
/** Quotients that feed a floor (points issued, payouts, credits): never round up. */
const Down = Decimal.clone({ ...base, rounding: Decimal.ROUND_DOWN });
/** Quotients that feed a ceiling (costs, fundings): never round down. */
const Up = Decimal.clone({ ...base, rounding: Decimal.ROUND_UP });

export type Dec = InstanceType<typeof D>;
export type DecLike = Dec | string | number;

export const dec = (x: DecLike): Dec => new D(x);
export const ZERO = dec(0);

/** a × b ÷ c, rounded toward zero at the last of 34 digits. */
export function mulDivDown(a: DecLike, b: DecLike, c: DecLike): Dec {
  return dec(new Down(dec(a).times(b)).div(c));
}
/** a × b ÷ c, rounded away from zero at the last of 34 digits. */
export function mulDivUp(a: DecLike, b: DecLike, c: DecLike): Dec {
  return dec(new Up(dec(a).times(b)).div(c));
}

// The named roundings: 2 dp for money, 6 dp for points; floor for what the pool gives, ceil
// for what it takes.
export const floor6 = (x: DecLike): Dec => dec(x).toDecimalPlaces(6, Decimal.ROUND_FLOOR);
export const ceil6 = (x: DecLike): Dec => dec(x).toDecimalPlaces(6, Decimal.ROUND_CEIL);
export const floor2 = (x: DecLike): Dec => dec(x).toDecimalPlaces(2, Decimal.ROUND_FLOOR);
export const ceil2 = (x: DecLike): Dec => dec(x).toDecimalPlaces(2, Decimal.ROUND_CEIL);
/** Toward zero at `dp` decimals: for display of exact figures (a gross, a share). */
export const truncate = (x: DecLike, dp: number): Dec => dec(x).toDecimalPlaces(dp, Decimal.ROUND_DOWN);
/** Half up at `dp` decimals: for display only (percentages), never for an amount that moves. */
export const roundHalfUp = (x: DecLike, dp: number): Dec => dec(x).toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);

export const minDec = (a: DecLike, b: DecLike): Dec => (dec(a).lt(b) ? dec(a) : dec(b));
export const maxDec = (a: DecLike, b: DecLike): Dec => (dec(a).gt(b) ? dec(a) : dec(b));

/** Points as a string: up to 6 decimals, no trailing zeros ("14.7", "21"). */
export const pts = (x: Dec): string => x.toDecimalPlaces(6, Decimal.ROUND_FLOOR).toFixed();
/** Money as a string: exactly 2 decimals ("97.77", "0.00"). */
export const money = (x: Dec): string => x.toFixed(2, Decimal.ROUND_FLOOR);
/** Signed delta for the ledger: "+14.7", "-21". */
export const signed = (x: Dec): string => (x.isNegative() ? x.toFixed() : `+${x.toFixed()}`);
/** All digits (a price). */
export const exact = (x: Dec): string => x.toFixed();
