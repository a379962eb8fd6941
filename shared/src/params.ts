// Staff-editable parameters (docs/rules.md "Parameters") and the rules a configuration must obey.
import { z } from 'zod';
import { dec } from './decimal';
import { RuleError } from './errors';
import type { Params } from './types';

export const defaultParams: Params = Object.freeze({
  issuePrice: '1',
  rewardRatio: '0.7',
  sellFeeRate: '0.1',
  supplyCap: '100000000',
  referralLevels: 1,
  referralL1Rate: '0',
  referralL2Rate: '0',
  commissionL1Rate: '0',
  commissionL2Rate: '0',
  agentRate: '0',
  quotaMultiplier: '2',
  exitEnabled: false,
  lockedReleaseRate: '0.01',
  afterSaleDays: 7,
  autoConfirmDays: 10,
  levels: [
    { name: '普通会员', minEquity: '0' },
    { name: '银卡会员', minEquity: '100' },
    { name: '金卡会员', minEquity: '1000' },
    { name: '钻石会员', minEquity: '10000' },
  ],
  withdrawMin: '1.00',
  withdrawDailyLimit: '2000.00',
  withdrawSecondSignAbove: '500.00',
  payTimeoutMinutes: 30,
}) as Params;

const decimalString = z.string().regex(/^(0|[1-9][0-9]{0,17})(\.[0-9]{1,12})?$/, 'a non-negative decimal string');
const moneyAbove0 = decimalString.refine(
  (s) => dec(s).gt(0) && dec(s).decimalPlaces() <= 2,
  'money above 0, at most 2 decimals',
);
const rate = decimalString.refine((s) => dec(s).lt(1), 'a rate in [0, 1)');

export const paramsSchema = z
  .object({
    issuePrice: decimalString.refine(
      (s) => dec(s).gt(0) && dec(s).decimalPlaces() <= 2,
      'money above 0, at most 2 decimals',
    ),
    rewardRatio: decimalString.refine((s) => dec(s).gt(0) && dec(s).lte(1), 'in (0, 1]'),
    sellFeeRate: rate,
    supplyCap: decimalString.refine((s) => dec(s).gt(0) && dec(s).decimalPlaces() <= 6, 'points above 0'),
    referralLevels: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    referralL1Rate: rate,
    referralL2Rate: rate,
    commissionL1Rate: rate,
    commissionL2Rate: rate,
    agentRate: rate,
    quotaMultiplier: decimalString.refine((s) => dec(s).lte(100), 'at most 100'),
    exitEnabled: z.boolean(),
    lockedReleaseRate: decimalString.refine((s) => dec(s).gt(0) && dec(s).lte(1), 'in (0, 1]'),
    // The law's seven days are the floor; 0 would complete at receipt and deny lawful returns.
    afterSaleDays: z.number().int().min(7).max(90),
    autoConfirmDays: z.number().int().min(1).max(90),
    levels: z
      .array(z.object({ name: z.string().min(1).max(20), minEquity: decimalString }))
      .min(1)
      .max(10),
    // Defaults, so parameter sets stored before these existed still read.
    withdrawMin: moneyAbove0.default(defaultParams.withdrawMin),
    withdrawDailyLimit: moneyAbove0.default(defaultParams.withdrawDailyLimit),
    // A staff approval of a withdrawal above this needs a second staff member (docs/staff.md).
    withdrawSecondSignAbove: moneyAbove0.default(defaultParams.withdrawSecondSignAbove),
    // At least 5 minutes to pay; at most WeChat's own 2 hours of a JSAPI prepay.
    payTimeoutMinutes: z.number().int().min(5).max(120).default(defaultParams.payTimeoutMinutes),
  })
  .strict();

/** Validates a full parameter set; throws RuleError('invalid_params') naming every problem. */
export function validateParams(input: unknown): Params {
  const r = paramsSchema.safeParse(upgradeParams(input));
  if (!r.success) {
    const why = r.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
    throw new RuleError('invalid_params', why);
  }
  const p = r.data as Params;
  const l1 = p.referralLevels >= 1 ? dec(p.referralL1Rate) : dec(0);
  const l2 = p.referralLevels >= 2 ? dec(p.referralL2Rate) : dec(0);
  if (dec(p.rewardRatio).plus(l1).plus(l2).gt(1)) {
    throw new RuleError('invalid_params', 'rewardRatio + referralL1Rate + referralL2Rate must be at most 1');
  }
  if (p.referralLevels < 2 && dec(p.referralL2Rate).gt(0)) {
    throw new RuleError('invalid_params', 'referralL2Rate needs referralLevels 2');
  }
  if (p.referralLevels < 2 && dec(p.commissionL2Rate).gt(0)) {
    throw new RuleError('invalid_params', 'commissionL2Rate needs referralLevels 2');
  }
  const commissions = dec(p.commissionL1Rate).plus(p.commissionL2Rate).plus(p.agentRate);
  if (commissions.gte(1))
    throw new RuleError('invalid_params', 'commission and agent rates together must stay below 1');
  if (dec(p.withdrawDailyLimit).lt(p.withdrawMin))
    throw new RuleError('invalid_params', 'withdrawDailyLimit must be at least withdrawMin');
  if (dec(p.levels[0]!.minEquity).gt(0)) throw new RuleError('invalid_params', 'the first level must start at 0');
  for (let i = 1; i < p.levels.length; i++) {
    if (!dec(p.levels[i]!.minEquity).gt(p.levels[i - 1]!.minEquity)) {
      throw new RuleError('invalid_params', 'levels must be in strictly ascending minEquity');
    }
  }
  return p;
}

/**
 * A parameter set stored before the after-sale window (autoCompleteDays, no window keys) reads
 * as today's: the new keys take their defaults, the retired key is dropped.
 */
function upgradeParams(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const { autoCompleteDays: _retired, ...rest } = input as Record<string, unknown>;
  return {
    afterSaleDays: defaultParams.afterSaleDays,
    autoConfirmDays: defaultParams.autoConfirmDays,
    ...rest,
  };
}

/** Applies a partial change to a parameter set and validates the result as a whole. */
export function mergeParams(current: Params, change: unknown): Params {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) {
    throw new RuleError('invalid_params', 'a parameter change must be an object');
  }
  if ('autoCompleteDays' in change)
    throw new RuleError('invalid_params', 'autoCompleteDays is retired: set afterSaleDays and autoConfirmDays');
  return validateParams({ ...current, ...(change as Record<string, unknown>) });
}
