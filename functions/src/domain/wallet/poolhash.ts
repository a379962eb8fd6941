// The pool's log as anyone can check it: a hash chain over a canonical public form of each
// batch (user ids replaced by salted pseudonyms), and a replay with the engine that must give
// every stored outcome and the published pool digit for digit.
import { createHash } from 'crypto';
import {
  apply,
  walletFrom,
  type LedgerEvent,
  type Params,
  type PoolState,
  type WalletChange,
} from '@greenpoints/shared';
import type { BatchLog, LogEntry } from './ports';
import { isLocalStage } from '../../stage';

/** JSON with keys sorted at every level: the same bytes for the same content, whoever writes it. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * The salt of the pseudonyms: a secret of the deployment (env POOL_LOG_SALT). A known salt would
 * let anyone test a user id against the published log, so outside the local stack there is no
 * fallback and a CI placeholder is refused.
 */
function salt(): string {
  const s = process.env.POOL_LOG_SALT ?? '';
  if (isLocalStage()) return s || 'greenpoints-local-salt';
  if (!s || s.startsWith('placeholder-')) throw new Error('POOL_LOG_SALT is not set for this stage (docs/wechat.md)');
  return s;
}
export const pseudonym = (userId: string): string => `p_${sha256(`${salt()}:${userId}`).slice(0, 16)}`;

/** One published event: no user id, no internal queue reference. */
export interface PublicEntry {
  eventId: string;
  user: string;
  event: LedgerEvent;
  orderId?: string;
  views: LogEntry['views'];
  outcome?: LogEntry['outcome'];
  error?: LogEntry['error'];
  release?: WalletChange[];
}
export interface PublicBatch {
  batch: number;
  at: string;
  paramsVersion: number;
  prevHash: string;
  hash: string;
  poolBefore: PoolState;
  poolAfter: PoolState;
  entries: PublicEntry[];
}

function mapEvent(e: LedgerEvent, p: (u: string) => string): LedgerEvent {
  const out = { ...e } as Record<string, unknown>;
  if ('user' in e) out.user = p(e.user);
  if (e.kind === 'order_completed') {
    out.buyer = p(e.buyer);
    if (e.referrers)
      out.referrers = {
        ...(e.referrers.l1 ? { l1: p(e.referrers.l1) } : {}),
        ...(e.referrers.l2 ? { l2: p(e.referrers.l2) } : {}),
      };
    if (e.agent) out.agent = p(e.agent);
  }
  return out as LedgerEvent;
}
const mapChanges = (cs: WalletChange[], p: (u: string) => string) => cs.map((c) => ({ ...c, user: p(c.user) }));

export function publicEntry(e: LogEntry, p: (u: string) => string = pseudonym): PublicEntry {
  return {
    eventId: e.eventId,
    user: p(e.userId),
    event: mapEvent(e.event, p),
    ...(e.order ? { orderId: e.order.orderId } : {}),
    views: Object.fromEntries(Object.entries(e.views).map(([u, w]) => [p(u), w])),
    ...(e.outcome ? { outcome: { ...e.outcome, changes: mapChanges(e.outcome.changes, p) } } : {}),
    ...(e.error ? { error: e.error } : {}),
    ...(e.release ? { release: mapChanges(e.release, p) } : {}),
  };
}

export function publicBatch(b: BatchLog, p: (u: string) => string = pseudonym): PublicBatch {
  return {
    batch: b.batch,
    at: b.at,
    paramsVersion: b.paramsVersion,
    prevHash: b.prevHash,
    hash: b.hash,
    poolBefore: b.poolBefore,
    poolAfter: b.poolAfter,
    entries: b.entries.map((e) => publicEntry(e, p)),
  };
}

/** The hash of a public batch: sha256(prevHash + canonical form without the hash itself). */
export function hashPublic(b: Omit<PublicBatch, 'hash'> & { hash?: string }): string {
  const { hash: _omit, ...body } = b;
  void _omit;
  return sha256(`${b.prevHash}\n${canonical(body)}`);
}

/** The hash a batch is committed with: over its public form, so anyone can recompute it. */
export function hashBatch(b: Omit<BatchLog, 'hash'>): string {
  return hashPublic(publicBatch({ ...b, hash: '' }));
}

/**
 * Checks a run of published batches: the chain, each hash, and the engine's replay of every
 * event from the first batch's poolBefore (or `start`). Returns the problems, first batch first.
 */
export function verifyBatches(
  batches: PublicBatch[],
  paramsOf: (version: number) => Params,
  start?: { pool: PoolState; hash: string },
): { problems: string[]; pool?: PoolState } {
  const problems: string[] = [];
  let pool = start?.pool ?? batches[0]?.poolBefore;
  let prev = start?.hash ?? batches[0]?.prevHash ?? '';
  for (const b of batches) {
    const at = `batch ${b.batch}`;
    if (b.prevHash !== prev) problems.push(`${at}: prevHash does not match the batch before`);
    if (hashPublic(b) !== b.hash) problems.push(`${at}: its hash does not match its contents`);
    if (canonical(b.poolBefore) !== canonical(pool)) problems.push(`${at}: poolBefore is not the pool the log gives`);
    const params = paramsOf(b.paramsVersion);
    let p = pool!;
    for (const e of b.entries) {
      const wallets = Object.fromEntries(Object.entries(e.views).map(([u, w]) => [u, walletFrom(w)]));
      try {
        const a = apply({ pool: p, wallets }, e.event, params);
        if (!e.outcome) problems.push(`${at}: event ${e.eventId} is applied by the engine but logged as refused`);
        else if (canonical(a.outcome) !== canonical(e.outcome))
          problems.push(`${at}: event ${e.eventId} (${e.event.kind}) replays to another outcome`);
        p = a.state.pool;
      } catch (err) {
        const code = (err as { code?: string }).code ?? 'internal';
        if (!e.error || e.error.code !== code)
          problems.push(`${at}: event ${e.eventId} (${e.event.kind}) is refused by the engine (${code})`);
      }
    }
    if (canonical(p) !== canonical(b.poolAfter)) problems.push(`${at}: poolAfter is not what its events give`);
    pool = b.poolAfter;
    prev = b.hash;
    if (problems.length > 20) break;
  }
  return { problems, pool };
}
