// The shop's catalogue as shoppers browse it: active products, by category and name.
import type { Product } from '../model';

/** The products and where their pictures are read (adapters/pictures.ts in production). */
export interface CatalogueDeps {
  catalogue: { list(): Promise<Product[]> };
  pictureUrl(key: string): string;
}

function view(d: CatalogueDeps, p: Product) {
  const pictures = (p.pictures ?? []).map(d.pictureUrl);
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

/** Active products of a category (or all), whose name holds every word of `q` (case-insensitive). */
export async function browse(d: CatalogueDeps, q: { category?: string; q?: string }) {
  const words = (q.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const category = q.category?.trim() || undefined;
  return (await d.catalogue.list()).filter((p) => p.active && matches(p, category, words)).map((p) => view(d, p));
}

/** The categories of active products, in first-seen order, with how many products each has. */
export async function categories(d: CatalogueDeps) {
  const counts = new Map<string, number>();
  for (const p of await d.catalogue.list())
    if (p.active && p.category) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, count }));
}

/** Staff's product writes (repo/repository.ts productItem on DynamoDB). */
export interface ProductAdmin {
  /** Creates or replaces the product (not in a transaction: nothing else moves with it). */
  save(p: Product): Promise<void>;
}
