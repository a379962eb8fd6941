// Idempotency keys, per user: the item stores a hash of the request and, once known, the answer.
// The item is created inside the same transaction as the change it guards, so a key can never
// be recorded without its change, nor a change made twice.
import { createHash } from 'crypto';
import type { IdemKey, IdemRecord, StoredResponse, Write } from './ports';
import type { Deps } from './deps';

export type { IdemRecord, StoredResponse } from './ports';
/** A caller's Idempotency-Key with the hash of its request. */
export type Idem = IdemKey;

export const KEY_RE = /^[A-Za-z0-9_-]{1,64}$/;

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/** A stable id for the pool event of one (user, key): a replay cannot record a second event. */
export function eventIdFor(userId: string, key: string, salt = ''): string {
  return 'ev_' + createHash('sha256').update(`${userId}\n${key}\n${salt}`).digest('hex').slice(0, 32);
}

export function readIdem(d: Pick<Deps, 'idempotency'>, userId: string, key: string): Promise<IdemRecord | undefined> {
  return d.idempotency.read(userId, key);
}

/** The write that claims the key (once), with the answer when it is already known. */
export function claimOp(d: Pick<Deps, 'idempotency'>, idem: Idem, response?: StoredResponse, eventId?: string): Write {
  return d.idempotency.claim(idem, response, eventId);
}

/** After a multi-step change: record the final answer on a pending key. */
export function finishOp(d: Pick<Deps, 'idempotency'>, idem: Idem, response: StoredResponse): Write {
  return d.idempotency.finish(idem, response);
}
