// The DynamoDB stores of orders, products' stock and after-sale requests (domain/orders/ports.ts): the
// key layout, item forms and conditions of these entities (docs/data-model.md). The order's own
// item builders live in repository.ts, which the pool's projection shares.
import type {
  AfterSaleRequest,
  AfterSaleStatus,
  AfterSaleStore,
  OrderFields,
  OrderStore,
  ProductStore,
} from '../domain/orders/ports';
import { getItem, query, type Item, type Scalar } from './ddb';
import { indexKeys, keys, partitions } from './keys';
import { dueItem, getOrder, getProducts, listOrders, orderItem, shippedItem } from './repository';
import { asWrite } from './writes';

/** An order's fields as its item stores them: lines and address as JSON, the rest as they are. */
function orderValues(fields: OrderFields): Item {
  const out: Item = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    out[k] = k === 'items' || k === 'address' ? JSON.stringify(v) : (v as Scalar);
  }
  return out;
}

/** The oldest `limit` entries before `before` across a queue's shards (each read up to `limit`, merged). */
async function queued(shards: string[], before: string, limit: number): Promise<string[]> {
  const pages = await Promise.all(shards.map((pk) => query({ pk, skLessThan: before, limit })));
  return pages
    .flatMap((r) => r.items)
    .sort((a, b) => (String(a.SK) < String(b.SK) ? -1 : 1))
    .slice(0, limit)
    .map((i) => String(i.orderId));
}

export const orderStore: OrderStore = {
  get: getOrder,
  listByUser: listOrders,
  create: (o) => asWrite({ op: 'create', item: orderItem(o) }),
  update(orderId, fields, when, clear) {
    const ifEquals: Record<string, Scalar> = {};
    if (when.status !== undefined) ifEquals.status = when.status;
    if (when.openRequestId !== undefined) ifEquals.openRequestId = when.openRequestId;
    if (when.latePayment !== undefined) ifEquals.latePayment = when.latePayment;
    return asWrite({
      op: 'set',
      key: keys.order(orderId),
      values: orderValues(fields),
      ifEquals,
      ...(when.absent?.length ? { ifAbsent: when.absent } : {}),
      ...(clear?.length ? { remove: clear } : {}),
    });
  },
  shippedAdd: (at, id) => asWrite({ op: 'create', item: shippedItem(at, id) }),
  shippedPut: (at, id) => asWrite({ op: 'upsert', item: shippedItem(at, id) }),
  shippedRemove: (at, id) => asWrite({ op: 'delete', key: keys.shipped(at, id) }),
  shippedBefore: (cutoff, limit) => queued(partitions.shipped, cutoff, limit),
  duePut: (at, id) => asWrite({ op: 'upsert', item: dueItem(at, id) }),
  dueRemove: (at, id) => asWrite({ op: 'delete', key: keys.due(at, id) }),
  dueBefore: (now, limit) => queued(partitions.due, now, limit),
};

export const productStore: ProductStore = {
  getMany: getProducts,
  // The counter never goes below 0: a decrement of q needs q left.
  takeStock: (pid, q) => asWrite({ op: 'add', key: keys.product(pid), attr: 'stock', by: -q, atLeast: q }),
  giveBackStock: (pid, q) => asWrite({ op: 'add', key: keys.product(pid), attr: 'stock', by: q }),
};

// ---------- after-sale requests ----------
const OPTIONAL = ['note', 'carrier', 'trackingNo', 'refundId', 'refundDetail', 'refundedAt', 'points'] as const;

export function toRequest(i: Item): AfterSaleRequest {
  const r: AfterSaleRequest = {
    requestId: String(i.requestId),
    orderId: String(i.orderId),
    userId: String(i.userId),
    kind: i.kind === 'refund_only' ? 'refund_only' : 'return',
    items: JSON.parse(String(i.items)) as AfterSaleRequest['items'],
    reason: String(i.reason),
    amount: String(i.amount),
    status: String(i.status) as AfterSaleStatus,
    history: JSON.parse(String(i.history ?? '[]')) as AfterSaleRequest['history'],
    createdAt: String(i.createdAt),
  };
  for (const f of OPTIONAL) if (typeof i[f] === 'string') r[f] = i[f] as string;
  return r;
}

export function requestItem(r: AfterSaleRequest): Item {
  const it: Item = {
    ...keys.afterSale(r.requestId),
    type: 'after_sale',
    ...indexKeys.afterSale(r.status, r.createdAt, r.requestId),
    ...indexKeys.userAfterSale(r.userId, r.createdAt, r.requestId),
    requestId: r.requestId,
    orderId: r.orderId,
    userId: r.userId,
    kind: r.kind,
    items: JSON.stringify(r.items),
    reason: r.reason,
    amount: r.amount,
    status: r.status,
    history: JSON.stringify(r.history),
    createdAt: r.createdAt,
  };
  for (const f of OPTIONAL) if (r[f] !== undefined) it[f] = r[f] as string;
  return it;
}

const defined = (fields: Record<string, string | undefined>): Item =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Item;

export const afterSaleStore: AfterSaleStore = {
  async get(requestId) {
    const i = await getItem(keys.afterSale(requestId));
    return i ? toRequest(i) : undefined;
  },
  create: (r) => asWrite({ op: 'create', item: requestItem(r) }),
  move(requestId, from, to, { history, updatedAt, ...fields }) {
    return asWrite({
      op: 'set',
      key: keys.afterSale(requestId),
      // The status index (staff's list by status) moves with the status.
      values: {
        status: to,
        ...indexKeys.afterSaleStatus(to),
        history: JSON.stringify(history),
        updatedAt,
        ...defined(fields),
      },
      ifEquals: { status: from },
    });
  },
  update: (requestId, fields, status) =>
    asWrite({ op: 'set', key: keys.afterSale(requestId), values: defined(fields), ifEquals: { status } }),
};
