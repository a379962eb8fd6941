// A range of China business days and the daily reports summed over it, exactly.
import { sumMoney, sumPoints } from '@greenpoints/shared';
import type { DailyReport } from '../api';

const DAY = 86_400_000;
/** Today's date in China (UTC+8, no daylight saving), YYYY-MM-DD. */
export const chinaToday = (now = Date.now()) => new Date(now + 8 * 3600_000).toISOString().slice(0, 10);

/** Every date from `from` to `to` inclusive (at most `max`). */
export function datesOf(from: string, to: string, max = 92): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && out.length < max; t += DAY)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export interface RangeTotals {
  days: number;
  orders: number;
  sales: string;
  contributions: string;
  pointsIssued: string;
  pointsBurned: string;
  payouts: string;
  feesKept: string;
  commissions: string;
  dividends: string;
  priceOpen?: string;
  priceClose?: string;
}

export function sumReports(rs: DailyReport[]): RangeTotals {
  const m = (k: 'sales' | 'contributions' | 'payouts' | 'feesKept' | 'commissions' | 'dividends') =>
    sumMoney(rs.map((r) => r[k]));
  return {
    days: rs.length,
    orders: rs.reduce((n, r) => n + r.orders, 0),
    sales: m('sales'),
    contributions: m('contributions'),
    pointsIssued: sumPoints(rs.map((r) => r.pointsIssued)),
    pointsBurned: sumPoints(rs.map((r) => r.pointsBurned)),
    payouts: m('payouts'),
    feesKept: m('feesKept'),
    commissions: m('commissions'),
    dividends: m('dividends'),
    priceOpen: rs[0]?.priceOpen,
    priceClose: rs[rs.length - 1]?.priceClose,
  };
}
