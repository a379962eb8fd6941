// The edge's composition of domain/after-sale-list.ts: the shopper's list by user on DynamoDB.
import type { AfterSaleLists } from '../domain/after-sale-list';
import { afterSaleLists } from '../repo/after-sale-list';

export function afterSaleListDeps(): { afterSaleLists: AfterSaleLists } {
  return { afterSaleLists };
}
