// A user's after-sale requests on DynamoDB: GSI2 (keys only), newest first, then the requests
// themselves in one batch read, in the index's order.
import type { AfterSaleLists } from '../domain/orders/after-sale-list';
import { batchGet, query } from './ddb';
import { gsi, itemKey } from './keys';
import { decodeCursor, encodeCursor } from './cursor';
import { toRequest } from './orders';

export const afterSaleLists: AfterSaleLists = {
  async byUser(userId, limit, cursor) {
    const pk = gsi.userAfterSales(userId);
    const r = await query({ pk, index: 'GSI2', newestFirst: true, limit, cursor: decodeCursor(cursor, pk, 'GSI2PK') });
    const got = new Map((await batchGet(r.items.map(itemKey))).map((i) => [String(i.PK), toRequest(i)]));
    return { items: r.items.flatMap((k) => got.get(String(k.PK)) ?? []), cursor: encodeCursor(r.next) };
  },
};
