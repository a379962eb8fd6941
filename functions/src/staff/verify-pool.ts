// `npm run verify-pool -- --api <url> [--expect-head BATCH:HASH] [--from BATCH[:HASH]]`: anyone
// can check the pool. Downloads the public log (GET /pool/log, paged), checks the hash chain and the
// parameters' content, replays every event with the engine, compares the result with the published
// pool (GET /pool) digit for digit, and checks the signed head (GET /pool/head) against the public
// keys (GET /pool/keys). `--expect-head` checks the chain still holds a head saved earlier;
// `--from` starts at a saved checkpoint instead of the genesis (docs/reliability.md). The log's
// accounts (dividends, cash, quota: every yuan outside the pool's own numbers) are replayed too.
import {
  defaultParams,
  emptyAccounts,
  emptyPool,
  poolHeadAnswer,
  poolKeysAnswer,
  price,
  type Params,
  type PoolAccounts,
  type PoolHeadAnswer,
  type PoolLogPage,
  type PoolState,
} from '@greenpoints/shared';
import { canonical, verifyHeadSignature, type PublicBatch } from '@greenpoints/shared/src/poollog';
import { verifyBatches } from '../domain/wallet/poolhash';
import { accountsDiff } from '../domain/wallet/accounts-replay';

export interface Checkpoint {
  batch: number;
  hash?: string;
}

export interface VerifyOptions {
  /** A head saved earlier: the chain must still hold exactly this hash at this batch. */
  expectHead?: Checkpoint & { hash: string };
  /** Start at this batch (a checkpoint verified before) instead of the genesis. */
  from?: Checkpoint;
  /** The key id saved earlier: the head must be signed by this key (GET /pool/keys alone could be swapped). */
  keyId?: string;
}

export interface Verification {
  ok: boolean;
  batches: number;
  events: number;
  problems: string[];
  pool?: PoolState;
  /** The signed head checked, to save for the next run (`--expect-head` / `--from`). */
  head?: PoolHeadAnswer;
  accounts?: PoolAccounts;
}

const MAX_PAGES = 100_000;

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`GET ${url}: ${r.status}`);
  return (await r.json()) as T;
}

/** Parses `BATCH:HASH` (hash optional when `hashOptional`); undefined when malformed. */
export function parseCheckpoint(s: string | undefined, hashOptional: boolean): Checkpoint | undefined {
  const m = /^(\d{1,12})(?::([0-9a-f]{64}))?$/.exec(s ?? '');
  if (!m || (!hashOptional && !m[2])) return undefined;
  return { batch: Number(m[1]), ...(m[2] ? { hash: m[2] } : {}) };
}

/** Reads the log from batch `from` to the published head, with the parameters of each version. */
async function readLog(base: string, from: number) {
  const batches: PublicBatch[] = [];
  const params = new Map<number, Params>([[0, defaultParams]]);
  let head: PoolLogPage['head'] | undefined;
  let next: number | null = from;
  for (let pages = 0; next !== null && pages < MAX_PAGES; pages++) {
    const page: PoolLogPage = await getJson<PoolLogPage>(`${base}/pool/log?from=${next}&limit=20`);
    batches.push(...page.batches);
    for (const [v, p] of Object.entries(page.params)) params.set(Number(v), p);
    head = page.head;
    next = page.next;
  }
  return { batches, params, head };
}

/** The signed head and its signature against the published keys; problems when it fails. */
async function checkSignedHead(base: string, problems: string[]): Promise<PoolHeadAnswer | undefined> {
  const head = poolHeadAnswer.safeParse(await getJson<unknown>(`${base}/pool/head`));
  const keys = poolKeysAnswer.safeParse(await getJson<unknown>(`${base}/pool/keys`));
  if (!head.success) return void problems.push(`GET /pool/head is not a signed head: ${head.error.issues[0]?.message}`);
  if (!keys.success) return void problems.push(`GET /pool/keys is not a key list: ${keys.error.issues[0]?.message}`);
  const key = keys.data.keys.find((k) => k.keyId === head.data.keyId);
  if (!key) problems.push(`the head is signed with key ${head.data.keyId}, which GET /pool/keys does not publish`);
  else if (!verifyHeadSignature(head.data, head.data.signature, key.publicKey))
    problems.push(`the head's signature does not verify with key ${key.keyId} (batch ${head.data.batch}: forged)`);
  return head.data;
}

/** The batch's hash as the chain now holds it, from the downloaded run or one more GET. */
async function hashAt(base: string, batch: number, run: PublicBatch[]): Promise<string | undefined> {
  if (batch === 0) return '';
  const inRun = run.find((b) => b.batch === batch);
  if (inRun) return inRun.hash;
  const page = await getJson<PoolLogPage>(`${base}/pool/log?from=${batch}&limit=1`);
  return page.batches.find((b) => b.batch === batch)?.hash;
}

/** The head saved earlier must still be in the chain, with the same hash. */
async function checkExpected(
  base: string,
  want: Checkpoint & { hash: string },
  run: PublicBatch[],
  problems: string[],
) {
  const got = await hashAt(base, want.batch, run);
  if (got === undefined)
    problems.push(`expected head ${want.batch}:${want.hash}: batch ${want.batch} is missing from the log`);
  else if (got !== want.hash)
    problems.push(
      `expected head ${want.batch}:${want.hash}: the log now has ${got || '(genesis)'} there — the chain was rewritten`,
    );
}

