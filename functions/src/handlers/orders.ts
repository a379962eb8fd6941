import { routes } from '../http/wrapper';
import { http } from '../wiring/http';
import { core } from '../wiring/core';
import { pool } from '../wiring/pool';
import { accountGuard, orderPages, orders } from '../wiring/orders';
import { shop } from '../wiring/shop';
import { referrals } from '../wiring/programme';
import { audit } from '../wiring/audit';
import { wechat } from '../wiring/ports';
import { newOrderBody, emptyBody, pageQuery } from '../http/schemas';
import { notFound } from '../domain/errors';
import { isLocalStage } from '../stage';
import { createOrder } from '../domain/orders/create';
import { confirmOrder } from '../domain/orders/completion';
import { getOwnOrder, listOwnOrders } from '../domain/orders/read';
import { markPaid } from '../domain/orders/payment';
import { refundOrder } from '../domain/orders/refund';
import { orderAddress } from '../domain/shop/addresses';

const route = routes(http);
const deps = { ...core, ...pool, ...orders, ...shop, ...referrals, ...audit, ...wechat };

export const create = route({ idempotent: true, body: newOrderBody }, async (c) => {
  const { addressId, address, ...rest } = c.body;
  // The order keeps a copy of the address as it is now (an edit of the book later changes nothing).
  return createOrder({ ...deps, accounts: accountGuard }, c.userId, c.idem!, {
    ...rest,
    address: await orderAddress(deps, c.userId, { addressId, address }),
  });
});

/** The local payment sandbox; production is paid through the WeChat Pay notify hook. */
export const pay = route({ body: emptyBody }, async (c) => {
  if (!isLocalStage()) throw notFound('route');
  return { body: await markPaid(deps, c.path.id ?? '', { userId: c.userId }) };
});

export const confirm = route({ idempotent: true, reentrant: true, body: emptyBody }, async (c) =>
  confirmOrder(deps, c.userId, c.path.id ?? '', c.idem!, c.resumeEventId),
);

// Reentrant: a WeChat refund left pending (PROCESSING, WeChat unreachable) is asked again on replay.
export const refund = route({ idempotent: true, reentrant: true, body: emptyBody }, async (c) =>
  refundOrder(deps, c.userId, c.path.id ?? '', c.idem!, c.resumeEventId !== undefined),
);

export const get = route({}, async (c) => ({ body: await getOwnOrder(deps, c.userId, c.path.id ?? '') }));

export const list = route({}, async (c) => {
  const q = pageQuery.parse(c.query);
  const r = await listOwnOrders(deps, c.userId, q.limit, orderPages.decode(q.cursor, c.userId));
  return { body: { orders: r.orders, cursor: orderPages.encode(r.next) } };
});
