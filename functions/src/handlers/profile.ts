import { z } from 'zod';
import { route } from '../http/wrapper';
import { getProfile, updateProfile } from '../domain/profile';

const profileBody = z
  .object({ nickname: z.string().max(40).optional(), avatar: z.string().max(60_000).optional() })
  .strict();

export const get = route({}, async (c) => ({ body: await getProfile(c.userId) }));
export const update = route({ body: profileBody }, async (c) => ({ body: await updateProfile(c.userId, c.body) }));
