import { route } from '../http/wrapper';
import { newOrderBody, emptyBody, pageQuery } from '../http/schemas';
import { notFound } from '../domain/errors';
import { isLocalStage } from '../stage';
import { createOrder, confirmOrder, getOwnOrder, listOwnOrders, markPaid, refundOrder } from '../domain/orders';
import { orderAddress } from '../domain/addresses';
import { decodeCursor, encodeCursor } from '../repo/cursor';
import { gsi } from '../repo/keys';
import { unpaidIndex } from '../repo/unpaid';
import { accountGuard } from '../repo/privacy';

export const create = route({ idempotent: true, body: newOrderBody }, async (c) => {
  const { addressId, address, ...rest } = c.body;
  // The order keeps a copy of the address as it is now (an edit of the book later changes nothing).
  return createOrder(
    c.userId,
    c.idem!,
    { ...rest, address: await orderAddress(c.userId, { addressId, address }) },
    { unpaid: unpaidIndex, account: accountGuard },
  );
});

/** The local payment sandbox; production is paid through the WeChat Pay notify hook. */
export const pay = route({ body: emptyBody }, async (c) => {
  if (!isLocalStage()) throw notFound('route');
  return { body: await markPaid(c.path.id ?? '', { userId: c.userId }) };
});

export const confirm = route({ idempotent: true, reentrant: true, body: emptyBody }, async (c) =>
  confirmOrder(c.userId, c.path.id ?? '', c.idem!, c.resumeEventId),
);

// Reentrant: a WeChat refund left pending (PROCESSING, WeChat unreachable) is asked again on replay.
export const refund = route({ idempotent: true, reentrant: true, body: emptyBody }, async (c) =>
  refundOrder(c.userId, c.path.id ?? '', c.idem!, c.resumeEventId !== undefined),
);

export const get = route({}, async (c) => ({ body: await getOwnOrder(c.userId, c.path.id ?? '') }));

export const list = route({}, async (c) => {
  const q = pageQuery.parse(c.query);
  const r = await listOwnOrders(c.userId, q.limit, decodeCursor(q.cursor, gsi.userOrders(c.userId), 'GSI1PK'));
  return { body: { orders: r.orders, cursor: encodeCursor(r.next) } };
});
