// The only module that speaks to DynamoDB (with table.ts/local code for setup). Everything above
// it sees plain items: attribute values are strings, integers (counters only: seq, version,
// stock) or booleans. Money and points are always strings.
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  BatchGetItemCommand,
  TransactWriteItemsCommand,
  ScanCommand,
  DeleteItemCommand,
  BatchWriteItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type TransactWriteItem,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { AsyncLocalStorage } from 'async_hooks';
import { tableName } from './table';
import { installFaults } from './faults';
import { isUserPartition, keys, statusIndex } from './keys';
import { isLocalStage } from '../stage';
import { assertWritable, joinOfScope, joinPending } from './write-scope';

export type Scalar = string | number | boolean;
export type Item = Record<string, Scalar>;
export interface Key {
  PK: string;
  SK: string;
}

// ---------- codec ----------
function toAttr(v: Scalar): AttributeValue {
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error('only integer counters may be stored as numbers');
    return { N: String(v) };
  }
  return { BOOL: v };
}
export function marshal(item: Item): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(item)) if (v !== undefined) out[k] = toAttr(v);
  return out;
}
export function unmarshal(rec: Record<string, AttributeValue> | undefined): Item | undefined {
  if (!rec) return undefined;
  const out: Item = {};
  for (const [k, a] of Object.entries(rec)) {
    if (a.S !== undefined) out[k] = a.S;
    else if (a.N !== undefined) out[k] = Number(a.N);
    else if (a.BOOL !== undefined) out[k] = a.BOOL;
  }
  return out;
}

// ---------- client, retries, fault injection ----------
let client: DynamoDBClient | undefined;
export function ddb(): DynamoDBClient {
  if (!client) {
    // Tools bootstrapped with an older system node (node 20) would print the SDK's end-of-support notice: noise.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const endpoint = process.env.DDB_ENDPOINT || (isLocalStage() ? 'http://127.0.0.1:8000' : undefined);
    client = new DynamoDBClient({
      region: process.env.AWS_REGION || 'ap-east-1',
      endpoint,
      // Local credentials are dummies; DynamoDB Local runs with -sharedDb so they do not matter.
      credentials: endpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
      maxAttempts: 1, // our own bounded retry below is the only one, so totals stay bounded
    });
    installFaults(client); // the randomized system test's faults; a no-op outside STAGE=local
  }
  return client;
}

/** Test hook: return an error to throw instead of calling DynamoDB (DynamoDB Local never conflicts). */
export type FaultInjector = (op: string, attempt: number) => Error | undefined;
let injector: FaultInjector | undefined;
export function setFaultInjector(f: FaultInjector | undefined): void {
  injector = f;
}
export const retryStats = { retries: 0 };

export function awsError(name: string, message = name, extra: Record<string, unknown> = {}): Error {
  const e = new Error(message) as Error & Record<string, unknown>;
  e.name = name;
  Object.assign(e, extra);
  return e;
}

