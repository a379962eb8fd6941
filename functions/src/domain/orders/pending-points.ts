// 待发放积分: the points the caller's orders not yet completed would grant at today's price,
// summed on the server over all of them (the app's first page of orders is not all of them).
import { keptTotals, orderPoints, ZERO } from '@greenpoints/shared';
import type { Order, OrderStatus } from '../model';
import type { ConfigStore, PoolReader } from '../ports';
import type { OrderStore, PageCursor } from './ports';

export interface PendingPointsDeps {
  orders: Pick<OrderStore, 'listByUser'>;
  config: Pick<ConfigStore, 'params'>;
  poolState: PoolReader;
}

/** Paid and on their way to completion: they will grant points unless refunded. */
const PENDING = new Set<OrderStatus>(['paid', 'shipped', 'received', 'after_sale', 'completing']);
const PAGE = 100;
/** A bound on one shopper's orders read for the sum (far above any real shopper). */
const MAX_ORDERS = 5000;

export async function pendingPoints(deps: PendingPointsDeps, userId: string): Promise<string> {
  const pending: Order[] = [];
  let cursor: PageCursor | undefined;
  let read = 0;
  do {
    const r = await deps.orders.listByUser(userId, PAGE, cursor);
    // A redemption (paid with points) earns none (docs/rules.md event 1).
    pending.push(...r.orders.filter((o) => PENDING.has(o.status) && o.payWith !== 'equity'));
    read += r.orders.length;
    cursor = r.next;
  } while (cursor && read < MAX_ORDERS);
  if (pending.length === 0) return '0';
  const { params } = await deps.config.params();
  const pool = await deps.poolState.state(params, false);
  // Each order as its own page shows it (its kept items), so the total is the sum of what the app lists.
  return pending
    .reduce((sum, o) => sum.plus(orderPoints(pool, params, keptTotals(o.items).contribution)), ZERO)
    .toFixed();
}
