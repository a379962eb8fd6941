// Composition root of the orders area: orders, the products they take stock from, after-sale,
// the index of unpaid WeChat orders.
import type { Stores } from '../domain/deps';
import type { PageCursor } from '../domain/orders/ports';
import { afterSaleStore, orderStore, productStore } from '../repo/orders';
import { decodeCursor, encodeCursor } from '../repo/cursor';
import { gsi } from '../repo/keys';
import { unpaidIndex } from '../repo/unpaid';
import { afterSaleLists } from '../repo/after-sale-list';
import { accountGuard } from '../repo/privacy';

export const orders: Pick<Stores, 'orders' | 'products' | 'afterSales' | 'unpaid'> = {
  orders: orderStore,
  unpaid: unpaidIndex,
  products: productStore,
  afterSales: afterSaleStore,
};

/** A shopper's order list's cursor on the wire (the API's opaque string) and back, bound to the user. */
export const orderPages = {
  decode: (cursor: string | undefined, userId: string): PageCursor | undefined =>
    decodeCursor(cursor, gsi.userOrders(userId), 'GSI1PK'),
  encode: (next: PageCursor | undefined): string | undefined => encodeCursor(next),
};

/** A shopper's after-sale requests, newest first (GET /after-sale). */
export { afterSaleLists };
/** The account's mark of its newest order (POST /me/delete's guard). */
export { accountGuard };
