// `npm run bench [-- --json] [--events 800] [--holders 20000] [--quick] [--only settlement]`: the pool as a log,
// measured on its own DynamoDB Local (docs/performance.md). Side by side: the ceiling of the
// write pattern the design uses, the naive one-transaction-per-event baseline at 1 and 32
// writers, the applier at 1/8/32/128 writers through the real code paths (half order
// completions, half sells), 32 shoppers selling over HTTP (serverless-offline), the settlement
// of N holders, then reconcile. With --json the last line is one JSON object. `--only settlement`
// measures the settlement alone (its JSON: {machine, settlement}).
import os from 'os';
import path from 'path';
import { execSync } from 'child_process';
import { deps } from '../ddb-deps';

const argv = process.argv.slice(2);
const flag = (n: string) => argv.includes(`--${n}`);
function num(name: string, d: number): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : d;
}
const JSON_OUT = flag('json');
const QUICK = flag('quick');
const EVENTS = num('events', QUICK ? 200 : 800); // per applier level
const HOLDERS = num('holders', QUICK ? 2000 : 20000);
const ONLY = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
// `--levels 32` (or 1,8): only these applier levels; `--applier-only`: skip the ceiling, the
// naive baseline, HTTP and settlement (the item-write breakdown is a count: valid on a busy machine).
const LEVELS = argv.includes('--levels') ? argv[argv.indexOf('--levels') + 1]!.split(',').map(Number) : [1, 8, 32, 128];
const APPLIER_ONLY = flag('applier-only');
const log = (s: string) => {
  if (!JSON_OUT) console.log(s);
  else console.error(s);
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))]! : 0;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `writers` loops for `ms` (or until `stop()`), returns how many times `op` succeeded. */
async function forAWhile(writers: number, ms: number, op: (w: number) => Promise<boolean>): Promise<number> {
  const end = Date.now() + ms;
  let n = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      while (Date.now() < end) if (await op(w)) n++;
    }),
  );
  return n;
}

