// Key builders: the single place where the table's key layout (docs/data-model.md) is spelled.
import type { Key } from './ddb';

export const pad = (n: number, width = 12) => String(n).padStart(width, '0');

export const keys = {
  pool: (): Key => ({ PK: 'POOL', SK: 'STATE' }),
  // The pool's queue, write-sharded off the pool's partition; the drainer merges the shards.
  queue: (shard: number, at: string, eventId: string): Key => ({ PK: `QUEUE#${shard}`, SK: `${at}#${eventId}` }),
  // One batch of the pool's log per partition: sequential numbers, read by GetItem/BatchGet.
  poolBatch: (batch: number): Key => ({ PK: `POOLLOG#${pad(batch)}`, SK: 'BATCH' }),
  poolLease: (): Key => ({ PK: 'LEASE#POOL', SK: 'LEASE' }),
  event: (eventId: string): Key => ({ PK: `EVENT#${eventId}`, SK: 'EVENT' }),
  config: (): Key => ({ PK: 'CONFIG', SK: 'PARAMS' }),
  configVersion: (v: number): Key => ({ PK: 'CONFIG', SK: `V#${pad(v, 6)}` }),
  product: (productId: string): Key => ({ PK: `PRODUCT#${productId}`, SK: 'META' }),
  user: (userId: string): Key => ({ PK: `USER#${userId}`, SK: 'PROFILE' }),
  openId: (openId: string): Key => ({ PK: `OPENID#${openId}`, SK: 'OPENID' }),
  wallet: (userId: string): Key => ({ PK: `USER#${userId}`, SK: 'WALLET' }),
  ledger: (userId: string, at: string, eventId: string, n: number): Key => ({
    PK: `USER#${userId}`,
    SK: `LEDGER#${at}#${eventId}#${pad(n, 3)}`,
  }),
  /** Σ withdrawals a user requested on one China business day (the daily limit). */
  withdrawDay: (userId: string, date: string): Key => ({ PK: `USER#${userId}`, SK: `WDAY#${date}` }),
  idem: (userId: string, idemKey: string): Key => ({ PK: `USER#${userId}`, SK: `IDEM#${idemKey}` }),
  order: (orderId: string): Key => ({ PK: `ORDER#${orderId}`, SK: 'META' }),
  shipped: (shippedAt: string, orderId: string): Key => ({ PK: 'SHIPPED', SK: `${shippedAt}#${orderId}` }),
  due: (completesAt: string, orderId: string): Key => ({ PK: 'DUE', SK: `${completesAt}#${orderId}` }),
  afterSale: (requestId: string): Key => ({ PK: `AFTERSALE#${requestId}`, SK: 'META' }),
  withdrawal: (id: string): Key => ({ PK: `WITHDRAWAL#${id}`, SK: 'META' }),
  audit: (at: string, id: string): Key => ({ PK: 'AUDIT', SK: `${at}#${id}` }),
  /** An abuse-limit counter of one window; a sharded scope spreads one id over `#<shard>` items. */
  rate: (scope: string, id: string, window: number, shard?: number): Key => ({
    PK: shard === undefined ? `RATE#${scope}#${id}` : `RATE#${scope}#${id}#${shard}`,
    SK: `W#${window}`,
  }),
};

export const gsi = {
  products: 'PRODUCTS',
  userOrders: (userId: string) => `USER#${userId}#ORDERS`,
  withdrawals: (status: string) => `WITHDRAWALS#${status}`,
  afterSales: (status: string) => `AFTERSALES#${status}`,
  /** GSI2 (keys only): orders by status, for the operator's list-orders */
  ordersByStatus: (status: string) => `ORDERS#${status}`,
};

/**
 * The status index attribute of an order write. Called by the ddb layer on every `set` of an
 * order's status, so no transition anywhere (the pool applier included) can leave it stale.
 */
export function statusIndex(key: Key, values: Record<string, unknown>): Record<string, string> {
  if (!key.PK.startsWith('ORDER#') || key.SK !== 'META' || typeof values.status !== 'string') return {};
  return { GSI2PK: gsi.ordersByStatus(values.status) };
}
