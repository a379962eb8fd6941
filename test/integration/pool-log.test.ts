// The pool as a log on DynamoDB Local (private table, backend in-process): a crash between the
// pool transaction and its projection, or in the middle of the projection, is finished by the
// next drainer exactly once; a refused held event gives its reserve back.
import { dec } from '@greenpoints/shared';
import { partitions, skPrefixes } from '../../functions/src/repo/keys';
import { buy, fn, freshTable, login, ok, product, reconcileClean, wallet } from './programme/world';
import { deps } from '../ddb-deps';

const applier = () => import('../../functions/src/domain/wallet/applier');
const projection = () => import('../../functions/src/domain/wallet/projection');
const poollog = () => import('../../functions/src/repo/poollog');

beforeAll(async () => {
  await freshTable('poollog');
  await product('pl-100', '100.00', '30.00', '5.00');
  // Exempt from returns without a reason: a shipped order of it completes at receipt, at once.
  await ok('upsert-product', {
    productId: 'pl-ex',
    name: 'pl-ex',
    price: '100.00',
    poolContribution: '30.00',
    dividendContribution: '5.00',
    stock: 100000,
    noReasonReturn: false,
  });
});

afterEach(async () => {
  (await applier()).applierHooks.afterCommit = undefined;
  (await projection()).projectionHooks.afterWallets = undefined;
});

/** Lets the drain a completion started in the background finish, so nothing drains behind the test. */
async function quiet() {
  expect(await (await applier()).drainUntilEmpty(deps)).toBe(true);
}

/** Queues a sell (with its reserve) without draining. */
async function queueSell(userId: string, eventId: string, points: string) {
  const { addSubmission } = await applier();
  const { Tx } = await import('../../functions/src/domain/tx');
  const tx = new Tx(deps.tx);
  await addSubmission(
    deps,
    tx,
    { eventId, userId, event: { kind: 'sell', user: userId, points, reason: 'sell' } },
    new Error('dup'),
  );
  await tx.commit();
}

/** A shipped order whose completion is queued (not drained). */
async function queueCompletion(userId: string): Promise<{ orderId: string; eventId: string }> {
  const o = await fn.orders();
  const key = `k${Math.random().toString(36).slice(2)}`;
  const r = await o.createOrder(
    deps,
    userId,
    { userId, key, hash: key },
    {
      items: [{ productId: 'pl-ex', qty: 1 }],
      payWith: 'wechat',
      address: { region: '浙江省', detail: '1 号', phone: '13800138000' },
    },
  );
  const orderId = (r.body as { orderId: string }).orderId;
  await o.markPaid(deps, orderId, { userId });
  await ok('ship-order', { orderId, carrier: '顺丰速运', trackingNo: 'SF1234567890' });
  return { orderId, ...(await o.startCompletion(deps, orderId)) };
}

async function head() {
  const { params } = await (await fn.repo()).getParams(true);
  return (await poollog()).poolLogStore.head(params);
}

async function ledgerOf(userId: string, eventId: string) {
  const { queryAll } = await fn.ddb();
  return (await queryAll({ pk: partitions.user(userId), skPrefix: skPrefixes.ledger })).filter(
    (l) => l.eventId === eventId,
  );
}

