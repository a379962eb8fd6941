import { dec, displayPrice, fmtMoney, fmtPoints as enginePoints } from '@greenpoints/shared';

// Display helpers for decimal strings, on the engine's formatters (one place for the format);
// these add only the dash for a missing value. Never parse amounts into JS numbers.

function orDash(x: string | undefined | null, f: (s: string) => string): string {
  if (x === undefined || x === null || x === '') return '—';
  try {
    return f(x);
  } catch {
    return String(x);
  }
}

/** "14.700000" -> "14.7". */
export const fmtPoints = (p: string | undefined | null): string => orDash(p, (s) => enginePoints(s));

/** Yuan with 2 decimals and the sign: "¥97.77", "¥1,234.50". */
export const fmtYuan = (m: string | undefined | null): string => orDash(m, fmtMoney);

/** A price with 4 decimals, for display only. */
export const fmtPrice = (p: string | undefined | null): string => orDash(p, displayPrice);

export function fmtTime(at: string | number | undefined): string {
  if (at === undefined || at === '') return '';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Is this a positive decimal with at most `dp` decimals? Used before calling the engine. */
export function isPositiveDecimal(s: string, dp: number): boolean {
  const re = new RegExp(`^(0|[1-9]\\d{0,11})(\\.\\d{1,${dp}})?$`);
  return re.test(s.trim()) && dec(s.trim()).gt(0);
}

export const ORDER_STATUS: Record<string, string> = {
  created: '待支付',
  paid: '已支付，待发货',
  shipped: '已发货，待收货',
  received: '已收货，售后期中',
  after_sale: '售后处理中',
  returned: '已退货',
  completing: '处理中',
  completed: '已完成',
  refund_requested: '退款处理中',
  refunded: '已退款',
  cancelled: '已取消',
};

export const PAY_WITH: Record<string, string> = {
  wechat: '微信支付',
  constant: '恒定积分',
  storeCredit: '消费币',
  equity: '积分兑换',
};

export function orderStatusText(s: string): string {
  return ORDER_STATUS[s] ?? s;
}

export function isUnpaid(s: string): boolean {
  return s === 'created';
}

/** Receipt can be confirmed once the order was shipped (the server refuses it before). */
export function canConfirm(s: string): boolean {
  return s === 'shipped';
}

/** Refunds happen only before completion, and only for money that was taken. */
export function canRefund(s: string): boolean {
  return s === 'paid' || s === 'shipped';
}

/** An unpaid order can be cancelled (the API's refund of a created order). */
export function canCancel(s: string): boolean {
  return isUnpaid(s);
}

/** "12月8日" in China time (the mall's calendar), whatever the phone's zone. */
export function fmtDayCn(at: string | undefined): string {
  if (!at) return '';
  const t = Date.parse(at);
  if (!Number.isFinite(t)) return String(at);
  const d = new Date(t + 8 * 3600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Inside the after-sale window (售后期): the order may still be returned. */
export function inAfterSale(s: string): boolean {
  return s === 'received' || s === 'after_sale';
}

export const AFTER_SALE_STATUS: Record<string, string> = {
  requested: '待审核',
  approved: '已同意，请寄回商品',
  returning: '退货寄回中',
  refunding: '退款处理中',
  refunded: '已退款',
  refused: '已拒绝',
};

export const afterSaleStatusText = (s: string) => AFTER_SALE_STATUS[s] ?? s;
