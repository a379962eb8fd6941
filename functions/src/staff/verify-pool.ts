// `npm run verify-pool -- --api <url>`: anyone can check the pool. Downloads the public log
// (GET /pool/log, paged), checks the hash chain, replays every event with the engine from an
// empty pool, and compares the result with the published pool (GET /pool) digit for digit.
import { defaultParams, emptyPool, price, type Params, type PoolState } from '@greenpoints/shared';
import { canonical, verifyBatches, type PublicBatch } from '../domain/wallet/poolhash';

interface Page {
  head: { batch: number; hash: string; pool: PoolState };
  batches: PublicBatch[];
  params: Record<string, Params>;
  next: number | null;
}

export interface Verification {
  ok: boolean;
  batches: number;
  events: number;
  problems: string[];
  pool?: PoolState;
}

const MAX_PAGES = 100_000;

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`GET ${url}: ${r.status}`);
  return (await r.json()) as T;
}

export async function verifyPool(api: string): Promise<Verification> {
  const base = api.replace(/\/$/, '');
  const batches: PublicBatch[] = [];
  const params = new Map<number, Params>([[0, defaultParams]]);
  let head: Page['head'] | undefined;
  let from: number | null = 1;
  for (let pages = 0; from !== null && pages < MAX_PAGES; pages++) {
    const page: Page = await getJson<Page>(`${base}/pool/log?from=${from}&limit=20`);
    batches.push(...page.batches);
    for (const [v, p] of Object.entries(page.params)) params.set(Number(v), p);
    head = page.head;
    from = page.next;
  }
  const start = { pool: emptyPool(defaultParams), hash: '' };
  const v = verifyBatches(batches, (n) => params.get(n) ?? defaultParams, start);
  const problems = [...v.problems];
  const pool = v.pool ?? start.pool;
  if (head) {
    const last = batches[batches.length - 1];
    if (last && last.hash !== head.hash) problems.push(`the log's last hash is not the head's`);
    if (canonical(pool) !== canonical(head.pool)) problems.push(`the replayed pool differs from the published head`);
  }
  // The published pool (it may have moved on since: then only its seq is ahead).
  const live = await getJson<{ seq: number; fund: string; circulating: string; price: string }>(`${base}/pool`);
  if (
    live.seq === pool.seq &&
    (live.fund !== pool.fund || live.circulating !== pool.circulating || live.price !== price(pool))
  )
    problems.push(
      `GET /pool shows fund ${live.fund}, circulating ${live.circulating}; the log gives ${pool.fund}, ${pool.circulating}`,
    );
  const events = batches.reduce((n, b) => n + b.entries.length, 0);
  return { ok: problems.length === 0, batches: batches.length, events, problems, pool };
}

// A command line tool: its report goes to stdout, not to the JSON log of the functions.
if (require.main === module) {
  const i = process.argv.indexOf('--api');
  const api = i > 0 ? process.argv[i + 1] : process.env.API_URL;
  if (!api) {
    process.stderr.write('usage: npm run verify-pool -- --api <url>\n');
    process.exit(2);
  }
  verifyPool(api).then(
    (r) => {
      process.stdout.write(
        (r.ok
          ? `pool log verified: ${r.batches} batches, ${r.events} events, fund ${r.pool?.fund}, circulating ${r.pool?.circulating}, price ${r.pool ? price(r.pool) : ''}`
          : `pool log FAILED:\n${r.problems.join('\n')}`) + '\n',
      );
      process.exit(r.ok ? 0 : 1);
    },
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exit(2);
    },
  );
}