it('a crash between the pool transaction and its projection: the next drainer projects it once', async () => {
  const a = await login('pl-a');
  const b = await login('pl-b');
  await buy(a, 'pl-100');
  await quiet();
  const w0 = await wallet(a);
  await queueSell(a, 'ev_plcrash1', '1');
  const { orderId, eventId: completion } = await queueCompletion(b);
  expect(await wallet(a)).toMatchObject({ equityReserved: '1', equity: dec(w0.equity).minus(1).toFixed() });

  const ap = await applier();
  const h0 = await head();
  ap.applierHooks.afterCommit = () => {
    throw new Error('injected crash after the pool transaction');
  };
  await expect(ap.drain(deps)).rejects.toThrow('injected crash');
  ap.applierHooks.afterCommit = undefined;
  // Committed, nothing projected: the pool moved, no wallet, order or record did.
  const h1 = await head();
  expect(h1).toMatchObject({ batch: h0.batch + 1, projected: h0.batch });
  expect(h1.pool.seq).toBe(h0.pool.seq + 2);
  const { getEvent, getOrder } = await fn.repo();
  expect((await getEvent('ev_plcrash1'))?.status).toBe('pending');
  expect((await getOrder(orderId))?.status).toBe('completing');
  expect(await wallet(a)).toEqual(await wallet(a)); // stable read
  expect((await wallet(a)).cash).toBe(w0.cash);

  const before = ap.drainStats.reprojected;
  expect(await ap.drain(deps)).toBe(true);
  expect(ap.drainStats.reprojected).toBe(before + 1);
  const rec = await getEvent('ev_plcrash1');
  expect(rec?.status).toBe('applied');
  const payout = (rec!.outcome as { payout: string }).payout;
  expect(await wallet(a)).toMatchObject({
    equityReserved: '0',
    cash: dec(w0.cash).plus(payout).toFixed(2),
    equity: dec(w0.equity).minus(1).toFixed(),
  });
  expect((await getOrder(orderId))?.status).toBe('completed');
  expect((await getEvent(completion))?.status).toBe('applied');
  expect((await ledgerOf(a, 'ev_plcrash1')).map((l) => `${l.field} ${l.delta}`).sort()).toEqual(
    [`cash +${payout}`, 'equityReserved -1'].sort(),
  );
  expect(await head()).toMatchObject({ batch: h0.batch + 1, projected: h0.batch + 1 });

  // Projecting the same batch again (a third drainer that raced) changes nothing.
  const { poolLogStore, projectionStore } = await poollog();
  const log = await poolLogStore.getBatch(h0.batch + 1);
  const wBefore = await wallet(a);
  await (await projection()).project(log!, projectionStore);
  expect(await wallet(a)).toEqual(wBefore);
  expect(await ledgerOf(a, 'ev_plcrash1')).toHaveLength(2);
  expect(await reconcileClean()).toEqual([]);
});

it('a crash in the middle of the projection: the rest is written, the wallets are not credited twice', async () => {
  const a = await login('pl-c');
  await buy(a, 'pl-100');
  await quiet();
  const w0 = await wallet(a);
  await queueSell(a, 'ev_plcrash2', '2');
  const pj = await projection();
  pj.projectionHooks.afterWallets = () => {
    throw new Error('injected crash after the wallets');
  };
  const ap = await applier();
  await expect(ap.drain(deps)).rejects.toThrow('injected crash');
  pj.projectionHooks.afterWallets = undefined;
  const credited = await wallet(a);
  expect(credited.equityReserved).toBe('0');
  const { getEvent } = await fn.repo();
  expect((await getEvent('ev_plcrash2'))?.status).toBe('pending');

  const skipped = pj.projectionStats.partsSkipped;
  expect(await ap.drain(deps)).toBe(true);
  expect(pj.projectionStats.partsSkipped).toBeGreaterThan(skipped);
  expect(await wallet(a)).toEqual({ ...credited });
  const rec = await getEvent('ev_plcrash2');
  expect(rec?.status).toBe('applied');
  expect(dec(credited.cash).minus(w0.cash).toFixed(2)).toBe((rec!.outcome as { payout: string }).payout);
  expect(await reconcileClean()).toEqual([]);
});

it('a held event the pool refuses gives its reserve back', async () => {
  const a = await login('pl-d');
  await buy(a, 'pl-100');
  await quiet();
  const w0 = await wallet(a);
  // Worth less than ¥0.01 after the fee: the engine refuses it in the batch.
  await queueSell(a, 'ev_pltiny', '0.000001');
  expect((await wallet(a)).equityReserved).toBe('0.000001');
  expect(await (await applier()).drain(deps)).toBe(true);
  const rec = await (await fn.repo()).getEvent('ev_pltiny');
  expect(rec).toMatchObject({ status: 'rejected', error: { code: 'amount_too_small' } });
  expect(await wallet(a)).toEqual(w0);
  expect((await ledgerOf(a, 'ev_pltiny')).map((l) => `${l.kind} ${l.field} ${l.delta}`).sort()).toEqual([
    'release equity +0.000001',
    'release equityReserved -0.000001',
  ]);
  expect(await reconcileClean()).toEqual([]);
});

