// The pool's log as anyone can check it: a hash chain over a canonical public form of each
// batch (user ids replaced by pseudonyms that change from batch to batch), and a replay with the
// engine that must give every stored outcome and the published pool digit for digit. The format,
// the hashing and the replay are shared with every checker (shared/src/poollog.ts).
import { createHash, createHmac } from 'crypto';
import { type LedgerEvent, type Params, type PoolState, type WalletChange } from '@greenpoints/shared';
import {
  canonical,
  hashPublic as hashPublicWith,
  paramsHash as paramsHashWith,
  verifyBatches as verifyBatchesWith,
  type PublicBatch,
  type PublicEntry,
} from '@greenpoints/shared/src/poollog';
import type { LoggedNote, PoolAccounts } from '@greenpoints/shared';
import type { BatchLog, LogEntry, StoredNote } from './ports';
import { replayAccounts } from './accounts-replay';
import { isLocalStage } from '../../stage';

export { canonical, type PublicBatch, type PublicEntry };

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
/**
 * A user's pseudonym in one batch: an HMAC of the batch number and the user id under the salt, so
 * the same person has another pseudonym in every batch and the public log cannot be followed from
 * batch to batch to a leaderboard row (docs/reliability.md). The owner learns theirs from
 * GET /pool/proof/{eventId}.
 */
export const pseudonym = (userId: string, batch: number): string =>
  `p_${createHmac('sha256', salt()).update(`${batch}:${userId}`, 'utf8').digest('hex').slice(0, 16)}`;

/** The hash of the parameters in force, over their content. */
export const paramsHash = (p: Params): string => paramsHashWith(p, sha256);

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

export function publicEntry(e: LogEntry, p: (u: string) => string): PublicEntry {
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

/** A note as published: the user a pseudonym (of the note's batch), no queue reference. */
export function publicNote(n: StoredNote, p: (u: string) => string): LoggedNote {
  const { queueRef: _omit, ...note } = n;
  void _omit;
  if (note.kind !== 'wallet') return note;
  return {
    ...note,
    user: p(note.user),
    event: mapEvent(note.event, p),
    outcome: { ...note.outcome, changes: mapChanges(note.outcome.changes, p) },
  };
}

export function publicBatch(b: BatchLog, p: (u: string) => string = (u) => pseudonym(u, b.batch)): PublicBatch {
  return {
    batch: b.batch,
    at: b.at,
    paramsVersion: b.paramsVersion,
    paramsHash: b.paramsHash,
    prevHash: b.prevHash,
    hash: b.hash,
    poolBefore: b.poolBefore,
    poolAfter: b.poolAfter,
    entries: b.entries.map((e) => publicEntry(e, p)),
    ...(b.notes ? { notes: b.notes.map((n) => publicNote(n, p)) } : {}),
    ...(b.accountsBefore ? { accountsBefore: b.accountsBefore } : {}),
    ...(b.accountsAfter ? { accountsAfter: b.accountsAfter } : {}),
  };
}

/** The hash of a public batch: sha256(prevHash + "\n" + canonical form without the hash itself). */
export const hashPublic = (b: Omit<PublicBatch, 'hash'> & { hash?: string }): string => hashPublicWith(b, sha256);

/** The hash a batch is committed with: over its public form, so anyone can recompute it. */
export function hashBatch(b: Omit<BatchLog, 'hash'>): string {
  return hashPublic(publicBatch({ ...b, hash: '' }));
}

/**
 * Checks a run of published batches: the chain, each hash, the parameters, the engine's replay of
 * every event (shared/src/poollog.ts, the same code every checker runs) and the log's accounts
 * (every note replayed, domain/wallet/accounts-replay.ts). Returns the problems, first batch
 * first, and the pool and accounts the log gives.
 */
export function verifyBatches(
  batches: PublicBatch[],
  paramsOf: (version: number) => Params,
  start?: { pool: PoolState; hash: string; accounts?: PoolAccounts },
): { problems: string[]; pool?: PoolState; accounts?: PoolAccounts } {
  const { problems, pool } = verifyBatchesWith(batches, paramsOf, start, sha256);
  let accounts = start?.accounts ?? batches[0]?.accountsBefore;
  const found: string[] = [];
  for (const b of batches) {
    accounts = replayAccounts(b, accounts, paramsOf(b.paramsVersion), found);
    if (found.length > 20) break;
  }
  return { problems: [...problems, ...found], pool, ...(accounts ? { accounts } : {}) };
}
