import Decimal from 'decimal.js'

// Display helpers for decimal strings. Never parse amounts into JS numbers.

/** "14.700000" -> "14.7"; keeps every digit the server sent otherwise. */
export function fmtPoints(p: string | undefined | null): string {
  if (p === undefined || p === null || p === '') return '—'
  try {
    return new Decimal(p).toFixed()
  } catch {
    return String(p)
  }
}

/** Yuan with 2 decimals and the sign: "¥97.77". */
export function fmtYuan(m: string | undefined | null): string {
  if (m === undefined || m === null || m === '') return '—'
  try {
    return `¥${new Decimal(m).toFixed(2, Decimal.ROUND_DOWN)}`
  } catch {
    return String(m)
  }
}

/** A price with 4 decimals, for display only. */
export function fmtPrice(p: string | undefined | null): string {
  if (p === undefined || p === null || p === '') return '—'
  try {
    return new Decimal(p).toFixed(4, Decimal.ROUND_HALF_UP)
  } catch {
    return String(p)
  }
}

export function fmtTime(at: string | number | undefined): string {
  if (at === undefined || at === '') return ''
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return String(at)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** Is this a positive decimal with at most `dp` decimals? Used before calling the engine. */
export function isPositiveDecimal(s: string, dp: number): boolean {
  const re = new RegExp(`^(0|[1-9]\\d{0,11})(\\.\\d{1,${dp}})?$`)
  return re.test(s.trim()) && new Decimal(s.trim()).gt(0)
}

export const ORDER_STATUS: Record<string, string> = {
  created: '待支付',
  pending: '待支付',
  pending_payment: '待支付',
  unpaid: '待支付',
  paid: '已支付，待发货',
  shipped: '已发货，待收货',
  delivered: '待确认收货',
  completing: '处理中',
  completed: '已完成',
  refund_requested: '退款处理中',
  refunded: '已退款',
  cancelled: '已取消',
  canceled: '已取消',
}

export const PAY_WITH: Record<string, string> = {
  wechat: '微信支付',
  constant: '恒定积分',
  storeCredit: '消费币',
  equity: '积分兑换',
}

export function orderStatusText(s: string): string {
  return ORDER_STATUS[s] ?? s
}

export function isUnpaid(s: string): boolean {
  return s === 'created' || s === 'pending' || s === 'pending_payment' || s === 'unpaid'
}

/** Receipt can be confirmed once the order was shipped (the server refuses it before). */
export function canConfirm(s: string): boolean {
  return s === 'shipped' || s === 'delivered'
}

/** Refunds happen only before completion, and only for money that was taken. */
export function canRefund(s: string): boolean {
  return s === 'paid' || s === 'shipped' || s === 'delivered'
}

/** An unpaid order can be cancelled (the API's refund of a created order). */
export function canCancel(s: string): boolean {
  return isUnpaid(s)
}
