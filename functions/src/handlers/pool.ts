import { z } from 'zod';
import { route } from '../http/wrapper';
import { poolView, poolHistory } from '../domain/pool';

export const get = route({ auth: false }, async () => ({ body: await poolView() }));
export const history = route({ auth: false }, async (c) => {
  const { limit } = z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }).parse(c.query);
  return { body: await poolHistory(limit) };
});