/** The starting point: the genesis, or a checkpoint batch (its hash checked when given). */
async function startAt(base: string, from: Checkpoint | undefined, problems: string[]) {
  const genesis = { pool: emptyPool(defaultParams), hash: '', accounts: emptyAccounts(), next: 1 };
  if (!from || from.batch === 0) return genesis;
  const page = await getJson<PoolLogPage>(`${base}/pool/log?from=${from.batch}&limit=1`);
  const b = page.batches.find((x) => x.batch === from.batch);
  if (!b) return void problems.push(`checkpoint batch ${from.batch} is missing from the log`);
  if (from.hash && b.hash !== from.hash)
    return void problems.push(`checkpoint ${from.batch}:${from.hash}: the log now has ${b.hash} there`);
  // Its poolAfter is covered by its hash; verifyBatches checks the hash of the checkpoint batch too.
  const own = verifyBatches([b], (n) => page.params[String(n)] ?? defaultParams).problems;
  if (own.length) return void problems.push(...own);
  return { pool: b.poolAfter, hash: b.hash, accounts: b.accountsAfter ?? emptyAccounts(), next: from.batch + 1 };
}

export async function verifyPool(api: string, opts: VerifyOptions = {}): Promise<Verification> {
  const base = api.replace(/\/$/, '');
  const problems: string[] = [];
  // The signed head first: the log read after it reaches at least its batch.
  const signed = await checkSignedHead(base, problems);
  if (signed && opts.keyId && signed.keyId !== opts.keyId)
    problems.push(`the head is signed with key ${signed.keyId}, not the key ${opts.keyId} saved earlier`);
  const from =
    opts.from && opts.expectHead?.batch === opts.from.batch && !opts.from.hash
      ? { ...opts.from, hash: opts.expectHead.hash }
      : opts.from;
  const start = await startAt(base, from, problems);
  if (!start) return { ok: false, batches: 0, events: 0, problems, ...(signed ? { head: signed } : {}) };
  const { batches, params, head } = await readLog(base, start.next);
  const v = verifyBatches(batches, (n) => params.get(n) ?? defaultParams, start);
  problems.push(...v.problems);
  const pool = v.pool ?? start.pool;
  if (head) {
    const lastHash = batches[batches.length - 1]?.hash ?? start.hash;
    if (lastHash !== head.hash) problems.push(`the log's last hash is not the head's`);
    if (canonical(pool) !== canonical(head.pool)) problems.push(`the replayed pool differs from the published head`);
    // The accounts the pool item holds (fund and points above; dividends, cash, quota here).
    const held = head.accounts ?? emptyAccounts();
    const diff = accountsDiff(held, v.accounts ?? start.accounts);
    if (diff) problems.push(`the replayed accounts differ from the published head: ${diff}`);
  }
  if (signed) await checkExpected(base, { batch: signed.batch, hash: signed.hash }, batches, problems);
  if (opts.expectHead) await checkExpected(base, opts.expectHead, batches, problems);
  await checkLive(base, pool, problems);
  const events = batches.reduce((n, b) => n + b.entries.length + (b.notes?.length ?? 0), 0);
  return {
    ok: problems.length === 0,
    batches: batches.length,
    events,
    problems,
    pool,
    ...(v.accounts ? { accounts: v.accounts } : {}),
    ...(signed ? { head: signed } : {}),
  };
}

/** The published pool (it may have moved on since: then only its seq is ahead). */
async function checkLive(base: string, pool: PoolState, problems: string[]) {
  const live = await getJson<{ seq: number; fund: string; circulating: string; price: string }>(`${base}/pool`);
  if (
    live.seq === pool.seq &&
    (live.fund !== pool.fund || live.circulating !== pool.circulating || live.price !== price(pool))
  )
    problems.push(
      `GET /pool shows fund ${live.fund}, circulating ${live.circulating}; the log gives ${pool.fund}, ${pool.circulating}`,
    );
}

const USAGE =
  'usage: npm run verify-pool -- --api <url> [--expect-head BATCH:HASH] [--from BATCH[:HASH]] [--key-id ID]\n' +
  '  --expect-head  a head saved earlier (GET /pool/head): the chain must still hold that hash at that batch\n' +
  '  --from         verify from a saved checkpoint instead of the first batch\n' +
  '  --key-id       the signing key id saved earlier: the head must be signed by it\n';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** The command line: options from argv, a report on stdout, exit 0 (verified), 1 (failed), 2 (usage). */
function main(): void {
  const api = arg('--api') ?? process.env.API_URL;
  const expect = arg('--expect-head');
  const fromArg = arg('--from');
  const expectHead = expect === undefined ? undefined : parseCheckpoint(expect, false);
  const from = fromArg === undefined ? undefined : parseCheckpoint(fromArg, true);
  if (!api || (expect !== undefined && !expectHead) || (fromArg !== undefined && !from)) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const keyId = arg('--key-id');
  verifyPool(api, { expectHead: expectHead as VerifyOptions['expectHead'], from, ...(keyId ? { keyId } : {}) }).then(
    (r) => {
      const h = r.head ? `\nsigned head ${r.head.batch}:${r.head.hash} at ${r.head.at} by ${r.head.keyId}` : '';
      process.stdout.write(
        (r.ok
          ? `pool log verified: ${r.batches} batches, ${r.events} events, fund ${r.pool?.fund}, circulating ${r.pool?.circulating}, treasury ${r.pool?.treasury}, price ${r.pool ? price(r.pool) : ''}; dividends paid ${r.accounts?.dividendsPaid}, carried ${r.accounts?.dividendCarry}, withdrawn ${r.accounts?.withdrawn}${h}\n` +
            (r.head ? `save it and check later: --expect-head ${r.head.batch}:${r.head.hash}` : '')
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

// A command line tool: its report goes to stdout, not to the JSON log of the functions.
if (require.main === module) main();
