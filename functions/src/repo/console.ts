// The staff console's reads on DynamoDB (domain/operator/console-ports.ts): the sum of every wallet (a
// Scan filtered on wallet items), users by nickname (GSI2 NICKNAME#<shard>), the parameters'
// versions (CONFIG / V#…), orders by status (GSI2) or by user (GSI1) between two dates, and
// every product (GSI1 PRODUCTS). Nothing here writes.
import { emptyWallet, validateParams, wideDec, type WideDec } from '@greenpoints/shared';
import type { ConsoleStore, OrderQuery } from '../domain/operator/console-ports';
import { batchGet, query, scanType, type Item } from './ddb';
import { gsi, itemKey, NICKNAME_SHARDS, partitions, skBounds, skPrefixes, statusListCursor } from './keys';
import { decodeCursor, encodeCursor } from './cursor';
import { listProducts, toOrder } from './repository';

const WALLET_FIELDS = Object.keys(emptyWallet());

async function walletTotals() {
  const sums = new Map<string, WideDec>(WALLET_FIELDS.map((f) => [f, wideDec(0)]));
  let wallets = 0;
  await scanType('wallet', WALLET_FIELDS, (i) => {
    wallets++;
    for (const f of WALLET_FIELDS) if (typeof i[f] === 'string') sums.set(f, sums.get(f)!.plus(i[f] as string));
  });
  return { sums: Object.fromEntries([...sums].map(([f, v]) => [f, v.toFixed()])), wallets };
}

async function usersByNickname(prefix: string, limit: number) {
  const pages = await Promise.all(
    Array.from({ length: NICKNAME_SHARDS }, (_, k) =>
      query({ pk: gsi.nicknames(k), index: 'GSI2', skPrefix: prefix, limit }),
    ),
  );
  return pages
    .flatMap((p) => p.items)
    .map((i) => {
      const sk = String(i.GSI2SK);
      const at = sk.lastIndexOf('#');
      return { nickname: sk.slice(0, at), userId: sk.slice(at + 1) };
    })
    .sort((a, b) => a.nickname.localeCompare(b.nickname) || a.userId.localeCompare(b.userId))
    .slice(0, limit);
}

async function configVersions(limit: number, cursor?: string) {
  const pk = partitions.config;
  const r = await query({
    pk,
    skPrefix: skPrefixes.configVersion,
    newestFirst: true,
    limit,
    cursor: decodeCursor(cursor, pk),
  });
  const items = r.items.map((i) => ({
    version: Number(i.version),
    at: String(i.at ?? ''),
    params: validateParams(JSON.parse(String(i.params))),
  }));
  return { items, cursor: encodeCursor(r.next) };
}

/**
 * The status index (GSI2, keys only) between two dates over its write shards, newest first: each
 * shard read up to the cursor's sort key (included, then dropped), merged; the cursor is the last
 * sort key returned, under the unsharded key, as the operator's list does (repo/queries.ts).
 */
async function statusKeys(q: OrderQuery, limit: number, cursor?: string) {
  const [base, ...rest] = gsi.ordersByStatus(q.status ?? '');
  const after = decodeCursor(cursor, base!, 'GSI2PK')?.GSI2SK;
  const [lo, top] = skBounds.createdBetween(q.from, q.to);
  const hi = after !== undefined && String(after) < top ? String(after) : top;
  const pages = await Promise.all(
    [base!, ...rest].map((pk) =>
      query({ pk, index: 'GSI2', newestFirst: true, limit: limit + 1, skBetween: [lo, hi] }),
    ),
  );
  const all = pages
    .flatMap((r) => r.items)
    .filter((i) => after === undefined || String(i.GSI2SK) !== String(after))
    .sort((a, b) => (String(a.GSI2SK) < String(b.GSI2SK) ? 1 : -1));
  const keys = all.slice(0, limit);
  const more = all.length > limit || pages.some((r) => r.next);
  const last = keys[keys.length - 1];
  return {
    keys,
    cursor: more && last ? encodeCursor(statusListCursor(q.status ?? '', String(last.GSI2SK))) : undefined,
  };
}

/** A user's orders (GSI1) between two dates, newest first. */
async function userKeys(userId: string, q: OrderQuery, limit: number, cursor?: string) {
  const pk = gsi.userOrders(userId);
  const r = await query({
    pk,
    index: 'GSI1',
    skBetween: skBounds.createdBetween(q.from, q.to),
    newestFirst: true,
    limit,
    cursor: decodeCursor(cursor, pk, 'GSI1PK'),
  });
  return { keys: r.items, cursor: encodeCursor(r.next) };
}

/** The status index or the user's orders, then the orders themselves. */
async function orders(q: OrderQuery, limit: number, cursor?: string) {
  const page = q.userId ? await userKeys(q.userId, q, limit, cursor) : await statusKeys(q, limit, cursor);
  const items = await batchGet(page.keys.map(itemKey));
  const byKey = new Map(items.map((i: Item) => [String(i.PK), toOrder(i)]));
  return { items: page.keys.flatMap((k) => byKey.get(String(k.PK)) ?? []), cursor: page.cursor };
}

export const consoleStore: ConsoleStore = {
  walletTotals,
  usersByNickname,
  configVersions,
  orders,
  products: listProducts,
};
