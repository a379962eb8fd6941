// The parameters in Chinese, and a typed value from what was typed (numbers, booleans, strings).
export const PARAM_NAMES: Record<string, string> = {
  issuePrice: '发行价（元）',
  rewardRatio: '奖励比例',
  sellFeeRate: '卖出手续费率',
  supplyCap: '积分发行上限',
  referralLevels: '推荐层级（0–2）',
  referralL1Rate: '一级推荐积分比例',
  referralL2Rate: '二级推荐积分比例',
  commissionL1Rate: '一级佣金比例',
  commissionL2Rate: '二级佣金比例',
  agentRate: '区域代理佣金比例',
  quotaMultiplier: '分红额度倍数',
  exitEnabled: '启用出局（true/false）',
  lockedReleaseRate: '锁定积分日释放比例',
  afterSaleDays: '售后期（天）',
  autoConfirmDays: '自动确认收货（天）',
  withdrawMin: '最低提现（元）',
  withdrawDailyLimit: '每日提现上限（元）',
  withdrawSecondSignAbove: '提现复核门槛（元）',
};

const INTEGER_KEYS = new Set(['referralLevels', 'afterSaleDays', 'autoConfirmDays']);

export function parseValue(key: string, v: string): unknown {
  const t = v.trim();
  if (key === 'exitEnabled') return t === 'true';
  if (INTEGER_KEYS.has(key) && /^\d+$/.test(t)) return Number.parseInt(t, 10);
  return t;
}
