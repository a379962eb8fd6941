// `npm run bench -- [--orders 300] [--concurrency 32]`: the pool applier's throughput on
// DynamoDB Local, in-process (no HTTP): N shipped orders completed by C concurrent callers,
// each recording its event and draining (batches of up to 40 events per pool transaction).
// Starts its own in-memory DynamoDB Local on a free port.
import path from 'path';

function arg(name: string, d: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
}

async function main() {
  const orders = arg('orders', 300);
  const concurrency = arg('concurrency', 32);

  const { startDynamoLocal } = require(path.join(__dirname, '../../functions/src/local/ddb-local.js'));

  const { freePort } = require(path.join(__dirname, '../../scripts/stack.js'));
  const ddb = await startDynamoLocal({ port: await freePort(), inMemory: true });
  process.env.STAGE = 'local';
  process.env.DDB_ENDPOINT = ddb.endpoint;
  process.env.TABLE_NAME = 'greenpoints-bench';
  try {
    const { setupLocal } = await import('../../functions/src/local/setup');
    const { createOrder, markPaid, shipOrder, startCompletion } = await import('../../functions/src/domain/orders');
    const { awaitEvent, drainStats } = await import('../../functions/src/domain/applier');
    const { retryStats } = await import('../../functions/src/repo/ddb');
    const { reconcile } = await import('../../functions/src/staff/reconcile');
    await setupLocal();
    const ids: string[] = [];
    for (let i = 0; i < orders; i++) {
      const userId = `bench${i % 50}`;
      const r = await createOrder(
        userId,
        { userId, key: `o${i}`, hash: 'h' },
        // Exempt goods complete at receipt: the bench measures the applier, not the window.
        { items: [{ productId: 'veg-box', qty: 1 }], payWith: 'wechat', address: { region: '浙江', detail: '1' } },
      );
      const orderId = (r.body as { orderId: string }).orderId;
      await markPaid(orderId, {});
      await shipOrder(orderId, { carrier: '顺丰', trackingNo: `SF${i}` });
      ids.push(orderId);
    }
    let next = 0;
    const latencies: number[] = [];
    let pendingAnswers = 0;
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < ids.length) {
          const id = ids[next++]!;
          const t = Date.now();
          const { eventId } = await startCompletion(id);
          const rec = await awaitEvent(eventId);
          if (!rec || rec.status === 'pending') pendingAnswers++;
          latencies.push(Date.now() - t);
        }
      }),
    );
    const secs = (Date.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
    const rep = await reconcile();
    console.log(
      JSON.stringify(
        {
          orders,
          concurrency,
          seconds: secs.toFixed(1),
          ordersPerSecond: (orders / secs).toFixed(1),
          poolTransactions: drainStats.batches,
          eventsPerTransaction: (drainStats.events / Math.max(1, drainStats.batches)).toFixed(1),
          lostSeqRaces: drainStats.conflicts,
          sdkRetries: retryStats.retries,
          answered202: pendingAnswers,
          latencyMs: { p50: pct(0.5), p95: pct(0.95), p99: pct(0.99) },
          reconcileClean: rep.clean,
          problems: rep.problems.slice(0, 5),
        },
        null,
        2,
      ),
    );
  } finally {
    await ddb.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
