// The restore drill's two halves (docs/reliability.md "Backups and the restore drill"):
// backupTable writes every item of a table to a file of JSON lines (parallel Scan segments,
// paged, bounded), restoreTable loads such a file into a fresh table (BatchWriteItem, the
// unprocessed items retried with backoff). Items are kept in DynamoDB's own JSON (`{"S": …}`,
// `{"N": …}`), so a restored item is the same item, type for type.
// A Scan is not a snapshot: a backup of a table being written may mix moments. It is exact for a
// table at rest (a drill, a stopped stack, a restored PITR copy); production's point-in-time
// copies come from PITR and on-demand backups (serverless.yml), which this drill also checks by
// restoring what they restore into.
import fs from 'fs';
import readline from 'readline';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ScanCommand,
  type AttributeValue,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DEFINITION } from '../repo/table';

export const FORMAT = 'greenpoints-backup/1';
type Raw = Record<string, AttributeValue>;

export interface BackupOpts {
  segments?: number; // parallel Scan segments (1–16), default 4
  pageSize?: number; // items per Scan page, default 500
  maxItems?: number; // refuse a table larger than this (bounded), default 10,000,000
}

/** A client of its own: bounded SDK retries, and none of the test faults the stores' client may carry. */
export function opsClient(): DynamoDBClient {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const endpoint = process.env.DDB_ENDPOINT || undefined;
  return new DynamoDBClient({
    region: process.env.AWS_REGION || 'ap-east-1',
    endpoint,
    credentials: endpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
    maxAttempts: 8,
  });
}

/** One segment, page by page: each page's lines go to `write` before the next page is asked for. */
async function scanSegment(
  c: DynamoDBClient,
  table: string,
  segment: number,
  o: Required<BackupOpts>,
  count: { n: number },
  write: (s: string) => Promise<void>,
): Promise<void> {
  let start: Raw | undefined;
  do {
    const r = await c.send(
      new ScanCommand({
        TableName: table,
        Segment: segment,
        TotalSegments: o.segments,
        Limit: o.pageSize,
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    const items = r.Items ?? [];
    count.n += items.length;
    if (count.n > o.maxItems) throw new Error(`more than ${o.maxItems} items: refused (raise --max-items)`);
    if (items.length) await write(items.map((i) => JSON.stringify(i)).join('\n') + '\n');
    start = r.LastEvaluatedKey;
  } while (start);
}

/** Writes `table` to `file`: a header line, one line per item, a closing line with the count. */
export async function backupTable(table: string, file: string, opts: BackupOpts = {}): Promise<{ items: number }> {
  const o = { segments: 4, pageSize: 500, maxItems: 10_000_000, ...opts };
  if (!Number.isInteger(o.segments) || o.segments < 1 || o.segments > 16) throw new Error('segments: 1–16');
  const c = opsClient();
  const out = (await fs.promises.open(file, 'wx')).createWriteStream(); // never overwrites an older backup
  const write = (s: string) => new Promise<void>((resolve, reject) => out.write(s, (e) => (e ? reject(e) : resolve())));
  const count = { n: 0 };
  try {
    await write(JSON.stringify({ format: FORMAT, table, at: new Date().toISOString(), segments: o.segments }) + '\n');
    await Promise.all(Array.from({ length: o.segments }, (_, s) => scanSegment(c, table, s, o, count, write)));
    await write(JSON.stringify({ end: true, items: count.n }) + '\n');
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
    c.destroy();
  }
  return { items: count.n };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One batch of up to 25 puts, its unprocessed items sent again with backoff (bounded). */
async function writeBatch(c: DynamoDBClient, table: string, items: Raw[]): Promise<void> {
  let pending: WriteRequest[] = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length; attempt++) {
    if (attempt >= 12) throw new Error(`${pending.length} items still unprocessed after ${attempt} tries`);
    if (attempt > 0) await sleep(Math.min(5000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2));
    const r = await c.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
    pending = r.UnprocessedItems?.[table] ?? [];
  }
}

/** Creates `table` with the one definition; refuses a table that exists (a restore goes into a fresh one). */
async function createFresh(c: DynamoDBClient, table: string): Promise<void> {
  const exists = await c.send(new DescribeTableCommand({ TableName: table })).then(
    () => true,
    (e: { name?: string }) => {
      if (e.name === 'ResourceNotFoundException') return false;
      throw e;
    },
  );
  if (exists) throw new Error(`table ${table} exists: a restore goes into a fresh table`);
  await c.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: TABLE_DEFINITION.BillingMode,
      AttributeDefinitions: TABLE_DEFINITION.AttributeDefinitions.map((a) => ({ ...a })),
      KeySchema: TABLE_DEFINITION.KeySchema.map((k) => ({ ...k })),
      GlobalSecondaryIndexes: TABLE_DEFINITION.GlobalSecondaryIndexes.map((g) => ({
        IndexName: g.IndexName,
        KeySchema: g.KeySchema.map((k) => ({ ...k })),
        Projection: { ...g.Projection },
      })),
    }),
  );
  for (let i = 0; i < 600; i++) {
    const d = await c.send(new DescribeTableCommand({ TableName: table }));
    if (d.Table?.TableStatus === 'ACTIVE') return;
    await sleep(i < 50 ? 100 : 1000);
  }
  throw new Error(`table ${table} did not become active`);
}

