// The shopper's 售后记录 (GET /after-sale): their after-sale requests, newest first, a page at a
// time. The list is an index by user (repo/after-sale-list.ts on DynamoDB), passed in by the edge.
import type { AfterSaleView } from '@greenpoints/shared';
import type { Paged } from '../ports';
import type { AfterSaleRequest } from './ports';
import { requestView } from './after-sale';

export interface AfterSaleLists {
  /** One user's requests, newest first (an index: eventually consistent). */
  byUser(userId: string, limit: number, cursor?: string): Promise<Paged<AfterSaleRequest>>;
}

/** A page of the caller's requests, as GET /after-sale/{id} shows each (without the parcels). */
export async function listOwnAfterSales(
  deps: { afterSaleLists: AfterSaleLists },
  userId: string,
  limit: number,
  cursor?: string,
): Promise<{ items: AfterSaleView[]; cursor?: string }> {
  const r = await deps.afterSaleLists.byUser(userId, limit, cursor);
  // The index is the user's own partition; the owner check stays as a second line.
  const items = r.items.filter((x) => x.userId === userId).map((x) => requestView(x));
  return { items, ...(r.cursor ? { cursor: r.cursor } : {}) };
}
