// The operator's lists on DynamoDB: orders by status (GSI2, keys only, then the orders
// themselves), after-sale requests and withdrawals by status (GSI1), a user's latest orders.
// Each page's cursor is the index's last key, refused outside the list's own partition.
import type { AfterSaleListing, OperatorQueries } from '../domain/operator/ports';
import type { Order } from '../domain/model';
import { batchGet, query, type Item, type Scalar } from './ddb';
import { gsi, itemKey, statusListCursor } from './keys';
import { decodeCursor, encodeCursor } from './cursor';
import { listOrders, toOrder } from './repository';
import { toWithdrawal } from './withdrawals';

const str = (v: Scalar | undefined) => (v === undefined ? '' : String(v));

function toListing(i: Item): AfterSaleListing {
  return {
    requestId: str(i.requestId),
    orderId: str(i.orderId),
    userId: str(i.userId),
    status: str(i.status),
    kind: str(i.kind),
    items: JSON.parse(str(i.items) || '[]') as AfterSaleListing['items'],
    amount: str(i.amount),
    reason: str(i.reason),
    note: str(i.note),
    carrier: str(i.carrier),
    trackingNo: str(i.trackingNo),
    createdAt: str(i.createdAt),
    updatedAt: str(i.updatedAt),
  };
}

/** One page of a GSI1 list, newest first. */
async function gsi1Page(pk: string, limit: number, cursor: string | undefined) {
  const r = await query({ pk, index: 'GSI1', newestFirst: true, limit, cursor: decodeCursor(cursor, pk, 'GSI1PK') });
  return { items: r.items, cursor: encodeCursor(r.next) };
}

/**
 * One page of the order status index, newest first, over its write shards: each shard read up
 * to `limit` below the cursor's sort key, merged. The cursor is the last sort key returned,
 * under the unsharded key (a cursor of before, DynamoDB's last key there, reads on the same).
 */
async function statusPage(status: string, limit: number, cursor: string | undefined) {
  const [base, ...rest] = gsi.ordersByStatus(status);
  const after = decodeCursor(cursor, base!, 'GSI2PK')?.GSI2SK;
  const below = after === undefined ? {} : { skLessThan: String(after) };
  const pages = await Promise.all(
    [base!, ...rest].map((pk) => query({ pk, index: 'GSI2', newestFirst: true, limit, ...below })),
  );
  const all = pages.flatMap((r) => r.items).sort((a, b) => (String(a.GSI2SK) < String(b.GSI2SK) ? 1 : -1));
  const keys = all.slice(0, limit);
  const more = all.length > limit || pages.some((r) => r.next);
  const last = keys[keys.length - 1];
  return { keys, cursor: more && last ? encodeCursor(statusListCursor(status, String(last.GSI2SK))) : undefined };
}

export const operatorQueries: OperatorQueries = {
  async ordersByStatus(status, limit, cursor) {
    const page = await statusPage(status, limit, cursor);
    const items = await batchGet(page.keys.map(itemKey));
    const byKey = new Map(items.map((i) => [String(i.PK), toOrder(i)]));
    // In the index's order; an order gone since (never, in practice) is left out.
    const orders = page.keys.flatMap((k) => byKey.get(String(k.PK)) ?? []);
    return { items: orders, cursor: page.cursor };
  },
  async afterSales(status, limit, cursor) {
    const r = await gsi1Page(gsi.afterSales(status), limit, cursor);
    return { items: r.items.map(toListing), cursor: r.cursor };
  },
  async withdrawals(status, limit, cursor) {
    const r = await gsi1Page(gsi.withdrawals(status), limit, cursor);
    return { items: r.items.map(toWithdrawal), cursor: r.cursor };
  },
  async latestOrders(userId, limit): Promise<Order[]> {
    return (await listOrders(userId, limit)).orders;
  },
};
