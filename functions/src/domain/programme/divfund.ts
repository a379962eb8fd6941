// The day's dividend fund: each completed order's Σ dividendContribution, written by the pool
// projection of the completion's pool log batch (one entry per order, so no hot counter), summed by
// the settlement that takes that business day in. The settlement store keeps the entries by day and
// in date order across days, so a settlement finds the first day ever contributed (the first
// settlement starts there) and can sum a long run of skipped days in one paged read.
import { dec } from '@greenpoints/shared';
import { businessDate } from '../calendar';
import type { DividendFundEntry } from './ports';

/** The fund entry of a completion on its business day, or none when it contributed nothing. */
export function dividendFundEntry(
  eventId: string,
  at: string,
  amount: string | undefined,
  orderId?: string,
): DividendFundEntry | undefined {
  if (!amount || !dec(amount).gt(0)) return undefined;
  return { date: businessDate(at), eventId, amount, at, ...(orderId ? { orderId } : {}) };
}
