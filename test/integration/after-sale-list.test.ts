// 售后记录 (GET /after-sale) over HTTP on the shared stack: the caller's own after-sale requests,
// newest first, paged by a sealed cursor; and the migration (backfill-user-lists) that lists the
// withdrawals and requests written before the per-user lists existed, once.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { call, completedOrder, login, sellHalf, settled, shippedOrder, staff, uniq } from './helpers';
import { ddb, marshal } from '../../functions/src/repo/ddb';
import { keys } from '../../functions/src/repo/keys';
import { tableName } from '../../functions/src/repo/table';

/** A received order of the caller's and a request on it; the request's id. */
async function requested(token: string, kind: 'return' | 'refund_only', reason: string): Promise<string> {
  const id = await shippedOrder(token);
  const c = await settled('POST', `/orders/${id}/confirm`, { token, body: {} });
  expect(c.body.status).toBe('received');
  const r = await call('POST', `/orders/${id}/after-sale`, {
    token,
    body: { kind, items: [{ productId: 'rice-10kg', qty: 1 }], reason },
  });
  expect(r.status).toBe(201);
  return r.body.requestId as string;
}

/** The item as it was before the per-user lists: no GSI2 entry. */
async function unlist(key: { PK: string; SK: string }) {
  await ddb().send(
    new UpdateItemCommand({ TableName: tableName(), Key: marshal(key), UpdateExpression: 'REMOVE GSI2PK, GSI2SK' }),
  );
}

const listed = async (token: string, path: string, field: string) =>
  ((await call('GET', `${path}?limit=100`, { token })).body.items as Array<Record<string, string>>).map(
    (x) => x[field],
  );

it('GET /after-sale: the caller’s own requests, newest first, paged by a sealed cursor', async () => {
  const u = await login(uniq('aslist'));
  const ids: string[] = [];
  for (const [kind, reason] of [
    ['return', '尺码不合适'],
    ['refund_only', '少发了'],
    ['return', '包装破损'],
  ] as const)
    ids.push(await requested(u.token, kind, reason));
  const p1 = await call('GET', '/after-sale?limit=2', { token: u.token });
  expect(p1.status).toBe(200);
  expect(p1.body.items.map((r: any) => r.requestId)).toEqual([ids[2], ids[1]]);
  expect(p1.body.items[1]).toMatchObject({
    kind: 'refund_only',
    reason: '少发了',
    status: 'requested',
    amount: '100.00',
    items: [{ productId: 'rice-10kg', qty: 1 }],
    createdAt: expect.any(String),
  });
  // Each row is the request as GET /after-sale/{id} shows it (without the parcels).
  const one = await call('GET', `/after-sale/${ids[1]}`, { token: u.token });
  const { shipment: _s, ...rest } = one.body;
  expect(p1.body.items[1]).toEqual(rest);
  expect(typeof p1.body.cursor).toBe('string');
  const p2 = await call('GET', `/after-sale?limit=2&cursor=${p1.body.cursor}`, { token: u.token });
  expect(p2.body.items.map((r: any) => r.requestId)).toEqual([ids[0]]);
  expect(p2.body.cursor).toBeUndefined();

  const other = await login(uniq('asother'));
  expect((await call('GET', '/after-sale', { token: other.token })).body.items).toEqual([]);
  const foreign = await call('GET', `/after-sale?cursor=${p1.body.cursor}`, { token: other.token });
  expect(foreign.status).toBe(400);
  expect(foreign.body.error.code).toBe('invalid_cursor');
  expect((await call('GET', '/after-sale?limit=0', { token: u.token })).status).toBe(400);
  expect((await call('GET', '/after-sale', {})).status).toBe(401);
});

it('backfill-user-lists lists the withdrawals and requests written before the lists, once', async () => {
  const u = await login(uniq('asmig'));
  await completedOrder(u.token, 'rice-10kg', 2);
  await sellHalf(u.token);
  const wr = await call('POST', '/withdrawals', { token: u.token, body: { amount: '1.00' } });
  expect(wr.status).toBe(201);
  const requestId = await requested(u.token, 'refund_only', '不想要了');
  await unlist(keys.withdrawal(wr.body.withdrawalId));
  await unlist(keys.afterSale(requestId));
  expect(await listed(u.token, '/withdrawals', 'withdrawalId')).toEqual([]);
  expect(await listed(u.token, '/after-sale', 'requestId')).toEqual([]);

  const first = await staff('backfill-user-lists', {});
  expect(first.ok).toBe(true);
  expect(first.result.indexed).toBeGreaterThanOrEqual(2);
  expect(first.result.examined).toBeGreaterThanOrEqual(first.result.indexed);
  expect(await listed(u.token, '/withdrawals', 'withdrawalId')).toEqual([wr.body.withdrawalId]);
  expect(await listed(u.token, '/after-sale', 'requestId')).toEqual([requestId]);

  // Again: nothing left to index, nothing listed twice.
  const again = await staff('backfill-user-lists', {});
  expect(again.result.indexed).toBe(0);
  expect(await listed(u.token, '/withdrawals', 'withdrawalId')).toEqual([wr.body.withdrawalId]);
  expect(await listed(u.token, '/after-sale', 'requestId')).toEqual([requestId]);
  // Bad input changes nothing.
  expect((await staff('backfill-user-lists', { now: 'x' })).ok).toBe(false);
});
