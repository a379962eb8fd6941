// Parsing amounts at the edge: a plain decimal string, finite, non-negative, and no more
// decimals than the unit allows. Anything else is refused by name.
import { dec, type Dec } from './decimal';
import { RuleError } from './errors';
import type { Money, Points } from './types';

const PLAIN = /^(0|[1-9][0-9]{0,17})(\.[0-9]+)?$/;

function parse(s: unknown, field: string, maxDp: number, unit: string): Dec {
  if (typeof s !== 'string') throw new RuleError('invalid_amount', `${field} must be a decimal string`);
  if (!PLAIN.test(s))
    throw new RuleError(
      'invalid_amount',
      `${field} must be a non-negative decimal like "12.5", got "${s.slice(0, 40)}"`,
    );
  const dp = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
  if (dp > maxDp) throw new RuleError('invalid_amount', `${field} has more than ${maxDp} decimals of ${unit}`);
  return dec(s);
}

/** Money: yuan, at most 2 decimals. Returns the canonical "12.50" form. */
export function parseMoney(s: unknown, field = 'amount'): Money {
  return parse(s, field, 2, 'yuan').toFixed(2);
}

/** Points: at most 6 decimals. Returns the canonical form without trailing zeros. */
export function parsePoints(s: unknown, field = 'points'): Points {
  return parse(s, field, 6, 'points').toFixed();
}

/** Same, but the amount must be above zero. */
export function parsePositiveMoney(s: unknown, field = 'amount'): Money {
  const m = parseMoney(s, field);
  if (dec(m).lte(0)) throw new RuleError('invalid_amount', `${field} must be greater than 0`);
  return m;
}
export function parsePositivePoints(s: unknown, field = 'points'): Points {
  const p = parsePoints(s, field);
  if (dec(p).lte(0)) throw new RuleError('invalid_amount', `${field} must be greater than 0`);
  return p;
}
