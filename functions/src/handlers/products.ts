import { z } from 'zod';
import { route } from '../http/wrapper';
import { listProducts, type Product } from '../repo/repository';
import { pictureUrl } from '../repo/pictures';

const listQuery = z.object({
  category: z.string().max(20).optional(),
  /** A search by name: every word must appear (case-insensitive). */
  q: z.string().max(40).optional(),
});

function view(p: Product) {
  const pictures = (p.pictures ?? []).map(pictureUrl);
  return {
    productId: p.productId,
    name: p.name,
    price: p.price,
    poolContribution: p.poolContribution,
    dividendContribution: p.dividendContribution,
    stock: p.stock,
    // The cover, for older clients; `pictures` holds all of them.
    image: pictures[0] ?? p.image,
    pictures,
    category: p.category ?? '',
    description: p.description ?? '',
  };
}

function matches(p: Product, category: string | undefined, words: string[]): boolean {
  if (category && p.category !== category) return false;
  const name = p.name.toLowerCase();
  return words.every((w) => name.includes(w));
}

export const list = route({ auth: false }, async (c) => {
  const q = listQuery.parse(c.query);
  const words = (q.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const category = q.category?.trim() || undefined;
  return {
    body: (await listProducts()).filter((p) => p.active && matches(p, category, words)).map(view),
  };
});

/** The categories of active products, in first-seen order, with how many products each has. */
export const categories = route({ auth: false }, async () => {
  const counts = new Map<string, number>();
  for (const p of await listProducts())
    if (p.active && p.category) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
  return { body: { categories: [...counts].map(([name, count]) => ({ name, count })) } };
});