async function main() {
  const { startDynamoLocal } = require(path.join(__dirname, '../../functions/src/local/ddb-local.js'));
  const { freePort } = require(path.join(__dirname, '../../scripts/stack.js'));
  const ddbLocal = await startDynamoLocal({ port: await freePort(), inMemory: true });
  process.env.STAGE = 'local';
  process.env.DDB_ENDPOINT = ddbLocal.endpoint;
  process.env.TABLE_NAME = 'greenpoints-bench';
  process.env.POOL_WAIT_MS = '20000'; // the bench measures time to the final answer
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? '',
    node: process.version,
    loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
    uptime: execSync('uptime').toString().trim(),
  };
  log(`machine: ${machine.cpus} × ${machine.cpu}; ${machine.uptime}`);
  try {
    if (ONLY === 'settlement') {
      const { settleHolders } = await import('./settlement');
      const settlement = await settleHolders(HOLDERS, log);
      log(`settlement: ${JSON.stringify(settlement)}`);
      if (JSON_OUT) console.log(JSON.stringify({ machine, settlement }));
      return;
    }
    if (ONLY) throw new Error(`--only ${ONLY}: only "settlement" can run alone`);
    const { setupLocal } = await import('../../functions/src/local/setup');
    await setupLocal();
    const ddb = await import('../../functions/src/repo/ddb');

    let ceiling: Record<string, number> = {};
    const naive: Array<{ writers: number; ordersPerSecond: number }> = [];
    if (!APPLIER_ONLY) {
      // ---- the ceiling: the design's writes at full speed ----
      const body = 'x'.repeat(150_000); // a batch log item of ~250 events
      let k = 0;
      const poolTx = await forAWhile(1, 3000, async () => {
        k++;
        await ddb.transact([
          { op: 'upsert', item: { PK: 'BENCHPOOL', SK: 'STATE', seq: k } },
          { op: 'create', item: { PK: `BENCHLOG#${k}`, SK: 'BATCH', body } },
        ]);
        return true;
      });
      let j = 0;
      const walletTx = await forAWhile(32, 3000, async (w) => {
        j++;
        await ddb.transact([
          { op: 'upsert', item: { PK: `BENCHU#${w}`, SK: 'WALLET', v: j } },
          { op: 'create', item: { PK: `BENCHU#${w}`, SK: `L#${j}#0`, d: '+1' } },
          { op: 'create', item: { PK: `BENCHU#${w}`, SK: `L#${j}#1`, d: '+1' } },
        ]);
        return true;
      });
      let b = 0;
      const batchItems = await forAWhile(4, 3000, async () => {
        const puts = Array.from({ length: 25 }, () => ({ PK: `BENCHB#${b++}`, SK: 'E', status: 'applied' }));
        await ddb.batchWrite(puts);
        return true;
      });
      ceiling = {
        poolTransactionsPerSecond: +(poolTx / 3).toFixed(1),
        batchItemBytes: body.length,
        walletTransactionsPerSecond: +(walletTx / 3).toFixed(1),
        itemsPerSecond: +((walletTx * 3 + batchItems * 25 + poolTx * 2) / 9).toFixed(0),
        batchWriteItemsPerSecond: +((batchItems * 25) / 3).toFixed(0),
      };
      log(`ceiling: ${JSON.stringify(ceiling)}`);

      // ---- the naive baseline: one version-checked pool transaction per event ----
      for (const writers of [1, 32]) {
        const key = { PK: `NAIVE#${writers}`, SK: 'STATE' };
        await ddb.putItem({ ...key, seq: 0 });
        let e = 0;
        const done = await forAWhile(writers, 4000, async (w) => {
          const cur = await ddb.getItem(key);
          const seq = Number(cur?.seq ?? 0);
          try {
            await ddb.transact([
              { op: 'putIf', item: { ...key, seq: seq + 1 }, ifEquals: { seq } },
              { op: 'create', item: { PK: `NAIVEEV#${writers}#${w}#${e++}`, SK: 'E', seq: seq + 1 } },
            ]);
            return true;
          } catch {
            await sleep(Math.random() * 10);
            return false;
          }
        });
        naive.push({ writers, ordersPerSecond: +(done / 4).toFixed(1) });
      }
      log(`naive: ${JSON.stringify(naive)}`);
    }

    // ---- the applier through the real code paths ----
    const orders = await import('../domain-orders');
    const wallet = await import('../../functions/src/domain/wallet/wallet');
    const applier = await import('../../functions/src/domain/wallet/applier');
    const { login } = await import('../../functions/src/domain/shop/auth');
    const completeMany = (ids: string[]) => completeAll(ids);
    const applierRows: Array<{
      writers: number;
      ordersPerSecond: number;
      p50Ms: number;
      p99Ms: number;
      eventsPerPoolWrite: number;
      hotPartitionWritesPerEvent: number;
      itemWritesPerEvent: number;
      /** item writes per event by what was written ("ledger:sell put", "queue delete" …) */
      breakdown: Record<string, number>;
      /** write requests per event: TransactWriteItems, BatchWriteItem, single writes */
      requestsPerEvent: Record<string, number>;
      /** item writes per event by the part of the path that sent them: edge, commit, projection, drain */
      writesPerEventByPhase: Record<string, number>;
      /** events/s × item writes per event ÷ the ceiling of the design's write mix in this run (null: not measured) */
      ceilingShare: number | null;
    }> = [];
    const shipped = async (userId: string, n: number): Promise<string[]> => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const key = `o${Math.random().toString(36).slice(2)}`;
        const r = await orders.createOrder(
          deps,
          userId,
          { userId, key, hash: 'h' },
          // Exempt goods complete at receipt: the bench measures the applier, not the window.
          { items: [{ productId: 'veg-box', qty: 1 }], payWith: 'wechat', address: { region: '浙江', detail: '1' } },
        );
        const id = (r.body as { orderId: string }).orderId;
        await orders.markPaid(deps, id, {});
        await orders.shipOrder(deps, id, { carrier: '顺丰', trackingNo: `SF${id.slice(-12)}` });
        ids.push(id);
      }
      return ids;
    };
    for (const writers of LEVELS) {
      const perWriter = Math.max(2, Math.round(EVENTS / writers / 2) * 2);
      const users = await Promise.all(
        Array.from({ length: writers }, (_, w) => login(deps, { devOpenId: `bench-${writers}-${w}` })),
      );
      // Each writer holds points to sell (one completed order), and has its orders shipped.
      const todo: string[][] = [];
      for (const [w, u] of users.entries()) {
        todo[w] = await shipped(u.userId, perWriter / 2 + 1);
      }
      await completeMany(todo.map((t) => t.shift()!));
      const latencies: number[] = [];
      let pending = 0;
      const pool0 = ddb.writeStats.pool;
      const total0 = ddb.writeStats.total;
      const kinds0 = { ...ddb.writeStats.byKind };
      const req0 = { ...ddb.writeStats.requests };
      const phase0 = { ...ddb.writeStats.byPhase };
      const d0 = { ...applier.drainStats };
      const t0 = Date.now();
      await Promise.all(
        users.map(async (u, w) => {
          for (let i = 0; i < perWriter; i++) {
            const t = Date.now();
            let final: boolean;
            if (i % 2 === 0) {
              const { eventId } = await orders.startCompletion(deps, todo[w]![i / 2]!);
              const rec = await applier.awaitEvent(deps, eventId);
              final = !!rec && rec.status !== 'pending';
            } else {
              const key = `s${w}-${i}-${writers}`;
              const r = await wallet.sell(deps, {
                userId: u.userId,
                body: { points: '0.01' },
                idem: { userId: u.userId, key, hash: key },
              });
              final = r.status !== 202;
            }
            if (!final) pending++;
            latencies.push(Date.now() - t);
          }
        }),
      );
      const secs = (Date.now() - t0) / 1000;
      const events = writers * perWriter;
      const poolWrites = Math.max(1, ddb.writeStats.pool - pool0);
      const perEvent = (ddb.writeStats.total - total0) / events;
      applierRows.push({
        writers,
        ordersPerSecond: +(events / secs).toFixed(1),
        p50Ms: pct(latencies, 0.5),
        p99Ms: pct(latencies, 0.99),
        eventsPerPoolWrite: +(events / poolWrites).toFixed(1),
        hotPartitionWritesPerEvent: +(poolWrites / events).toFixed(4),
        itemWritesPerEvent: +perEvent.toFixed(2),
        breakdown: perKind(ddb.writeStats.byKind, kinds0, events),
        requestsPerEvent: Object.fromEntries(
          Object.entries(ddb.writeStats.requests).map(([k, v]) => [
            k,
            +((v - req0[k as keyof typeof req0]) / events).toFixed(3),
          ]),
        ),
        writesPerEventByPhase: perKind(ddb.writeStats.byPhase, phase0, events),
        ceilingShare: ceiling.itemsPerSecond
          ? +(((events / secs) * perEvent) / ceiling.itemsPerSecond).toFixed(3)
          : null,
      });
      log(`applier: ${JSON.stringify(applierRows[applierRows.length - 1])}, answered 202: ${pending}`);
      const d = applier.drainStats;
      const per = (k: keyof typeof d) => +((d[k] - d0[k]) / Math.max(1, d.batches - d0.batches)).toFixed(1);
      const row = applierRows[applierRows.length - 1]!;
      const phases = Object.entries(row.writesPerEventByPhase)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      log(
        `  per batch (${d.batches - d0.batches} batches): read ${per('readMs')} ms, decide ${per('decideMs')} ms, ` +
          `commit ${per('commitMs')} ms, project ${per('projectMs')} ms; item writes per event ` +
          `${perEvent.toFixed(2)} (all partitions: ${phases}); ceilingShare ${row.ceilingShare ?? 'n/a'}`,
      );
    }
    await applier.drainUntilEmpty(deps);
    const { reconcile } = await import('../../functions/src/repo/reconcile');
    const rec = await reconcile();
    if (!rec.clean) log(`reconcile problems: ${rec.problems.slice(0, 5).join('; ')}`);

    // ---- HTTP: 32 shoppers selling at once through serverless-offline ----
    const http = APPLIER_ONLY ? [] : [await httpSells(32)];
    log(`http: ${JSON.stringify(http)}`);

    // ---- settlement of N holders (its own table on the same DynamoDB Local) ----
    const { settleHolders } = await import('./settlement');
    const settlement = APPLIER_ONLY ? { holders: 0, seconds: 0 } : await settleHolders(HOLDERS, log);
    log(`settlement: ${JSON.stringify(settlement)}`);

    const out = {
      machine,
      ceiling,
      naive,
      applier: applierRows,
      http,
      settlement: { holders: settlement.holders, seconds: settlement.seconds },
      reconcileClean: rec.clean,
    };
    if (JSON_OUT) console.log(JSON.stringify(out));
    else console.table(applierRows);
  } finally {
    await ddbLocal.stop();
  }
}

