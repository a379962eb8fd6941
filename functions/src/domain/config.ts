// Parameter changes (set-config): what changed and what staff must be warned about. The change
// itself is validated by the engine's mergeParams and stored as a new version (never edited).
import { dec, sum, type Params, type PoolState } from '@greenpoints/shared';
import { conflict, type DomainError } from './errors';

export const WARN_TWO_LEVELS =
  '二级分销（referralLevels = 2）可能违反微信小程序平台运营规范中关于多级分销的规定，存在被限制或下架的风险；请确认已取得合规意见后再启用。';
export const WARN_EXIT =
  '已开启出局：每日结算时，积分市值达到剩余分红额度的用户将被全部卖出（含手续费），其分红额度清零。';
export const WARN_COMMISSION = '佣金与代理比例合计超过订单金额的 30%，请确认商品毛利可以承担。';

/** Keys whose value differs between two parameter sets. */
export function changedKeys(prev: Params, next: Params): string[] {
  return (Object.keys(next) as Array<keyof Params>).filter((k) => JSON.stringify(prev[k]) !== JSON.stringify(next[k]));
}

/** zh-CN warnings for a valid new parameter set (the change is accepted; staff is told the risks). */
export function configWarnings(prev: Params, next: Params): string[] {
  const w: string[] = [];
  if (next.referralLevels === 2) w.push(WARN_TWO_LEVELS);
  if (next.exitEnabled && !prev.exitEnabled) w.push(WARN_EXIT);
  const commissions = sum([next.commissionL1Rate, next.commissionL2Rate, next.agentRate]);
  if (commissions.gt('0.3')) w.push(WARN_COMMISSION);
  return w;
}

/**
 * A valid parameter set checked against the state it governs (the pool as stored now), not only
 * against its own range: a change that would make an invariant false from then on, or that would
 * silently govern nothing, is refused with a named error.
 */
export function stateProblem(prev: Params, next: Params, pool: PoolState): DomainError | undefined {
  // I1: issued ≤ supplyCap. A cap below what is already issued would make it false at once.
  if (dec(next.supplyCap).lt(pool.issued))
    return conflict(
      'supply_cap_below_issued',
      `supplyCap ${next.supplyCap} is below the ${pool.issued} points already issued`,
    );
  // issuePrice prices only the first order; afterwards the pool's own price (or its last price
  // once everything was sold back) governs, so a new issue price would be stored and never used.
  if (next.issuePrice !== prev.issuePrice && pool.seq > 0)
    return conflict(
      'issue_price_fixed',
      `issuePrice only prices the first order; the pool has ${pool.seq} events and prices itself now`,
    );
  return undefined;
}