const RETRYABLE = new Set([
  'TransactionConflictException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);

interface CancelReason {
  Code?: string;
  Message?: string;
}
function reasonsOf(e: unknown): CancelReason[] {
  const r = (e as { CancellationReasons?: CancelReason[] }).CancellationReasons;
  return Array.isArray(r) ? r : [];
}

export function isRetryable(e: unknown): boolean {
  const name = (e as { name?: string })?.name ?? '';
  if (RETRYABLE.has(name)) return true;
  if (name === 'TransactionCanceledException') {
    // Retry only when nothing failed a condition: then a conflict or throttle was the cause.
    const rs = reasonsOf(e);
    return (
      rs.length > 0 &&
      rs.every(
        (r) =>
          !r.Code ||
          r.Code === 'None' ||
          r.Code === 'TransactionConflict' ||
          r.Code === 'ThrottlingError' ||
          r.Code === 'ProvisionedThroughputExceeded',
      )
    );
  }
  return false;
}

/**
 * A connection dropped before the answer (DynamoDB Local under load, a NAT timeout): a read is
 * asked again; a write is not, since it may have landed (its caller sees the error and retries
 * under its own idempotency, as for any lost answer).
 */
const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan']);
const CONNECTION = /ECONNRESET|EPIPE|ECONNREFUSED|socket hang up/;
export function isDroppedRead(op: string, e: unknown): boolean {
  const err = e as { code?: string; name?: string; message?: string } | undefined;
  return READS.has(op) && CONNECTION.test(`${err?.code ?? ''} ${err?.name ?? ''} ${err?.message ?? ''}`);
}

const MAX_ATTEMPTS = 8;
const BASE_MS = 15;
const CAP_MS = 800;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withRetry<T>(op: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    assertWritable(op);
    try {
      const injected = injector?.(op, attempt);
      if (injected) throw injected;
      return await fn();
    } catch (e) {
      if (attempt >= MAX_ATTEMPTS || !(isRetryable(e) || isDroppedRead(op, e))) throw e;
      retryStats.retries++;
      // Full jitter: spreads the retries of writers that collided.
      await sleep(Math.random() * Math.min(CAP_MS, BASE_MS * 2 ** attempt));
    }
  }
}

// ---------- operations ----------
export async function getItem(key: Key, consistent = true): Promise<Item | undefined> {
  const r = await withRetry('GetItem', () =>
    ddb().send(new GetItemCommand({ TableName: tableName(), Key: marshal({ ...key }), ConsistentRead: consistent })),
  );
  return unmarshal(r.Item);
}

export async function batchGet(keys: Key[]): Promise<Item[]> {
  const out: Item[] = [];
  const uniq = [...new Map(keys.map((k) => [k.PK + '\u0000' + k.SK, k])).values()];
  for (let i = 0; i < uniq.length; i += 100) {
    let pending: Record<string, AttributeValue>[] = uniq.slice(i, i + 100).map((k) => marshal({ ...k }));
    for (let round = 0; pending.length > 0 && round < MAX_ATTEMPTS; round++) {
      const keysNow = pending;
      const r = await withRetry('BatchGetItem', () =>
        ddb().send(
          new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: keysNow, ConsistentRead: true } } }),
        ),
      );
      for (const it of r.Responses?.[tableName()] ?? []) out.push(unmarshal(it)!);
      pending = (r.UnprocessedKeys?.[tableName()]?.Keys as Record<string, AttributeValue>[] | undefined) ?? [];
      if (pending.length) await sleep(20 * (round + 1));
    }
    if (pending.length) throw awsError('ThrottlingException', 'batch get left unprocessed keys');
  }
  return out;
}

export async function putItem(item: Item, ifNotExists = false): Promise<void> {
  if (joinPending()) {
    // A staff call's write: with its audit entry (write-scope.ts), as one transaction.
    const ok = await writeOne(ifNotExists ? { op: 'create', item } : { op: 'upsert', item });
    if (!ok) throw awsError('ConditionalCheckFailedException', 'the item exists');
    return;
  }
  countWrites([item]);
  writeStats.requests.single++;
  await withRetry('PutItem', () =>
    ddb().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: marshal(item),
        ...(ifNotExists ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
      }),
    ),
  );
}

export interface QueryOpts {
  pk: string;
  skPrefix?: string;
  skLessThan?: string;
  skBetween?: [string, string]; // inclusive both ends
  index?: 'GSI1' | 'GSI2';
  limit?: number;
  newestFirst?: boolean;
  cursor?: Record<string, Scalar>;
  consistent?: boolean;
}
export async function query(o: QueryOpts): Promise<{ items: Item[]; next?: Record<string, Scalar> }> {
  const pkName = o.index ? `${o.index}PK` : 'PK';
  const skName = o.index ? `${o.index}SK` : 'SK';
  const values: Record<string, Scalar> = { ':pk': o.pk };
  let cond = '#pk = :pk';
  if (o.skPrefix !== undefined) {
    cond += ' AND begins_with(#sk, :sp)';
    values[':sp'] = o.skPrefix;
  } else if (o.skLessThan !== undefined) {
    cond += ' AND #sk < :lt';
    values[':lt'] = o.skLessThan;
  } else if (o.skBetween !== undefined) {
    cond += ' AND #sk BETWEEN :lo AND :hi';
    values[':lo'] = o.skBetween[0];
    values[':hi'] = o.skBetween[1];
  }
  const input: QueryCommandInput = {
    TableName: tableName(),
    IndexName: o.index,
    KeyConditionExpression: cond,
    ExpressionAttributeNames: { '#pk': pkName, ...(cond.includes('#sk') ? { '#sk': skName } : {}) },
    ExpressionAttributeValues: marshal(values),
    Limit: o.limit,
    ScanIndexForward: !o.newestFirst,
    ExclusiveStartKey: o.cursor ? marshal(o.cursor) : undefined,
    ConsistentRead: o.index ? false : (o.consistent ?? true),
  };
  const r = await withRetry('Query', () => ddb().send(new QueryCommand(input)));
  return { items: (r.Items ?? []).map((i) => unmarshal(i)!), next: unmarshal(r.LastEvaluatedKey) };
}

