// The money helpers every package uses instead of decimal.js (an ESLint rule forbids importing
// it outside shared/src): the engine's 34-digit decimal, canonical amount strings, sums, the
// quota left. Amounts stay decimal strings at every boundary; a Dec lives only inside a function.
import Decimal from 'decimal.js';
import { dec, maxDec, money, pts, ZERO, type Dec, type DecLike } from './decimal';
import type { Money, Points, Wallet } from './types';

/** An amount as stored or answered: a decimal string, or missing (counted as 0). */
export type Amount = DecLike | null | undefined;

/** Reads an amount that may be missing or empty ('' and undefined are 0). */
export const decOrZero = (x: Amount): Dec => (x === undefined || x === null || x === '' ? ZERO : dec(x));

/** Canonical money string: 2 decimals, rounded down ("97.77", "0.00"). */
export const toMoney = (x: Amount): Money => money(decOrZero(x));
/** Canonical points string: at most 6 decimals, rounded down, no trailing zeros ("14.7"). */
export const toPoints = (x: Amount): Points => pts(decOrZero(x));

/** Σ of amounts, exact (34 digits: far more than any sum of 2- or 6-dp amounts needs). */
export function sum(xs: Iterable<Amount>): Dec {
  let s = ZERO;
  for (const x of xs) s = s.plus(decOrZero(x));
  return s;
}
export const sumMoney = (xs: Iterable<Amount>): Money => toMoney(sum(xs));
export const sumPoints = (xs: Iterable<Amount>): Points => toPoints(sum(xs));

/** What is left of a user's dividend quota: `quota − dividendsPaid`, never below 0. */
export const quotaLeft = (w: Pick<Wallet, 'quota' | 'dividendsPaid'>): Money =>
  toMoney(maxDec(ZERO, decOrZero(w.quota).minus(decOrZero(w.dividendsPaid))));

// Audit arithmetic (reconcile): more digits than the engine's 34, so that products of a
// 34-digit price by a balance are exact and a check never fails on a rounding of its own.
const Wide = Decimal.clone({ precision: 80, toExpNeg: -90, toExpPos: 90 });
export type WideDec = InstanceType<typeof Wide>;
/** An 80-digit decimal for checks over the whole table; missing counts as 0. */
export const wideDec = (x: Amount | WideDec): WideDec =>
  x === undefined || x === null || x === '' ? new Wide(0) : new Wide(x.toString());
