import type { PricePoint } from '../api';

/** What moved the price, in words (GET /pool/history `kind`). */
export const KIND: Record<string, string> = {
  order_completed: '订单完成',
  sell: '卖出',
  buyback: '回购',
  redeem: '积分兑换',
  convert: '兑换恒定积分',
  convert_back: '兑回',
  grant: '赠送',
  release_locked: '释放',
};
export const kindText = (k: string) => KIND[k] ?? k;

export const RANGES = [
  { value: '7', title: '近 7 天', days: 7 },
  { value: '30', title: '近 30 天', days: 30 },
  { value: 'all', title: '全部', days: 0 },
];
export const HISTORY_LIMIT = 100;

/** The rows of a range, oldest first (`now` passed in so tests and the page agree). */
export function inRange(rows: PricePoint[], days: number, now: number): PricePoint[] {
  if (!days) return rows;
  const from = now - days * 86400_000;
  return rows.filter((r) => new Date(r.at).getTime() >= from);
}