/** Every item of a partition (bounded by `max`), following pages. */
export async function queryAll(o: QueryOpts, max = 100000): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: Record<string, Scalar> | undefined;
  do {
    const r = await query({ ...o, cursor });
    out.push(...r.items);
    cursor = r.next;
  } while (cursor && out.length < max);
  return out;
}

export async function scanAll(max = 1000000): Promise<Item[]> {
  const out: Item[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const r = await withRetry('Scan', () =>
      ddb().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start, ConsistentRead: true })),
    );
    for (const i of r.Items ?? []) out.push(unmarshal(i)!);
    start = r.LastEvaluatedKey;
  } while (start && out.length < max);
  return out;
}

/**
 * Adds 1 to a counter item and answers the new count, in one UpdateItem (no read first, so
 * concurrent hits never lose a count). `expiresAt` (epoch seconds) is the item's TTL: DynamoDB
 * deletes old windows by itself.
 */
export async function countHit(key: Key, expiresAt: number): Promise<number> {
  countWrites([key], ['add']);
  writeStats.requests.single++;
  const r = await withRetry('UpdateItem', () =>
    ddb().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshal({ ...key }),
        UpdateExpression: 'ADD #n :one SET #type = :type, #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#n': 'hits', '#type': 'type', '#ttl': 'expiresAt' },
        ExpressionAttributeValues: marshal({ ':one': 1, ':type': 'rate_counter', ':ttl': expiresAt }),
        ReturnValues: 'UPDATED_NEW',
      }),
    ),
  );
  return Number(r.Attributes?.hits?.N ?? '0');
}

/**
 * A short lease (e.g. the pool applier's): taken when free, expired, or already ours.
 * Correctness never depends on it (the pool's seq guard does); it only keeps concurrent
 * callers from all draining at once and losing the seq race to each other.
 */
