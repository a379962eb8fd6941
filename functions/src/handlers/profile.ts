import { profileBody } from '@greenpoints/shared';
import { routes } from '../http/wrapper';
import { http } from '../wiring/http';
import { shop } from '../wiring/shop';
import { getProfile, updateProfile } from '../domain/shop/profile';

const route = routes(http);
const deps = { tx: http.tx, ...shop };

export const get = route({}, async (c) => ({ body: await getProfile(deps, c.userId) }));
export const update = route({ body: profileBody }, async (c) => ({
  body: await updateProfile(deps, c.userId, c.body),
}));
