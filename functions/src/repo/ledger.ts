// The ledger entries of an outcome as TxOps (the ledger store's and settlement's dividends).
import type { TxOp } from './ddb';
import { ledgerItem } from './repository';

/** The ledger entries of one outcome's changes, n = their order in it. */
export function ledgerEntryOps(
  eventId: string,
  kind: string,
  at: string,
  changes: Array<{ user: string; field: string; delta: string; why: string }>,
  ref: Record<string, string> = {},
): TxOp[] {
  return changes.map((c, n) => ({
    op: 'create' as const,
    item: ledgerItem(c.user, at, { ...c, eventId, kind, n }, ref),
  }));
}
