// A shopper's own orders, with the points those in their window would earn at today's price.
import { keptTotals, orderPoints } from '@greenpoints/shared';
import type { Order } from '../model';
import type { PageCursor } from './ports';
import { notFound } from '../errors';
import type { Deps } from '../deps';
import { getOrder, getParams, orderView } from './common';

export async function ownOrder(d: Pick<Deps, 'orders'>, userId: string, orderId: string): Promise<Order> {
  const o = await getOrder(d, orderId);
  // Another user's order is reported as missing: ids are not secrets, but existence is.
  if (!o || o.userId !== userId) throw notFound('order');
  return o;
}

export async function getOwnOrder(d: Pick<Deps, 'config' | 'orders' | 'poolState'>, userId: string, orderId: string) {
  return (await withEstimates(d, [await ownOrder(d, userId, orderId)]))[0];
}

export async function listOwnOrders(
  d: Pick<Deps, 'config' | 'orders' | 'poolState'>,
  userId: string,
  limit: number,
  cursor?: PageCursor,
) {
  const r = await d.orders.listByUser(userId, limit, cursor);
  return { orders: await withEstimates(d, r.orders), next: r.next };
}

/** Orders in their window carry the points they would earn at today's price (one pool read). */
async function withEstimates(d: Pick<Deps, 'config' | 'poolState'>, orders: Order[]) {
  const waiting = orders.some((o) => o.status === 'received' || o.status === 'after_sale');
  const estimate = waiting ? await estimator(d) : undefined;
  return orders.map((o) => ({
    ...orderView(o),
    ...(estimate && (o.status === 'received' || o.status === 'after_sale') ? { pointsEstimate: estimate(o) } : {}),
  }));
}

/** The points an order's kept items would grant now (docs/rules.md event 1; a redemption earns none). */
export async function estimator(d: Pick<Deps, 'config' | 'poolState'>): Promise<(o: Order) => string> {
  const { params } = await getParams(d);
  const pool = await d.poolState.state(params, false);
  return (o) => (o.payWith === 'equity' ? '0' : orderPoints(pool, params, keptTotals(o.items).contribution));
}
