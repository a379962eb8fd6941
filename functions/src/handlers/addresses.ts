import { addressBody } from '@greenpoints/shared';
import { routes } from '../http/wrapper';
import { http } from '../wiring/http';
import { core } from '../wiring/core';
import { shop } from '../wiring/shop';
import { addAddress, deleteAddress, listAddresses, updateAddress } from '../domain/shop/addresses';

// The form's schema is the client's too (@greenpoints/shared); phone and region are checked in the domain.
const route = routes(http);
const deps = { ...core, ...shop };

export const list = route({}, async (c) => ({ body: await listAddresses(deps, c.userId) }));

/** Idempotent: a double tap on 保存 adds one address. */
export const create = route({ idempotent: true, body: addressBody }, async (c) =>
  addAddress(deps, c.userId, c.idem!, c.body),
);

export const update = route({ body: addressBody }, async (c) => ({
  body: await updateAddress(deps, c.userId, c.path.id ?? '', c.body),
}));

export const remove = route({}, async (c) => ({ body: await deleteAddress(deps, c.userId, c.path.id ?? '') }));