export async function tryLease(key: Key, owner: string, ttlMs: number): Promise<boolean> {
  const now = Date.now();
  countWrites([key], ['lease']);
  writeStats.requests.single++;
  try {
    await withRetry('PutItem', () =>
      ddb().send(
        new PutItemCommand({
          TableName: tableName(),
          Item: marshal({ ...key, type: 'lease', owner, until: now + ttlMs }),
          ConditionExpression: 'attribute_not_exists(PK) OR #until < :now OR #owner = :owner',
          ExpressionAttributeNames: { '#until': 'until', '#owner': 'owner' },
          ExpressionAttributeValues: marshal({ ':now': now, ':owner': owner }),
        }),
      ),
    );
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

export async function releaseLease(key: Key, owner: string): Promise<void> {
  countWrites([key], ['release']);
  writeStats.requests.single++;
  assertWritable('DeleteItem');
  try {
    await ddb().send(
      new DeleteItemCommand({
        TableName: tableName(),
        Key: marshal({ ...key }),
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: marshal({ ':owner': owner }),
      }),
    );
  } catch {
    /* someone took it over after expiry: fine */
  }
}

// ---------- transactions ----------
/**
 * One operation in a TransactWriteItems. Conditions are named, not written as expressions,
 * so callers cannot write an unguarded money change by accident.
 */
export type TxOp =
  | { op: 'create'; item: Item } // attribute_not_exists: ledger entries, records, new items
  | { op: 'put'; item: Item; ifVersion: number | null } // null: must not exist yet; else version = n
  | { op: 'putIf'; item: Item; ifEquals: Record<string, Scalar> } // e.g. order status, pool seq
  | { op: 'set'; key: Key; values: Item; ifEquals: Record<string, Scalar>; remove?: string[]; ifAbsent?: string[] } // ifAbsent: these attributes must not exist yet (a one-time claim)
  | { op: 'add'; key: Key; attr: string; by: number; atLeast?: number } // stock: never below 0
  | { op: 'upsert'; item: Item } // unconditional: an index entry that may or may not be there
  | { op: 'delete'; key: Key; mustExist?: boolean }
  | { op: 'check'; key: Key; ifEquals: Record<string, Scalar>; ifAbsent?: string[] }; // ifAbsent ['PK']: no such item

export class TxCancelled extends Error {
  constructor(
    readonly reasons: string[], // one per op: 'None', 'ConditionalCheckFailed', …
    readonly ops: TxOp[],
  ) {
    super('transaction cancelled: ' + reasons.join(','));
    this.name = 'TxCancelled';
  }
  failedIndexes(): number[] {
    return this.reasons.flatMap((r, i) => (r === 'ConditionalCheckFailed' ? [i] : []));
  }
}

function equalsCondition(
  eq: Record<string, Scalar>,
  names: Record<string, string>,
  values: Record<string, Scalar>,
): string {
  return Object.entries(eq)
    .map(([k, v], i) => {
      names[`#c${i}`] = k;
      values[`:c${i}`] = v;
      return `#c${i} = :c${i}`;
    })
    .join(' AND ');
}

type OpOf<K extends TxOp['op']> = Extract<TxOp, { op: K }>;

/** A put that lands only while no item has its key (creates, first versions). */
function putNew(item: Item): TransactWriteItem {
  return { Put: { TableName: tableName(), Item: marshal(item), ConditionExpression: 'attribute_not_exists(PK)' } };
}

/** A put over the version it was computed from. */
function putOverVersion(item: Item, version: number): TransactWriteItem {
  return {
    Put: {
      TableName: tableName(),
      Item: marshal(item),
      ConditionExpression: '#v = :v',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: marshal({ ':v': version }),
    },
  };
}

function putIfEquals(t: OpOf<'putIf'>): TransactWriteItem {
  const names: Record<string, string> = {};
  const values: Record<string, Scalar> = {};
  const cond = equalsCondition(t.ifEquals, names, values);
  return {
    Put: {
      TableName: tableName(),
      Item: marshal(t.item),
      ConditionExpression: cond,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: marshal(values),
    },
  };
}

/** The condition of a set: its equalities, then the attributes that must not exist yet. */
function setCondition(t: OpOf<'set'>, names: Record<string, string>, values: Record<string, Scalar>): string {
  const absent = (t.ifAbsent ?? []).map((k, i) => {
    names[`#a${i}`] = k;
    return `attribute_not_exists(#a${i})`;
  });
  // No condition named: the item must exist (a set never creates a stray item).
  return (
    [equalsCondition(t.ifEquals, names, values), ...absent].filter((c) => c !== '').join(' AND ') ||
    'attribute_exists(PK)'
  );
}

/** SET of the values (an order's status index moves with its status: keys.ts statusIndex), then REMOVE. */
function setUpdate(t: OpOf<'set'>, names: Record<string, string>, values: Record<string, Scalar>): string {
  const sets = Object.entries({ ...t.values, ...statusIndex(t.key, t.values) }).map(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    return `#s${i} = :s${i}`;
  });
  const removes = (t.remove ?? []).map((k, i) => {
    names[`#r${i}`] = k;
    return `#r${i}`;
  });
  return (sets.length ? 'SET ' + sets.join(', ') : '') + (removes.length ? ' REMOVE ' + removes.join(', ') : '');
}

function setFields(t: OpOf<'set'>): TransactWriteItem {
  const names: Record<string, string> = {};
  const values: Record<string, Scalar> = {};
  const cond = setCondition(t, names, values);
  const update = setUpdate(t, names, values);
  return {
    Update: {
      TableName: tableName(),
      Key: marshal({ ...t.key }),
      UpdateExpression: update,
      ConditionExpression: cond,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: marshal(values),
    },
  };
}

function addToCounter(t: OpOf<'add'>): TransactWriteItem {
  const values: Record<string, Scalar> = { ':by': t.by };
  let cond = 'attribute_exists(PK)';
  if (t.atLeast !== undefined) {
    // a decrement of n is allowed only while the counter holds at least n
    values[':min'] = t.atLeast;
    cond += ' AND #a >= :min';
  }
  return {
    Update: {
      TableName: tableName(),
      Key: marshal({ ...t.key }),
      UpdateExpression: 'SET #a = #a + :by',
      ConditionExpression: cond,
      ExpressionAttributeNames: { '#a': t.attr },
      ExpressionAttributeValues: marshal(values),
    },
  };
}

function deleteKey(t: OpOf<'delete'>): TransactWriteItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: marshal({ ...t.key }),
      ...(t.mustExist ? { ConditionExpression: 'attribute_exists(PK)' } : {}),
    },
  };
}

