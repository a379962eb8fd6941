import { z } from 'zod';
import { routes } from '../http/wrapper';
import { browse, categories as categoriesOf } from '../domain/shop/catalogue';
import { http } from '../wiring/http';
import { catalogue } from '../wiring/catalogue';

const route = routes(http);

const listQuery = z.object({
  category: z.string().max(20).optional(),
  /** A search by name: every word must appear (case-insensitive). */
  q: z.string().max(40).optional(),
});

export const list = route({ auth: false }, async (c) => ({ body: await browse(catalogue, listQuery.parse(c.query)) }));

/** The categories of active products, in first-seen order, with how many products each has. */
export const categories = route({ auth: false }, async () => ({ body: { categories: await categoriesOf(catalogue) } }));
