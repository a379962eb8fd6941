import { routes } from '../http/wrapper';
import { http } from '../wiring/http';
import { core } from '../wiring/core';
import { afterSaleLists, orders } from '../wiring/orders';
import { afterSaleBody, pageQuery, shipBackBody } from '../http/schemas';
import { getOwnRequest, requestAfterSale, shipBack as doShipBack } from '../domain/orders/after-sale';
import { listOwnAfterSales } from '../domain/orders/after-sale-list';

const route = routes(http);
const deps = { ...core, ...orders };

export const create = route({ idempotent: true, body: afterSaleBody }, async (c) =>
  requestAfterSale(deps, c.userId, c.path.id ?? '', c.idem!, c.body),
);

export const shipBack = route({ idempotent: true, body: shipBackBody }, async (c) =>
  doShipBack(deps, c.userId, c.path.id ?? '', c.idem!, c.body),
);

export const get = route({}, async (c) => ({ body: await getOwnRequest(deps, c.userId, c.path.id ?? '') }));

/** 售后记录: the caller's requests, newest first (the wrapper seals the cursor). */
export const list = route({}, async (c) => {
  const q = pageQuery.parse(c.query);
  return { body: await listOwnAfterSales({ afterSaleLists }, c.userId, q.limit, q.cursor) };
});
