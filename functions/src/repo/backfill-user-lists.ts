// The migration of the per-user lists (GET /withdrawals, GET /after-sale): withdrawals and
// after-sale requests written before those lists existed carry no GSI2 entry, so they would be
// missing from their owner's list. This walks both kinds through their status index (GSI1: every
// item is on it, and it holds all attributes) and gives each one without a GSI2 entry the one it
// would have been written with. Idempotent: the write is guarded by attribute_not_exists(GSI2PK),
// so a second run, or a run racing a new write, changes nothing already indexed.
import { query, writeOne, type Item, type Scalar } from './ddb';
import { gsi, indexKeys, itemKey } from './keys';

const WITHDRAWAL_STATUSES = [
  'requested',
  'paying',
  'awaiting_confirmation',
  'approved',
  'rejected',
  'failed',
  'cancelled',
];
const AFTER_SALE_STATUSES = ['requested', 'refused', 'approved', 'returning', 'refunding', 'refunded'];

export interface BackfillResult {
  /** items read through the status indexes */
  examined: number;
  /** items given their per-user entry by this run */
  indexed: number;
}

/** The per-user index entry an item should have had (undefined: none for this item). */
function entryOf(i: Item): Item | undefined {
  const at = String(i.createdAt ?? '');
  if (typeof i.userId !== 'string' || at === '') return undefined;
  if (i.type === 'withdrawal') return indexKeys.userWithdrawal(i.userId, at, String(i.withdrawalId));
  if (i.type === 'after_sale') return indexKeys.userAfterSale(i.userId, at, String(i.requestId));
  return undefined;
}

async function backfillPartition(pk: string, out: BackfillResult): Promise<void> {
  let cursor: Record<string, Scalar> | undefined;
  do {
    const r = await query({ pk, index: 'GSI1', limit: 200, cursor });
    for (const i of r.items) {
      out.examined++;
      const entry = i.GSI2PK === undefined ? entryOf(i) : undefined;
      if (!entry) continue;
      const done = await writeOne({ op: 'set', key: itemKey(i), values: entry, ifEquals: {}, ifAbsent: ['GSI2PK'] });
      if (done) out.indexed++;
    }
    cursor = r.next;
  } while (cursor);
}

export async function backfillUserLists(): Promise<BackfillResult> {
  const out: BackfillResult = { examined: 0, indexed: 0 };
  for (const s of WITHDRAWAL_STATUSES) await backfillPartition(gsi.withdrawals(s), out);
  for (const s of AFTER_SALE_STATUSES) await backfillPartition(gsi.afterSales(s), out);
  return out;
}