function checkKey(t: OpOf<'check'>): TransactWriteItem {
  const names: Record<string, string> = {};
  const values: Record<string, Scalar> = {};
  const absent = (t.ifAbsent ?? []).map((k, i) => {
    names[`#a${i}`] = k;
    return `attribute_not_exists(#a${i})`;
  });
  const cond = [equalsCondition(t.ifEquals, names, values), ...absent].filter((c) => c !== '').join(' AND ');
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: marshal({ ...t.key }),
      ConditionExpression: cond,
      ExpressionAttributeNames: names,
      ...(Object.keys(values).length ? { ExpressionAttributeValues: marshal(values) } : {}),
    },
  };
}

function toTransactItem(t: TxOp): TransactWriteItem {
  switch (t.op) {
    case 'create':
      return putNew(t.item);
    case 'put':
      return t.ifVersion === null ? putNew(t.item) : putOverVersion(t.item, t.ifVersion);
    case 'putIf':
      return putIfEquals(t);
    case 'set':
      return setFields(t);
    case 'add':
      return addToCounter(t);
    case 'upsert':
      return { Put: { TableName: tableName(), Item: marshal(t.item) } };
    case 'delete':
      return deleteKey(t);
    case 'check':
      return checkKey(t);
  }
}

export const MAX_TX_ITEMS = 100;

/** The most items a staff call's scope joins to a transaction (the audit head and entry). */
const JOINED_MAX = 2;

/**
 * All or nothing. Throws TxCancelled (with per-op reasons) when a condition fails. Inside a
 * staff call's write scope the call's audit entry joins the first transaction (write-scope.ts);
 * a failure of only the joined writes (the audit head moved) sends it again on a fresh head, and
 * a failure of the caller's own ops is reported with the caller's indexes only.
 */
export async function transact(ops: TxOp[], token?: string): Promise<void> {
  const join = !token && ops.length && ops.length + JOINED_MAX <= MAX_TX_ITEMS ? joinOfScope() : undefined;
  for (let attempt = 1; join && attempt <= 10; attempt++) {
    const extra = await join.claim();
    if (!extra) break;
    try {
      await transactOnce([...ops, ...extra], token);
      join.release(true);
      return;
    } catch (e) {
      join.release(false);
      if (!(e instanceof TxCancelled)) throw e;
      if (e.failedIndexes().some((i) => i < ops.length)) throw new TxCancelled(e.reasons.slice(0, ops.length), ops);
    }
  }
  await transactOnce(ops, token);
}

async function transactOnce(ops: TxOp[], token?: string): Promise<void> {
  if (ops.length === 0) return;
  if (ops.length > MAX_TX_ITEMS) throw new Error(`transaction of ${ops.length} items exceeds ${MAX_TX_ITEMS}`);
  const items = ops.map(toTransactItem);
  writeStats.requests.transact++;
  countWrites(
    ops.map((o) => ('key' in o ? o.key : o.item)),
    ops.map((o) => o.op),
  );
  try {
    await withRetry('TransactWriteItems', () =>
      ddb().send(new TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: token })),
    );
  } catch (e) {
    if ((e as { name?: string }).name === 'TransactionCanceledException') {
      throw new TxCancelled(
        reasonsOf(e).map((r) => r.Code ?? 'None'),
        ops,
      );
    }
    throw e;
  }
}

// ---------- writes counted per partition (the bench's "writes on the pool's partition") ----------
/** Item writes sent, in total and to the pool's partition (PK = POOL), counted as they are sent. */
export const writeStats = {
  total: 0,
  pool: 0,
  byKind: {} as Record<string, number>,
  /** by the part of the path that sent them: `edge` (the caller), `commit`, `projection`, `drain` (lease, mark) */
  byPhase: {} as Record<string, number>,
  /** write requests sent: TransactWriteItems, BatchWriteItem (per 25), single writes */
  requests: { transact: 0, batch: 0, single: 0 },
};
/** What an item is, for the bench's breakdown of item writes ("ledger:reserve put", "queue delete" …). */
function kindOf(i: { PK?: Scalar; SK?: Scalar; kind?: unknown }): string {
  const pk = String(i.PK ?? '');
  const sk = String(i.SK ?? '');
  if (isUserPartition(pk)) {
    const what = sk.split('#')[0]!.toLowerCase();
    return what === 'ledger' ? `ledger:${String(i.kind ?? '?')}` : what;
  }
  return pk.split('#')[0]!.toLowerCase();
}
/** The part of the pool's path a write belongs to; none set: the caller's own (`edge`). */
const phase = new AsyncLocalStorage<string>();
/** Runs `fn` with its writes counted under `name` (the bench's item writes per event by phase). */
export function inWritePhase<T>(name: 'commit' | 'projection' | 'drain', fn: () => Promise<T>): Promise<T> {
  return phase.run(name, fn);
}
function countWrites(items: Array<{ PK?: Scalar; SK?: Scalar }>, ops?: string[]): void {
  writeStats.total += items.length;
  const p = phase.getStore() ?? 'edge';
  writeStats.byPhase[p] = (writeStats.byPhase[p] ?? 0) + items.length;
  items.forEach((i, n) => {
    if (i.PK === keys.pool().PK) writeStats.pool++;
    const k = `${kindOf(i)} ${ops?.[n] ?? 'put'}`;
    writeStats.byKind[k] = (writeStats.byKind[k] ?? 0) + 1;
  });
}

