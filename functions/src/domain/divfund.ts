// The day's dividend fund: each completed order's Σ dividendContribution, written by the pool
// applier in the completion's own transaction (one item per order, so no hot counter), summed by
// the settlement that takes that business day in. Every entry is also in GSI1 under `DIVFUND`,
// sorted by date, so a settlement finds the first day ever contributed (the first settlement
// starts there) and can sum a long run of skipped days in one paged read.
import { dec } from '@greenpoints/shared';
import type { TxOp } from '../repo/ddb';
import { programmeKeys } from '../repo/programme';
import { businessDate } from './calendar';

export function dividendFundOp(
  eventId: string,
  at: string,
  amount: string | undefined,
  orderId?: string,
): TxOp | undefined {
  if (!amount || !dec(amount).gt(0)) return undefined;
  const date = businessDate(at);
  return {
    op: 'create',
    item: {
      ...programmeKeys.divFund(date, eventId),
      ...programmeKeys.divFundGsi(date, eventId),
      type: 'divfund',
      date,
      eventId,
      amount,
      at,
      ...(orderId ? { orderId } : {}),
    },
  };
}
