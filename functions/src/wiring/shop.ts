// Composition root of the shop area: the catalogue (and its pictures), a shopper's address book
// and profile.
import type { Stores } from '../domain/deps';
import type { CatalogueDeps, ProductAdmin } from '../domain/shop/catalogue';
import { addressStore, profileStore } from '../repo/shopper';
import { listProducts, productItem } from '../repo/repository';
import { putItem } from '../repo/ddb';
import { pictureUrl } from '../adapters/pictures';

export const shop: Pick<Stores, 'addresses' | 'profiles'> = { addresses: addressStore, profiles: profileStore };

export const catalogue: CatalogueDeps = { catalogue: { list: listProducts }, pictureUrl };

export const productAdmin: { productAdmin: ProductAdmin } = {
  productAdmin: { save: (p) => putItem(productItem(p)) },
};
