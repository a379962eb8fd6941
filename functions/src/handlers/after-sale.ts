import { routes } from '../http/wrapper';
import { http } from '../wiring/http';
import { core } from '../wiring/core';
import { orders } from '../wiring/orders';
import { afterSaleBody, shipBackBody } from '../http/schemas';
import { getOwnRequest, requestAfterSale, shipBack as doShipBack } from '../domain/orders/after-sale';

const route = routes(http);
const deps = { ...core, ...orders };

export const create = route({ idempotent: true, body: afterSaleBody }, async (c) =>
  requestAfterSale(deps, c.userId, c.path.id ?? '', c.idem!, c.body),
);

export const shipBack = route({ idempotent: true, body: shipBackBody }, async (c) =>
  doShipBack(deps, c.userId, c.path.id ?? '', c.idem!, c.body),
);

export const get = route({}, async (c) => ({ body: await getOwnRequest(deps, c.userId, c.path.id ?? '') }));
