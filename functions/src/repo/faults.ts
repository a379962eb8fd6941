// Fault injection for the randomized system test (test/chaos): DynamoDB failures as they look
// from a real client, raised on the SDK client itself (one middleware, so every command is
// covered, whichever code path sends it). Local stage only: the plan is a file the test writes
// and the offline API reads, and nothing is installed or read unless STAGE=local outside Lambda.
//
// Kinds (each a probability per command):
//   conflict, throttle  before the command is sent; retryable (repo/ddb.ts retries them)
//   timeout             before the command is sent; not retryable: the caller fails, nothing written
//   lostAnswer          after a write was applied: the caller sees a timeout (the ambiguous case)
//   crash               the flow dies at a write, before or after it lands (half the time each)
//   duplicate           a write is delivered again shortly after its answer (same ClientRequestToken)
//   drainKill           the pool applier's batch write dies (before or after it lands) and its lease
//                       release is lost: the lease stays held until it expires
import { createHash, randomUUID } from 'crypto';
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runsInLambda } from '../stage';
import type { Key } from './ddb';
import { keys } from './keys';

export const FAULT_KINDS = [
  'conflict',
  'throttle',
  'timeout',
  'lostAnswer',
  'crash',
  'duplicate',
  'drainKill',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultPlan {
  seed: number;
  /** probability per command, 0..0.5 */
  rates: Partial<Record<FaultKind, number>>;
}

/** True only in the local stack (serverless-offline or a test process), never in Lambda. */
export function faultsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.STAGE === 'local' && !runsInLambda(env);
}

/** One plan file per local stack (its DynamoDB endpoint and table), so stacks side by side never share faults. */
export function faultPlanPath(env: NodeJS.ProcessEnv = process.env): string {
  const id = createHash('sha256')
    .update(`${env.DDB_ENDPOINT ?? ''}|${env.TABLE_NAME ?? ''}`)
    .digest('hex')
    .slice(0, 16);
  return join(tmpdir(), `greenpoints-faults-${id}.json`);
}

function refuseOutsideLocal(): void {
  if (!faultsAllowed()) throw new Error('fault injection exists only in the local stage (STAGE=local, not in Lambda)');
}

export function setFaultPlan(plan: FaultPlan): void {
  refuseOutsideLocal();
  for (const [k, v] of Object.entries(plan.rates)) {
    if (!(FAULT_KINDS as readonly string[]).includes(k)) throw new Error(`unknown fault kind ${k}`);
    if (typeof v !== 'number' || !(v >= 0 && v <= 0.5)) throw new Error(`fault rate ${k}=${String(v)} not in 0..0.5`);
  }
  writeFileSync(faultPlanPath(), JSON.stringify(plan));
}

export function clearFaultPlan(): void {
  rmSync(faultPlanPath(), { force: true });
}

/** How many faults of each kind every process injected since the log was last reset. */
export function faultCounts(): Record<FaultKind, number> {
  const out = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const log = faultPlanPath() + '.log';
  if (!existsSync(log)) return out;
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const k = line.split(' ')[0] as FaultKind;
    if (k in out) out[k]++;
  }
  return out;
}
export function resetFaultCounts(): void {
  rmSync(faultPlanPath() + '.log', { force: true });
}

// ---------- the reading side (every process that sends DynamoDB commands) ----------

let cached: { plan?: FaultPlan; checkedAt: number; mtime: number } = { checkedAt: 0, mtime: -1 };
function currentPlan(): FaultPlan | undefined {
  const now = Date.now();
  if (now - cached.checkedAt < 100) return cached.plan;
  cached.checkedAt = now;
  const p = faultPlanPath();
  try {
    const m = statSync(p).mtimeMs;
    if (m !== cached.mtime)
      cached = { plan: JSON.parse(readFileSync(p, 'utf8')) as FaultPlan, checkedAt: now, mtime: m };
  } catch {
    cached = { checkedAt: now, mtime: -1 };
  }
  return cached.plan;
}

