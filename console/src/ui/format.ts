// Amounts for people, through the engine's helpers: ¥ with 2 decimals, prices with 4, points
// without float noise. Inputs are the API's decimal strings.
import { displayPrice, fmtMoney, fmtPoints } from '@greenpoints/shared';

const isNum = (x: unknown): x is string => typeof x === 'string' && /^-?\d+(\.\d+)?$/.test(x);

export const yuan = (x: unknown): string => (isNum(x) ? fmtMoney(x) : '—');
export const price4 = (x: unknown): string => (isNum(x) ? displayPrice(x) : '—');
export const pts = (x: unknown): string => (isNum(x) ? fmtPoints(x) : '—');
export const time = (iso: unknown): string =>
  typeof iso === 'string' && iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—';

export const ORDER_STATUS: Record<string, string> = {
  created: '待付款',
  paid: '待发货',
  shipped: '已发货',
  received: '已收货',
  after_sale: '售后中',
  completing: '结算中',
  completed: '已完成',
  refund_requested: '退款中',
  refunded: '已退款',
  returned: '已退货',
  cancelled: '已取消',
};

export const AFTER_SALE_STATUS: Record<string, string> = {
  requested: '待审核',
  approved: '已同意',
  returning: '退回中',
  refunding: '退款中',
  refunded: '已退款',
  refused: '已拒绝',
};

export const WITHDRAWAL_STATUS: Record<string, string> = {
  requested: '待审批',
  approved: '已打款',
  rejected: '已拒绝',
};

export const REQUEST_STATUS: Record<string, string> = {
  pending: '待复核',
  approved: '已批准',
  executed: '已执行',
  failed: '执行失败',
  rejected: '已驳回',
};

export const options = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));
