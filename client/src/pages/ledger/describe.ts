// A ledger line in words: what happened (never an internal code) and the signed amount with its unit.
import type { LedgerEntry } from '../../api';

const FIELD: Record<string, string> = {
  equity: '绿色积分',
  equityLocked: '待释放积分',
  equityHeld: '兑换冻结积分',
  equityReserved: '处理中积分',
  constantReserved: '处理中恒定积分',
  constant: '恒定积分',
  storeCredit: '消费币',
  cash: '可提现余额',
  cashPending: '提现中',
  withdrawn: '已提现',
  quota: '分红额度',
  dividendsPaid: '已分红',
};

const WHY: Record<string, string> = {
  order_reward: '订单完成奖励',
  referral_l1: '推荐奖励',
  referral_l2: '二级推荐奖励',
  commission_l1: '分销佣金',
  commission_l2: '二级分销佣金',
  agent: '区域代理佣金',
  agent_commission: '区域代理佣金',
  quota_earned: '获得分红额度',
  release: '积分释放',
  sell: '卖出积分',
  sell_points: '卖出积分',
  sell_payout: '卖出到账',
  buyback: '平台回购',
  exit: '出局卖出',
  redeem: '积分兑换商品',
  hold: '兑换冻结',
  reserve: '提交处理，暂时冻结',
  unreserve: '未成交，冻结退回',
  unhold: '兑换退回',
  convert: '兑换恒定积分',
  convert_back: '恒定积分兑回',
  grant: '赠送',
  release_locked: '积分释放',
  spend: '消费',
  refund_spend: '退款退回',
  credit_store: '消费币入账',
  dividend: '每日分红',
  quota: '分红额度',
  quota_reset: '额度重置',
  withdraw_request: '申请提现',
  withdraw_approve: '提现到账',
  withdraw_reject: '提现退回',
  withdraw_fail: '提现失败退回',
  withdraw_failed: '提现失败退回',
  withdraw_cancel: '提现取消退回',
  withdraw_cancelled: '提现取消退回',
  order_completed: '订单完成',
};

const MONEY_FIELDS = new Set([
  'constant',
  'constantReserved',
  'storeCredit',
  'cash',
  'cashPending',
  'withdrawn',
  'quota',
  'dividendsPaid',
]);

export function describe(e: LedgerEntry): { title: string; amount: string } {
  const why = e.why;
  const field = e.field;
  const delta = e.delta;
  const signed = delta && !delta.startsWith('-') && !delta.startsWith('+') ? `+${delta}` : delta;
  const unit = MONEY_FIELDS.has(field) ? '元' : field ? '积分' : '';
  // Never show an internal code: fall back to the event kind, then to a plain word.
  const label = WHY[why] ?? WHY[e.kind] ?? '账户变动';
  const title = `${label}${FIELD[field] ? ` · ${FIELD[field]}` : ''}`;
  return { title, amount: `${signed} ${unit}`.trim() };
}
