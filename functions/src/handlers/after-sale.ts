import { route } from '../http/wrapper';
import { afterSaleBody, shipBackBody } from '../http/schemas';
import { getOwnRequest, requestAfterSale, shipBack as doShipBack } from '../domain/after-sale';

export const create = route({ idempotent: true, body: afterSaleBody }, async (c) =>
  requestAfterSale(c.userId, c.path.id ?? '', c.idem!, c.body),
);

export const shipBack = route({ idempotent: true, body: shipBackBody }, async (c) =>
  doShipBack(c.userId, c.path.id ?? '', c.idem!, c.body),
);

export const get = route({}, async (c) => ({ body: await getOwnRequest(c.userId, c.path.id ?? '') }));
