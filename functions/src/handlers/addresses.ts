import { addressBody } from '@greenpoints/shared';
import { route } from '../http/wrapper';
import { addAddress, deleteAddress, listAddresses, updateAddress } from '../domain/addresses';

// The form's schema is the client's too (@greenpoints/shared); phone and region are checked in the domain.
export const list = route({}, async (c) => ({ body: await listAddresses(c.userId) }));

/** Idempotent: a double tap on 保存 adds one address. */
export const create = route({ idempotent: true, body: addressBody }, async (c) =>
  addAddress(c.userId, c.idem!, c.body),
);

export const update = route({ body: addressBody }, async (c) => ({
  body: await updateAddress(c.userId, c.path.id ?? '', c.body),
}));

export const remove = route({}, async (c) => ({ body: await deleteAddress(c.userId, c.path.id ?? '') }));
