// The operator's lists on DynamoDB: orders by status (GSI2, keys only, then the orders
// themselves), after-sale requests and withdrawals by status (GSI1), a user's latest orders.
// Each page's cursor is the index's last key, refused outside the list's own partition.
import type { AfterSaleListing, OperatorQueries } from '../domain/operator/ports';
import type { Order } from '../domain/model';
import { batchGet, query, type Item, type Scalar } from './ddb';
import { gsi, itemKey } from './keys';
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

export const operatorQueries: OperatorQueries = {
  async ordersByStatus(status, limit, cursor) {
    const pk = gsi.ordersByStatus(status);
    const r = await query({ pk, index: 'GSI2', newestFirst: true, limit, cursor: decodeCursor(cursor, pk, 'GSI2PK') });
    const items = await batchGet(r.items.map(itemKey));
    const byKey = new Map(items.map((i) => [String(i.PK), toOrder(i)]));
    // In the index's order; an order gone since (never, in practice) is left out.
    const orders = r.items.flatMap((k) => byKey.get(String(k.PK)) ?? []);
    return { items: orders, cursor: encodeCursor(r.next) };
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