/**
 * Unconditional puts and deletes in BatchWriteItem calls of 25 (only for writes that are
 * idempotent by content: records rewritten with the same value, queue entries removed).
 * Unprocessed items are sent again, bounded.
 */
export async function batchWrite(puts: Item[], deletes: Key[] = []): Promise<void> {
  type Req = {
    PutRequest?: { Item: Record<string, AttributeValue> };
    DeleteRequest?: { Key: Record<string, AttributeValue> };
  };
  const reqs: Req[] = [
    ...puts.map((i) => ({ PutRequest: { Item: marshal(i) } })),
    ...deletes.map((k) => ({ DeleteRequest: { Key: marshal({ ...k }) } })),
  ];
  countWrites([...puts, ...deletes], [...puts.map(() => 'put'), ...deletes.map(() => 'delete')]);
  const chunks: Req[][] = [];
  for (let i = 0; i < reqs.length; i += 25) chunks.push(reqs.slice(i, i + 25));
  writeStats.requests.batch += chunks.length;
  await Promise.all(
    chunks.map(async (chunk) => {
      let pending = chunk;
      for (let round = 0; pending.length > 0 && round < MAX_ATTEMPTS; round++) {
        const now = pending;
        const r = await withRetry('BatchWriteItem', () =>
          ddb().send(new BatchWriteItemCommand({ RequestItems: { [tableName()]: now } })),
        );
        pending = (r.UnprocessedItems?.[tableName()] as Req[] | undefined) ?? [];
        if (pending.length) await sleep(20 * (round + 1));
      }
      if (pending.length) throw awsError('ThrottlingException', 'batch write left unprocessed items');
    }),
  );
}

/** One guarded write outside a transaction (half the cost on AWS). False when its condition failed. */
export async function writeOne(op: TxOp): Promise<boolean> {
  if (joinPending()) {
    try {
      await transact([op]);
      return true;
    } catch (e) {
      if (e instanceof TxCancelled && e.failedIndexes().includes(0)) return false;
      throw e;
    }
  }
  const t = toTransactItem(op);
  countWrites(['key' in op ? op.key : op.item], [op.op]);
  writeStats.requests.single++;
  try {
    await withRetry('WriteItem', () => {
      if (t.Put) return ddb().send(new PutItemCommand(t.Put));
      if (t.Update) return ddb().send(new UpdateItemCommand(t.Update));
      if (t.Delete) return ddb().send(new DeleteItemCommand(t.Delete));
      throw new Error('writeOne: a condition check alone writes nothing');
    });
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** The next call makes a new client (the bench switches between two DynamoDB Local endpoints). */
export function resetDdbClient(): void {
  client = undefined;
}

/**
 * Every item of one `type`, only the named attributes (a Scan filtered on the type, page by
 * page, strongly consistent), each handed to `each` as it comes (nothing is kept): the staff's
 * sums over all users (liabilities). Reads the whole table, like reconcile.
 */
export async function scanType(type: string, attrs: string[], each: (i: Item) => void): Promise<void> {
  const names = Object.fromEntries(attrs.map((a, i) => [`#a${i}`, a]));
  let start: Record<string, AttributeValue> | undefined;
  do {
    const r = await withRetry('Scan', () =>
      ddb().send(
        new ScanCommand({
          TableName: tableName(),
          ExclusiveStartKey: start,
          ConsistentRead: true,
          FilterExpression: '#type = :type',
          ProjectionExpression: Object.keys(names).join(', '),
          ExpressionAttributeNames: { '#type': 'type', ...names },
          ExpressionAttributeValues: marshal({ ':type': type }),
        }),
      ),
    );
    for (const i of r.Items ?? []) each(unmarshal(i)!);
    start = r.LastEvaluatedKey;
  } while (start);
}
