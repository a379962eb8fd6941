import { apiBase } from '../api/request';
import type { Product } from '../api';

/** A picture address from the API: relative ones (/pictures/… on the local stage) live at the API. */
export function assetUrl(url: string): string {
  return url.startsWith('/') ? apiBase() + url : url;
}

/** A product's pictures, cover first (older servers sent only `image`). */
export function picturesOf(p: Product): string[] {
  const list = p.pictures?.length ? p.pictures : p.image ? [p.image] : [];
  return list.map(assetUrl);
}

export const isSoldOut = (p: Product) => Number(p.stock) <= 0;