/** mulberry32: a seeded stream of decisions per process (the interleaving decides which command gets one). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WRITES = new Set(['TransactWriteItemsCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);

function fault(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  const e = new Error(`[injected] ${message}`) as Error & Record<string, unknown>;
  e.name = name;
  e.stack = `${name}: ${e.message}`; // one line in the offline log, not a trace
  Object.assign(e, { $fault: 'server', injected: true, ...extra });
  return e;
}

interface Cmd {
  TransactItems?: Array<Record<string, { Key?: unknown; Item?: unknown } | undefined>>;
  Key?: unknown;
  ClientRequestToken?: string;
}
/** Whether a marshalled key is this key. */
const isMarshalled = (k: unknown, key: Key) =>
  !!k && (k as { PK?: { S?: string } }).PK?.S === key.PK && (k as { SK?: { S?: string } }).SK?.S === key.SK;
const isPoolKey = (k: unknown) => isMarshalled(k, keys.pool());
/** The pool applier's batch: the one transaction that writes the pool state item. */
function isDrainBatch(input: Cmd): boolean {
  return (input.TransactItems ?? []).some((t) =>
    Object.values(t).some((op) => op && (isPoolKey(op.Key) || isPoolKey(op.Item))),
  );
}

type Next = (args: { input: Cmd }) => Promise<unknown>;
interface MiddlewareClient {
  middlewareStack: {
    add(mw: (next: Next, context: { commandName?: string }) => Next, opts: { step: 'initialize'; name: string }): void;
  };
}

/** Installed by repo/ddb.ts on its client; a no-op outside the local stage. */
export function installFaults(client: MiddlewareClient): void {
  if (!faultsAllowed()) return;
  let stream: { seed: number; next: () => number } | undefined;
  const salt = createHash('sha256')
    .update(process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'main')
    .digest()
    .readUInt32BE(0);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const plan = faultsAllowed() ? currentPlan() : undefined;
      if (!plan) return next(args);
      if (stream?.seed !== plan.seed) stream = { seed: plan.seed, next: rng(plan.seed ^ salt) };
      const op = context.commandName ?? '';
      const write = WRITES.has(op);
      const r = plan.rates;
      let u = stream.next();
      const pick = (k: FaultKind, applies: boolean) => {
        const p = applies ? (r[k] ?? 0) : 0;
        if (u < p) return true;
        u -= p;
        return false;
      };
      const log = (k: FaultKind) => {
        try {
          appendFileSync(faultPlanPath() + '.log', `${k} ${op}\n`);
        } catch {
          /* counting only */
        }
      };
      const half = stream.next() < 0.5;
      if (op === 'DeleteItemCommand' && isMarshalled(args.input.Key, keys.poolLease()) && pick('drainKill', true)) {
        log('drainKill');
        throw fault('TimeoutError', 'lease release lost: the drainer died'); // releaseLease ignores errors
      }
      if (op === 'TransactWriteItemsCommand' && isDrainBatch(args.input) && pick('drainKill', true)) {
        log('drainKill');
        if (half) throw fault('TimeoutError', 'drainer killed before its batch was written');
        await next(args);
        throw fault('TimeoutError', 'drainer killed after its batch was written');
      }
      if (pick('conflict', true)) {
        log('conflict');
        throw fault('TransactionConflictException', 'transaction conflict');
      }
      if (pick('throttle', true)) {
        log('throttle');
        throw fault('ThrottlingException', 'rate of requests exceeds the allowed throughput');
      }
      if (pick('timeout', true)) {
        log('timeout');
        throw fault('TimeoutError', 'socket timed out before the request was sent');
      }
      if (pick('lostAnswer', write)) {
        log('lostAnswer');
        await next(args);
        throw fault('TimeoutError', 'socket timed out waiting for the answer (the write was applied)');
      }
      if (pick('crash', write)) {
        log('crash');
        if (half) throw fault('TimeoutError', 'process crashed before this write');
        await next(args);
        throw fault('TimeoutError', 'process crashed after this write landed');
      }
      if (pick('duplicate', write)) {
        log('duplicate');
        // A retried delivery carries the same token, as the SDK's own retries would.
        if (op === 'TransactWriteItemsCommand') args.input.ClientRequestToken ??= randomUUID();
        const out = await next(args);
        const again = { ...args, input: { ...args.input } };
        setTimeout(() => void next(again).catch(() => undefined), 5 + Math.floor(stream.next() * 150));
        return out;
      }
      return next(args);
    },
    { step: 'initialize', name: 'greenpointsFaults' },
  );
}
