// The pool applier on the in-memory stores (test/doubles/memory.ts): batches, holds, crashes, the log's
// hash chain. The DynamoDB Local suites (test/integration/pool-log.test.ts) stay the proof.
import { dec, defaultParams, emptyWallet, type LedgerEvent, type Wallet } from '@greenpoints/shared';
import { memoryStores, type MemoryWorld } from './doubles/memory';
import { drainOnceWith, applierHooks } from '../src/domain/wallet/applier';
import { BATCH_BYTES, BATCH_EVENTS } from '../src/domain/wallet/batch';
import { project } from '../src/domain/wallet/projection';
import { publicBatch, verifyBatches } from '../src/domain/wallet/poolhash';

const params = defaultParams;
const drain = async (w: MemoryWorld) => {
  for (let i = 0; i < 100; i++) if ((await drainOnceWith(w, params, 0)) === 0) return;
  throw new Error('queue not drained');
};
const complete = (w: MemoryWorld, user: string, orderId: string, contribution = '30.00') => {
  w.state.orders.set(orderId, { status: 'completing' });
  w.pool.push({
    eventId: `ev_${orderId}`,
    userId: user,
    event: { kind: 'order_completed', orderId, buyer: user, amount: '100.00', contribution, dividendContribution: '0' },
    order: { orderId, revertTo: 'shipped' },
  });
};
/** What the edge does for a sell: move the points to the reserve, queue the held event. */
const sell = (w: MemoryWorld, user: string, eventId: string, points: string) => {
  const cur = w.state.wallets.get(user) ?? emptyWallet();
  w.state.wallets.set(user, {
    ...cur,
    equity: dec(cur.equity).minus(points).toFixed(),
    equityReserved: dec(cur.equityReserved).plus(points).toFixed(),
  });
  const event: LedgerEvent = { kind: 'sell', user, points, reason: 'sell', held: true };
  w.pool.push({ eventId, userId: user, event });
};
const wallet = (w: MemoryWorld, u: string): Wallet => w.state.wallets.get(u) ?? emptyWallet();

afterEach(() => {
  applierHooks.afterCommit = undefined;
});

it('decides a batch without reading wallets: completions credit, held sells take the reserve', async () => {
  const w = memoryStores();
  complete(w, 'a', 'o1');
  complete(w, 'b', 'o2');
  await drain(w);
  expect(w.state.orders.get('o1')?.status).toBe('completed');
  // 30 × 0.7 at the issue price 1: 21 points each.
  expect(wallet(w, 'a')).toMatchObject({ equity: '21', quota: '200.00' });
  sell(w, 'a', 'ev_s1', '10');
  await drain(w);
  const rec = w.state.records.get('ev_s1') as { status: string; outcome: { payout: string } };
  expect(rec.status).toBe('applied');
  expect(wallet(w, 'a')).toMatchObject({ equity: '11', equityReserved: '0', cash: rec.outcome.payout });
  const head = await w.pool.head(params);
  expect(head).toMatchObject({ batch: 2, projected: 2 });
  expect(head.pool.seq).toBe(3);
});

it('a crash after the commit is projected exactly once by the next drain', async () => {
  const w = memoryStores();
  complete(w, 'a', 'o1');
  applierHooks.afterCommit = () => {
    throw new Error('crash');
  };
  await expect(drainOnceWith(w, params, 0)).rejects.toThrow('crash');
  applierHooks.afterCommit = undefined;
  expect(wallet(w, 'a').equity).toBe('0');
  expect(w.state.records.get('ev_o1')?.status).toBe('pending');
  expect(await w.pool.head(params)).toMatchObject({ batch: 1, projected: 0 });
  await drain(w);
  expect(wallet(w, 'a').equity).toBe('21');
  const ledger = w.state.ledger.size;
  await project((await w.pool.getBatch(1))!, w.projection); // a racing drainer projects it again
  expect(wallet(w, 'a').equity).toBe('21');
  expect(w.state.ledger.size).toBe(ledger);
  expect(w.pool.queueSize()).toBe(0);
});

it('a lost race commits nothing: the batch number guards the pool', async () => {
  const w = memoryStores();
  complete(w, 'a', 'o1');
  const head = await w.pool.head(params);
  await drain(w);
  const { decideBatch } = await import('../src/domain/wallet/batch');
  const stale = decideBatch(head, [], params, 0, new Map(), new Date().toISOString());
  await expect(w.pool.commit(head, stale)).rejects.toThrow('another drainer');
});

