// The index keys every pool event writes are write-sharded (docs/performance.md "Partitions an
// event writes"); their readers read every shard and merge. Here on DynamoDB Local: the operator's
// list of orders by status pages through the shards newest first, with no order twice or left
// out, and an order still under the unsharded key of before is found too.
import { call, login, staff, ADDRESS } from './helpers';
import { gsi, INDEX_SHARDS, keys, unshardedStatusIndex } from '../../functions/src/repo/keys';

type Row = { orderId: string; createdAt: string };

async function newOrder(token: string): Promise<string> {
  const o = await call('POST', '/orders', {
    token,
    body: { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat', address: ADDRESS },
  });
  expect(o.status).toBe(201);
  expect(o.body.status).toBe('created');
  return o.body.orderId as string;
}

/** Pages list-orders (status created) until every id of `mine` was seen; bounded. */
async function pageUntilSeen(mine: string[], limit: number): Promise<Row[]> {
  const seen: Row[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 500; page++) {
    const r = await staff('list-orders', { status: 'created', limit, ...(cursor ? { cursor } : {}) });
    expect(r.ok).toBe(true);
    seen.push(...(r.result.rows as Row[]));
    cursor = r.result.cursor;
    if (!cursor || mine.every((id) => seen.some((s) => s.orderId === id))) break;
  }
  return seen;
}

describe('write-sharded index keys', () => {
  it('the orders of one status come newest first across the shards, each once, on pages', async () => {
    const u = await login();
    const mine: string[] = [];
    for (let i = 0; i < 12; i++) mine.push(await newOrder(u.token));
    // The 12 ids land in more than one shard of the status index.
    const shards = new Set(mine.map((id) => gsi.orderStatus('created', id)));
    expect(shards.size).toBeGreaterThan(1);
    expect(shards.size).toBeLessThanOrEqual(INDEX_SHARDS);
    const seen = await pageUntilSeen(mine, 5);
    const ids = seen.map((s) => s.orderId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of mine) expect(ids).toContain(id);
    const keysOf = seen.map((s) => `${s.createdAt}#${s.orderId}`);
    expect(keysOf).toEqual([...keysOf].sort().reverse());
  });

  it('an order indexed under the unsharded key of before is listed too', async () => {
    const u = await login();
    const id = await newOrder(u.token);
    const { transact } = await import('../../functions/src/repo/ddb');
    await transact([
      { op: 'set', key: keys.order(id), values: unshardedStatusIndex('created'), ifEquals: { status: 'created' } },
    ]);
    const ids = (await pageUntilSeen([id], 50)).map((s) => s.orderId);
    expect(ids).toContain(id);
  });
});
