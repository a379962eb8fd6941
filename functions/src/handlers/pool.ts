import { z } from 'zod';
import { route } from '../http/wrapper';
import { poolView, poolHistory, poolLogPage } from '../domain/pool';

export const get = route({ auth: false }, async () => ({ body: await poolView() }));
export const history = route({ auth: false }, async (c) => {
  const { limit } = z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }).parse(c.query);
  return { body: await poolHistory(limit) };
});

/** The pool's public log, paged by batch (user ids replaced by salted pseudonyms). */
export const log = route({ auth: false }, async (c) => {
  const q = z
    .object({
      from: z.coerce.number().int().min(1).default(1),
      limit: z.coerce.number().int().min(1).max(20).default(10),
    })
    .parse(c.query);
  return { body: await poolLogPage(q.from, q.limit) };
});
