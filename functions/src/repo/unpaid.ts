// The unpaid-orders index on DynamoDB: UNPAID#<shard> / <payExpiresAt>#<orderId> (repo/keys.ts).
import type { UnpaidIndex } from '../domain/orders/unpaid-ports';
import { query } from './ddb';
import { keys, partitions, UNPAID_SHARDS } from './keys';
import { asWrite } from './writes';

export const unpaidIndex: UnpaidIndex = {
  add: ({ orderId, payExpiresAt }) =>
    asWrite({
      op: 'upsert',
      item: { ...keys.unpaid(payExpiresAt, orderId), type: 'unpaid', orderId, payExpiresAt },
    }),
  remove: ({ orderId, payExpiresAt }) => asWrite({ op: 'delete', key: keys.unpaid(payExpiresAt, orderId) }),
  async due(now, max) {
    const shards = await Promise.all(
      Array.from({ length: UNPAID_SHARDS }, (_, shard) =>
        query({ pk: partitions.unpaid(shard), skLessThan: now, limit: max }),
      ),
    );
    return shards
      .flatMap((r) => r.items)
      .map((i) => ({ orderId: String(i.orderId), payExpiresAt: String(i.payExpiresAt) }))
      .sort((a, b) => a.payExpiresAt.localeCompare(b.payExpiresAt))
      .slice(0, max);
  },
};
