// The shopper's address book (收货地址): up to 20 addresses in one item per user, guarded by a
// version, so the default address can never be two or none. Regions are GB/T 2260 codes; the
// names are derived here, never taken from the client.
import { randomBytes } from 'crypto';
import { isDeliveryCode, regionText } from '@greenpoints/shared/src/regions';
import { claimOp, type Idem } from '../idempotency';
import { DomainError, IdempotencyRace } from '../errors';
import type { Address, AddressBook } from './ports';
import type { Write } from '../ports';
import { Tx } from '../tx';
import type { Deps } from '../deps';

export type { Address } from './ports';

export const MAX_ADDRESSES = 20;
/** Mainland mobile numbers (11 digits, 13x–19x). */
export const PHONE_RE = /^1[3-9]\d{9}$/;

export interface AddressInput {
  name: string;
  phone: string;
  regionCode: string;
  detail: string;
  isDefault?: boolean;
}

/** What an order keeps: the address as it was when the order was placed. */
export type OrderAddress = Omit<Address, 'addressId' | 'isDefault'> & { addressId?: string };

const readBook = (d: Pick<Deps, 'addresses'>, userId: string): Promise<AddressBook> => d.addresses.get(userId);

/** The new list, guarded by the version of the book it was computed from. */
const writeOp = (d: Pick<Deps, 'addresses'>, userId: string, book: AddressBook, list: Address[]): Write =>
  d.addresses.put(userId, list, book.version);

/** The edge's checks beyond the schema: a mobile number and a region code that exists. */
export function checkAddress(a: AddressInput): Omit<Address, 'addressId' | 'isDefault'> {
  if (!PHONE_RE.test(a.phone))
    throw new DomainError('invalid', 'invalid_phone', 'phone: a mainland mobile number, 11 digits');
  if (!isDeliveryCode(a.regionCode))
    throw new DomainError(
      'invalid',
      'invalid_region',
      'regionCode: a GB/T 2260 district code (the most specific level)',
    );
  return {
    name: a.name.trim(),
    phone: a.phone,
    regionCode: a.regionCode,
    region: regionText(a.regionCode),
    detail: a.detail.trim(),
  };
}

/** Exactly one default when the book is not empty: the chosen one, else the first. */
function withDefault(list: Address[], defaultId?: string): Address[] {
  const id =
    defaultId && list.some((a) => a.addressId === defaultId) ? defaultId : list.find((a) => a.isDefault)?.addressId;
  const chosen = id ?? list[0]?.addressId;
  return list.map((a) => ({ ...a, isDefault: a.addressId === chosen }));
}

const notFoundAddress = () => new DomainError('not_found', 'address_not_found', 'no such address in your address book');

export async function listAddresses(
  d: Pick<Deps, 'addresses'>,
  userId: string,
): Promise<{ addresses: Address[]; defaultId: string | null }> {
  const { list } = await readBook(d, userId);
  return { addresses: list, defaultId: list.find((a) => a.isDefault)?.addressId ?? null };
}

export async function getAddress(d: Pick<Deps, 'addresses'>, userId: string, addressId: string): Promise<Address> {
  const a = (await readBook(d, userId)).list.find((x) => x.addressId === addressId);
  if (!a) throw notFoundAddress();
  return a;
}

/** Adds an address once per Idempotency-Key (a double tap adds one). */
export async function addAddress(
  d: Pick<Deps, 'addresses' | 'idempotency' | 'tx'>,
  userId: string,
  idem: Idem,
  input: AddressInput,
): Promise<{ status: number; body: Address }> {
  const clean = checkAddress(input);
  const book = await readBook(d, userId);
  if (book.list.length >= MAX_ADDRESSES)
    throw new DomainError('conflict', 'address_book_full', `at most ${MAX_ADDRESSES} addresses; delete one first`);
  const addressId = `a${randomBytes(6).toString('hex')}`;
  const list = withDefault(
    [...book.list, { addressId, ...clean, isDefault: false }],
    input.isDefault ? addressId : undefined,
  );
  const created = list.find((a) => a.addressId === addressId)!;
  const tx = new Tx(d.tx);
  tx.add(claimOp(d, idem, { status: 201, body: created }), new IdempotencyRace());
  tx.add(writeOp(d, userId, book, list));
  await tx.commit();
  return { status: 201, body: created };
}

export async function updateAddress(
  d: Pick<Deps, 'addresses' | 'tx'>,
  userId: string,
  addressId: string,
  input: AddressInput,
): Promise<Address> {
  const clean = checkAddress(input);
  const book = await readBook(d, userId);
  if (!book.list.some((a) => a.addressId === addressId)) throw notFoundAddress();
  const edited = book.list.map((a) => (a.addressId === addressId ? { ...a, ...clean } : a));
  // Unticking the default keeps it (there must be one); ticking another moves it.
  const list = withDefault(edited, input.isDefault ? addressId : undefined);
  await new Tx(d.tx).add(writeOp(d, userId, book, list)).commit();
  return list.find((a) => a.addressId === addressId)!;
}

export async function deleteAddress(
  d: Pick<Deps, 'addresses' | 'tx'>,
  userId: string,
  addressId: string,
): Promise<{ deleted: string; defaultId: string | null }> {
  const book = await readBook(d, userId);
  if (!book.list.some((a) => a.addressId === addressId)) throw notFoundAddress();
  const list = withDefault(book.list.filter((a) => a.addressId !== addressId));
  await new Tx(d.tx).add(writeOp(d, userId, book, list)).commit();
  return { deleted: addressId, defaultId: list.find((a) => a.isDefault)?.addressId ?? null };
}

/**
 * The address an order keeps: an entry of the book (`addressId`), a full address with a region
 * code (checked like the book's), or the older free-text form {region, detail}.
 */
export async function orderAddress(
  d: Pick<Deps, 'addresses'>,
  userId: string,
  req: { addressId?: string; address?: AddressInput | { region: string; detail: string } },
): Promise<OrderAddress | { region: string; detail: string }> {
  if (req.addressId) {
    const { isDefault: _d, ...a } = await getAddress(d, userId, req.addressId);
    return a;
  }
  const a = req.address;
  if (!a) throw new DomainError('invalid', 'invalid_request', 'addressId or address is required');
  if ('regionCode' in a) return checkAddress(a);
  return a;
}