export interface RestoreOpts {
  concurrency?: number; // batches in flight, default 4
}

/** The first line of a backup file (read alone: files can be large). */
export async function readHeader(file: string): Promise<{ format?: string; table?: string; at?: string }> {
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  try {
    for await (const line of rl) return JSON.parse(line) as { format?: string; table?: string };
    return {};
  } finally {
    rl.close();
  }
}

/** The header of a backup file, checked before anything is created. */
function checkHeader(line: string | undefined): void {
  const h = line ? (JSON.parse(line) as { format?: string }) : undefined;
  if (h?.format !== FORMAT) throw new Error(`not a ${FORMAT} file`);
}

/**
 * Loads `file` into the fresh table `table`. The whole file is checked first (its header, every
 * line JSON, the closing count equal to the lines), so a truncated or edited file restores nothing.
 */
export async function restoreTable(file: string, table: string, opts: RestoreOpts = {}): Promise<{ items: number }> {
  const lines = () => readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let n = -1;
  let end: { items?: number } | undefined;
  for await (const line of lines()) {
    if (n === -1) checkHeader(line);
    else if (end) throw new Error('lines after the closing line');
    else {
      const v = JSON.parse(line) as { end?: unknown; items?: number };
      if (v.end === true) end = v;
    }
    n++;
  }
  if (!end || end.items !== n - 1)
    throw new Error(`the file is incomplete: ${n - 1} items, closing count ${end?.items}`);
  const c = opsClient();
  try {
    await createFresh(c, table);
    return { items: await loadItems(c, table, lines(), opts.concurrency ?? 4) };
  } finally {
    c.destroy();
  }
}

async function loadItems(
  c: DynamoDBClient,
  table: string,
  lines: AsyncIterable<string>,
  concurrency: number,
): Promise<number> {
  const inFlight = new Set<Promise<void>>();
  let batch: Raw[] = [];
  let items = 0;
  const flush = async () => {
    const p = writeBatch(c, table, batch).finally(() => inFlight.delete(p));
    p.catch(() => undefined); // a failure is thrown by the race or the final wait, never unhandled
    inFlight.add(p);
    items += batch.length;
    batch = [];
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  };
  let first = true;
  for await (const line of lines) {
    const v = JSON.parse(line) as Raw & { end?: unknown };
    if (first || v.end === true) {
      first = false;
      continue;
    }
    batch.push(v);
    if (batch.length === 25) await flush();
  }
  if (batch.length) await flush();
  await Promise.all(inFlight);
  return items;
}
