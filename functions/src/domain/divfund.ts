// The day's dividend fund: each completed order's Σ dividendContribution, written by the pool
// applier in the completion's own transaction (one item per order, so no hot counter), summed by
// the settlement of that business day.
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
      type: 'divfund',
      date,
      eventId,
      amount,
      at,
      ...(orderId ? { orderId } : {}),
    },
  };
}
