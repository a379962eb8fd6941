import { z } from 'zod';
import { routes } from '../http/wrapper';
import { http } from '../wiring/http';
import { core } from '../wiring/core';
import { pool } from '../wiring/pool';
import { poolView, poolHistory, poolLogPage } from '../domain/wallet/pool';

const route = routes(http);
const deps = { ...core, ...pool };

export const get = route({ auth: false }, async () => ({ body: await poolView(deps) }));
export const history = route({ auth: false }, async (c) => {
  const { limit } = z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }).parse(c.query);
  return { body: await poolHistory(deps, limit) };
});

/** The pool's public log, paged by batch (user ids replaced by salted pseudonyms). */
export const log = route({ auth: false }, async (c) => {
  const q = z
    .object({
      from: z.coerce.number().int().min(1).default(1),
      limit: z.coerce.number().int().min(1).max(20).default(10),
    })
    .parse(c.query);
  return { body: await poolLogPage(deps, q.from, q.limit) };
});
