// The shop area's ports: a shopper's address book and profile.
import type { Write } from '../ports';
import type { BookAddress } from '@greenpoints/shared';

/** An address-book entry: the contract's `BookAddress` (shared/src/api). */
export type Address = BookAddress;

export interface AddressBook {
  list: Address[];
  version: number; // 0: no book yet
}

export interface AddressStore {
  get(userId: string): Promise<AddressBook>;
  /** The new list, guarded by the version it was computed from (0: must not exist yet). */
  put(userId: string, list: Address[], priorVersion: number): Write;
}

export interface ProfileFields {
  nickname: string;
  avatar: string;
}

export interface ProfileStore {
  /** undefined: no such user. */
  get(userId: string): Promise<ProfileFields | undefined>;
  /** Changes an existing user's profile (no stray item for an unknown user). */
  update(userId: string, change: Partial<ProfileFields>): Write;
}

/** The shop area's stores (the catalogue's are in catalogue.ts). */
export interface ShopStores {
  addresses: AddressStore;
  profiles: ProfileStore;
}