it('600 events take three batches, each bounded in events and bytes', async () => {
  const w = memoryStores();
  for (let i = 0; i < 600; i++) complete(w, `u${i % 40}`, `o${i}`, '1.00');
  await drain(w);
  const batches = await w.pool.getBatches(1, 10);
  expect(batches.map((b) => b.entries.length)).toEqual([BATCH_EVENTS, BATCH_EVENTS, 600 - 2 * BATCH_EVENTS]);
  for (const b of batches) expect(JSON.stringify(b).length).toBeLessThan(BATCH_BYTES + 10000);
  expect((await w.pool.head(params)).pool.seq).toBe(600);
  // every wallet got its 40 × 15 completions' quota
  expect(wallet(w, 'u0').quota).toBe('3000.00');
});

it('a refused held event releases its reserve', async () => {
  const w = memoryStores();
  complete(w, 'a', 'o1');
  await drain(w);
  sell(w, 'a', 'ev_tiny', '0.000001');
  await drain(w);
  expect(w.state.records.get('ev_tiny')).toMatchObject({ status: 'rejected', error: { code: 'amount_too_small' } });
  expect(wallet(w, 'a')).toMatchObject({ equity: '21', equityReserved: '0' });
});

it('the daily release is decided on the stored locked balances', async () => {
  const w = memoryStores();
  w.pool.push({
    eventId: 'ev_g',
    userId: 'a',
    event: { kind: 'grant', user: 'a', points: '100', locked: true, reason: 'legacy' },
  });
  w.pool.push({ eventId: 'ev_r', userId: 'a', event: { kind: 'release_locked', user: 'a' } });
  await drain(w);
  // 1 % of 100 released, in the same batch as the grant it comes from
  expect(wallet(w, 'a')).toMatchObject({ equity: '1', equityLocked: '99', lockedGranted: '100' });
});

it('the public log verifies, and one tampered event fails at its batch', async () => {
  const w = memoryStores();
  complete(w, 'a', 'o1');
  await drain(w);
  sell(w, 'a', 'ev_s', '5');
  await drain(w);
  complete(w, 'b', 'o2');
  await drain(w);
  const pub = (await w.pool.getBatches(1, 3)).map((b) => publicBatch(b));
  expect(JSON.stringify(pub)).not.toContain('"a"');
  const ok = verifyBatches(pub, () => params);
  expect(ok.problems).toEqual([]);
  expect(ok.pool).toEqual((await w.pool.head(params)).pool);
  const bad = structuredClone(pub);
  (bad[1]!.entries[0]!.event as { points: string }).points = '4';
  const v = verifyBatches(bad, () => params);
  expect(v.problems[0]).toMatch(/^batch 2: /);
});

it('a batch another drainer committed after ours: the next one, from the head kept here, is a race, nothing doubles', async () => {
  const w = memoryStores();
  complete(w, 'a', 'o1');
  expect(await drainOnceWith(w, params, 0)).toBe(1); // batch 1; its head is kept in this process
  // Another drainer (a stale lease elsewhere) commits and projects batch 2.
  complete(w, 'b', 'o2');
  const { decideBatch } = await import('../src/domain/wallet/batch');
  const other = decideBatch(
    await w.pool.head(params),
    await w.pool.readQueue(BATCH_EVENTS),
    params,
    0,
    new Map(),
    new Date().toISOString(),
  );
  await w.pool.commit(await w.pool.head(params), other);
  await project(other, w.projection);
  complete(w, 'c', 'o3');
  await expect(drainOnceWith(w, params, 0)).rejects.toThrow('another drainer');
  await drain(w); // reads the head again
  const batches = await w.pool.getBatches(1, 5);
  expect(batches.map((b) => b.entries.map((e) => e.eventId))).toEqual([['ev_o1'], ['ev_o2'], ['ev_o3']]);
  expect(
    verifyBatches(
      batches.map((b) => publicBatch(b)),
      () => params,
    ).problems,
  ).toEqual([]);
  // b's points once: what its one completion granted (projected twice, written once)
  expect(wallet(w, 'b').equity).toBe(batches[1]!.entries[0]!.outcome!.pointsGranted);
  expect((await w.pool.head(params)).pool.seq).toBe(3);
});
