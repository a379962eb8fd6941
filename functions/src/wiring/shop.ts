// Composition root of the shop area: a shopper's address book and profile.
import type { Stores } from '../domain/deps';
import { addressStore, profileStore } from '../repo/shopper';

export const shop: Pick<Stores, 'addresses' | 'profiles'> = { addresses: addressStore, profiles: profileStore };