it('one pool write per batch: many events, a constant number of writes on the pool partition', async () => {
  const users = await Promise.all(Array.from({ length: 6 }, (_, i) => login(`pl-many-${i}`)));
  for (const u of users) await buy(u, 'pl-100');
  await quiet();
  const { writeStats } = await fn.ddb();
  for (const [i, u] of users.entries()) await queueSell(u, `ev_plmany${i}`, '0.5');
  for (const u of users) await queueCompletion(u);
  const h0 = await head();
  const pool0 = writeStats.pool;
  expect(await (await applier()).drain(deps)).toBe(true);
  const h1 = await head();
  expect(h1.batch).toBe(h0.batch + 1); // all twelve in one batch
  expect(h1.pool.seq - h0.pool.seq).toBe(12);
  // the pool item's put and the projected mark: 2 writes for 12 events
  expect(writeStats.pool - pool0).toBe(2);
  expect(await reconcileClean()).toEqual([]);
});

it('a batch projected in part before: the grouped projection writes only the parts and orders still missing', async () => {
  const users = await Promise.all(Array.from({ length: 4 }, (_, i) => login(`pl-part-${i}`)));
  for (const u of users) await buy(u, 'pl-100');
  await quiet();
  const w0 = await Promise.all(users.map((u) => wallet(u)));
  for (const [i, u] of users.entries()) await queueSell(u, `ev_plpart${i}`, '1');
  const { orderId } = await queueCompletion(users[0]!);
  const ap = await applier();
  ap.applierHooks.afterCommit = () => {
    throw new Error('injected crash after the pool transaction');
  };
  await expect(ap.drain(deps)).rejects.toThrow('injected crash');
  ap.applierHooks.afterCommit = undefined;
  // A drainer that died mid-projection: one user's part and the order are written, the rest not.
  const h = await head();
  const { poolLogStore, projectionStore } = await poollog();
  const log = (await poolLogStore.getBatch(h.batch))!;
  const pj = await projection();
  const parts = pj.userParts(log);
  const u1 = users[1]!;
  expect(await projectionStore.creditWallet(u1, parts.get(u1)![0]!)).toBe(true);
  await projectionStore.project([], pj.orderSettlements(log));
  const { getOrder, getEvent } = await fn.repo();
  expect((await getOrder(orderId))?.status).toBe('completed');
  const credited1 = await wallet(u1);

  const skipped = pj.projectionStats.partsSkipped;
  const written = pj.projectionStats.partsWritten;
  expect(await ap.drain(deps)).toBe(true);
  expect(pj.projectionStats.partsSkipped - skipped).toBe(1); // u1's part, found written
  expect(pj.projectionStats.partsWritten - written).toBe(users.length - 1);
  expect(await wallet(u1)).toEqual(credited1);
  for (const [i, u] of users.entries()) {
    const rec = await getEvent(`ev_plpart${i}`);
    expect(rec?.status).toBe('applied');
    const payout = (rec!.outcome as { payout: string }).payout;
    expect((await wallet(u)).equityReserved).toBe('0');
    // u0 also got the completion's points; the cash is each one's own payout, once.
    expect(
      dec((await wallet(u)).cash)
        .minus(w0[i]!.cash)
        .toFixed(2),
    ).toBe(payout);
    expect(await ledgerOf(u, `ev_plpart${i}`)).toHaveLength(2);
  }
  expect((await getOrder(orderId))?.status).toBe('completed');
  expect(await reconcileClean()).toEqual([]);
});
