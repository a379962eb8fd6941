import { profileBody } from '@greenpoints/shared';
import { route } from '../http/wrapper';
import { getProfile, updateProfile } from '../domain/profile';

export const get = route({}, async (c) => ({ body: await getProfile(c.userId) }));
export const update = route({ body: profileBody }, async (c) => ({ body: await updateProfile(c.userId, c.body) }));