/** Counts since `before`, per event, the non-zero ones, sorted by name. */
function perKind(now: Record<string, number>, before: Record<string, number>, events: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(now)
      .map(([k, v]) => [k, +((v - (before[k] ?? 0)) / events).toFixed(3)] as const)
      .filter(([, v]) => v > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Queues every order's completion (exempt goods, shipped), then drains once. */
async function completeAll(ids: string[]): Promise<void> {
  const orders = await import('../domain-orders');
  const { drainUntilEmpty } = await import('../../functions/src/domain/wallet/applier');
  for (const id of ids) await orders.startCompletion(deps, id);
  await drainUntilEmpty(deps, 60_000);
}

/** 32 shoppers, each with points, selling small amounts over HTTP at once; time to the final answer. */
interface HttpRow {
  writers: number;
  ordersPerSecond: number;
  p99Ms: number;
  /** item writes per sell through the HTTP handler (in process: rate limits, wrapper, applier path) */
  itemWritesPerSell: number;
  /** the same sells through the use case alone (the applier path) */
  applierWritesPerSell: number;
  /** what the HTTP path writes per sell beyond the applier path, by kind */
  extraPerSell: Record<string, number>;
}

async function httpSells(writers: number): Promise<HttpRow> {
  process.env.STACK_QUIET = '1';
  const { startStack } = require(path.join(__dirname, '../../scripts/stack.js'));
  const saved = { endpoint: process.env.DDB_ENDPOINT, table: process.env.TABLE_NAME };
  // The stack creates its table through this process's client: a new one for its endpoint.
  (await import('../../functions/src/repo/ddb')).resetDdbClient();
  // serverless.yml names the table (greenpoints-local): the stack's own DynamoDB Local holds it.
  const stack = await startStack({
    inMemory: true,
    withH5: false,
    tableName: 'greenpoints-local',
    log: () => undefined,
  });
  try {
    // Set up in-process on the stack's own table (the offline API reads the same one).
    process.env.DDB_ENDPOINT = stack.ddbEndpoint;
    process.env.TABLE_NAME = 'greenpoints-local';
    (await import('../../functions/src/repo/ddb')).resetDdbClient();
    const { login } = await import('../../functions/src/domain/shop/auth');
    const orders = await import('../domain-orders');
    const users = await Promise.all(Array.from({ length: writers }, (_, w) => login(deps, { devOpenId: `http-${w}` })));
    const ids: string[] = [];
    for (const u of users) {
      const key = `o-${u.userId}`;
      const r = await orders.createOrder(
        deps,
        u.userId,
        { userId: u.userId, key, hash: 'h' },
        { items: [{ productId: 'veg-box', qty: 1 }], payWith: 'wechat', address: { region: '浙江', detail: '1' } },
      );
      const id = (r.body as { orderId: string }).orderId;
      await orders.markPaid(deps, id, {});
      await orders.shipOrder(deps, id, { carrier: '顺丰', trackingNo: `SF${id.slice(-12)}` });
      ids.push(id);
    }
    await completeAll(ids);
    const per = QUICK ? 5 : 15;
    const latencies: number[] = [];
    let failed = 0;
    const t0 = Date.now();
    await Promise.all(
      users.map(async (u, w) => {
        for (let i = 0; i < per; i++) {
          const t = Date.now();
          const key = `hs-${w}-${i}`;
          for (let tries = 0; tries < 40; tries++) {
            const r = await fetch(`${stack.apiUrl}/wallet/sell`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${u.token}`,
                'content-type': 'application/json',
                'idempotency-key': key,
              },
              body: JSON.stringify({ points: '0.01' }),
            });
            await r.text();
            if (r.status !== 202) {
              if (r.status !== 200) failed++;
              break;
            }
            await sleep(50);
          }
          latencies.push(Date.now() - t);
        }
      }),
    );
    const secs = (Date.now() - t0) / 1000;
    if (failed) throw new Error(`${failed} HTTP sells failed`);
    const counted = await countHttpWrites(users);
    return {
      writers,
      ordersPerSecond: +((writers * per) / secs).toFixed(1),
      p99Ms: pct(latencies, 0.99),
      ...counted,
    };
  } finally {
    process.env.DDB_ENDPOINT = saved.endpoint;
    process.env.TABLE_NAME = saved.table;
    (await import('../../functions/src/repo/ddb')).resetDdbClient();
    await stack.stop();
  }
}

/**
 * Item writes per sell, counted in this process: each user sells twice through the use case
 * (the applier path), then twice through the HTTP handler itself (rate limits, wrapper, the same
 * use case), all at once; the drains run here too, so every write of either path is counted.
 */
async function countHttpWrites(
  users: Array<{ userId: string; token: string }>,
): Promise<Pick<HttpRow, 'itemWritesPerSell' | 'applierWritesPerSell' | 'extraPerSell'>> {
  const ddb = await import('../../functions/src/repo/ddb');
  const wallet = await import('../../functions/src/domain/wallet/wallet');
  const handlers = await import('../../functions/src/handlers/wallet');
  const { drainUntilEmpty } = await import('../../functions/src/domain/wallet/applier');
  const count = async (sell: (u: { userId: string; token: string }, key: string) => Promise<void>) => {
    await drainUntilEmpty(deps, 60_000);
    const total0 = ddb.writeStats.total;
    const kinds0 = { ...ddb.writeStats.byKind };
    await Promise.all(
      users.map(async (u, w) => {
        for (let i = 0; i < 2; i++) await sell(u, `hc-${w}-${i}-${Math.random().toString(36).slice(2, 8)}`);
      }),
    );
    await drainUntilEmpty(deps, 60_000);
    const n = users.length * 2;
    return { perSell: (ddb.writeStats.total - total0) / n, kinds: perKind(ddb.writeStats.byKind, kinds0, n) };
  };
  const direct = await count(async (u, key) => {
    await wallet.sell(deps, {
      userId: u.userId,
      body: { points: '0.01' },
      idem: { userId: u.userId, key, hash: key },
    });
  });
  const viaHttp = await count(async (u, key) => {
    const r = await handlers.sell({
      version: '2.0',
      routeKey: 'POST /wallet/sell',
      rawPath: '/wallet/sell',
      rawQueryString: '',
      headers: { authorization: `Bearer ${u.token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ points: '0.01' }),
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/wallet/sell', sourceIp: '10.1.2.3' }, requestId: key },
    } as unknown as Parameters<typeof handlers.sell>[0]);
    if (r.statusCode !== 200) throw new Error(`in-process HTTP sell answered ${r.statusCode}: ${r.body}`);
  });
  const extra = Object.fromEntries(
    Object.entries(viaHttp.kinds)
      .map(([k, v]) => [k, +(v - (direct.kinds[k] ?? 0)).toFixed(3)] as const)
      .filter(([, v]) => Math.abs(v) >= 0.05),
  );
  return {
    itemWritesPerSell: +viaHttp.perSell.toFixed(2),
    applierWritesPerSell: +direct.perSell.toFixed(2),
    extraPerSell: extra,
  };
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
