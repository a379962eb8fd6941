// The DynamoDB stores of a shopper's own items (domain/ports.ts, domain/shop/ports.ts): Idempotency-Keys, the address
// book and the profile's nickname and avatar (docs/data-model.md).
import type { Address, AddressStore, ProfileStore } from '../domain/shop/ports';
import type { IdempotencyStore, StoredResponse } from '../domain/ports';
import { getItem, type Item } from './ddb';
import { keys, nicknameIndexAttrs, NICKNAME_INDEX_ATTRS } from './keys';
import { asWrite } from './writes';

// ---------- idempotency keys ----------
/** Old keys expire on AWS (TTL, seconds): 7 days. */
const IDEM_TTL_S = 7 * 86400;

export const idempotencyStore: IdempotencyStore = {
  async read(userId, key) {
    const i = await getItem(keys.idem(userId, key));
    if (!i) return undefined;
    return {
      hash: String(i.hash),
      status: i.status === 'done' ? 'done' : 'pending',
      response: typeof i.response === 'string' ? (JSON.parse(i.response) as StoredResponse) : undefined,
      eventId: typeof i.eventId === 'string' ? i.eventId : undefined,
    };
  },
  claim(idem, response, eventId) {
    const item: Item = {
      ...keys.idem(idem.userId, idem.key),
      type: 'idem',
      hash: idem.hash,
      status: response ? 'done' : 'pending',
      createdAt: new Date().toISOString(),
      expiresAt: Math.floor(Date.now() / 1000) + IDEM_TTL_S,
    };
    if (response) item.response = JSON.stringify(response);
    if (eventId) item.eventId = eventId;
    return asWrite({ op: 'create', item });
  },
  finish: (idem, response) =>
    asWrite({
      op: 'set',
      key: keys.idem(idem.userId, idem.key),
      values: { status: 'done', response: JSON.stringify(response) },
      ifEquals: { hash: idem.hash },
    }),
};

// ---------- address books: one item per user, guarded by its version ----------
export const addressStore: AddressStore = {
  async get(userId) {
    const i = await getItem(keys.addressBook(userId));
    if (!i) return { list: [], version: 0 };
    return { list: JSON.parse(String(i.list ?? '[]')) as Address[], version: Number(i.version) };
  },
  put: (userId, list, prior) =>
    asWrite({
      op: 'put',
      item: { ...keys.addressBook(userId), type: 'addresses', userId, list: JSON.stringify(list), version: prior + 1 },
      ifVersion: prior === 0 ? null : prior,
    }),
};

// ---------- profiles: fields of the user's own item ----------
export const profileStore: ProfileStore = {
  async get(userId) {
    const u = await getItem(keys.user(userId));
    if (!u) return undefined;
    return { nickname: String(u.nickname ?? ''), avatar: String(u.avatar ?? '') };
  },
  update: (userId, change) => {
    const values: Item = {};
    if (change.nickname !== undefined)
      Object.assign(values, { nickname: change.nickname }, nicknameIndexAttrs(change.nickname, userId));
    if (change.avatar !== undefined) values.avatar = change.avatar;
    // The nickname index moves with the nickname (none for an empty one).
    const remove = change.nickname === '' ? NICKNAME_INDEX_ATTRS : undefined;
    // Only an existing user's item (its type): no stray item for an unknown id.
    return asWrite({
      op: 'set',
      key: keys.user(userId),
      values,
      ifEquals: { type: 'user' },
      ...(remove ? { remove } : {}),
    });
  },
};
