import { route } from '../http/wrapper';
import { afterSaleBody, pageQuery, shipBackBody } from '../http/schemas';
import { getOwnRequest, requestAfterSale, shipBack as doShipBack } from '../domain/after-sale';
import { listOwnAfterSales } from '../domain/after-sale-list';
import { afterSaleListDeps } from '../compose/after-sales';

export const create = route({ idempotent: true, body: afterSaleBody }, async (c) =>
  requestAfterSale(c.userId, c.path.id ?? '', c.idem!, c.body),
);

export const shipBack = route({ idempotent: true, body: shipBackBody }, async (c) =>
  doShipBack(c.userId, c.path.id ?? '', c.idem!, c.body),
);

export const get = route({}, async (c) => ({ body: await getOwnRequest(c.userId, c.path.id ?? '') }));

/** 售后记录: the caller's requests, newest first (the wrapper seals the cursor). */
export const list = route({}, async (c) => {
  const q = pageQuery.parse(c.query);
  return { body: await listOwnAfterSales(afterSaleListDeps(), c.userId, q.limit, q.cursor) };
});
