// The staff console's reads on DynamoDB (domain/operator/console-ports.ts): the sum of every wallet (a
// Scan filtered on wallet items), users by nickname (GSI2 NICKNAME#<shard>), the parameters'
// versions (CONFIG / V#…), orders by status (GSI2) or by user (GSI1) between two dates, and
// every product (GSI1 PRODUCTS). Nothing here writes.
import { emptyWallet, validateParams, wideDec, type WideDec } from '@greenpoints/shared';
import type { ConsoleStore, OrderQuery } from '../domain/operator/console-ports';
import { batchGet, query, scanType, type Item } from './ddb';
import { gsi, itemKey, NICKNAME_SHARDS, partitions, skBounds, skPrefixes } from './keys';
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

/** The status index (GSI2, keys only) or the user's orders (GSI1), then the orders themselves. */
async function orders(q: OrderQuery, limit: number, cursor?: string) {
  const [index, pk] = q.userId
    ? (['GSI1', gsi.userOrders(q.userId)] as const)
    : (['GSI2', gsi.ordersByStatus(q.status ?? '')] as const);
  const r = await query({
    pk,
    index,
    skBetween: skBounds.createdBetween(q.from, q.to),
    newestFirst: true,
    limit,
    cursor: decodeCursor(cursor, pk, `${index}PK`),
  });
  const items = await batchGet(r.items.map(itemKey));
  const byKey = new Map(items.map((i: Item) => [String(i.PK), toOrder(i)]));
  return { items: r.items.flatMap((k) => byKey.get(String(k.PK)) ?? []), cursor: encodeCursor(r.next) };
}

export const consoleStore: ConsoleStore = {
  walletTotals,
  usersByNickname,
  configVersions,
  orders,
  products: listProducts,
};
