// Composition root of the shop's catalogue: the products (and where their pictures are read),
// and staff's product writes.
import type { CatalogueDeps, ProductAdmin } from '../domain/shop/catalogue';
import { listProducts, productItem } from '../repo/repository';
import { putItem } from '../repo/ddb';
import { pictureUrl } from '../adapters/pictures';

export const catalogue: CatalogueDeps = { catalogue: { list: listProducts }, pictureUrl };

export const productAdmin: { productAdmin: ProductAdmin } = {
  productAdmin: { save: (p) => putItem(productItem(p)) },
};
