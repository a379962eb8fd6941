// Idempotency keys, per user: the item stores a hash of the request and, once known, the answer.
// The item is created inside the same transaction as the change it guards, so a key can never
// be recorded without its change, nor a change made twice.
import { createHash } from 'crypto';
import { getItem, type Item, type TxOp } from '../repo/ddb';
import { keys } from '../repo/keys';

export interface StoredResponse {
  status: number;
  body: unknown;
}
export interface IdemRecord {
  hash: string;
  status: 'pending' | 'done';
  response?: StoredResponse;
  eventId?: string;
}
export interface Idem {
  userId: string;
  key: string;
  hash: string;
}

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

export async function readIdem(userId: string, key: string): Promise<IdemRecord | undefined> {
  const i = await getItem(keys.idem(userId, key));
  if (!i) return undefined;
  return {
    hash: String(i.hash),
    status: i.status === 'done' ? 'done' : 'pending',
    response: typeof i.response === 'string' ? (JSON.parse(i.response) as StoredResponse) : undefined,
    eventId: typeof i.eventId === 'string' ? i.eventId : undefined,
  };
}

/** The TxOp that claims the key, with the answer when it is already known. */
export function claimOp(idem: Idem, response?: StoredResponse, eventId?: string): TxOp {
  const item: Item = {
    ...keys.idem(idem.userId, idem.key),
    type: 'idem',
    hash: idem.hash,
    status: response ? 'done' : 'pending',
    createdAt: new Date().toISOString(),
    // TTL (seconds) so old keys expire on AWS; 7 days.
    expiresAt: Math.floor(Date.now() / 1000) + 7 * 86400,
  };
  if (response) item.response = JSON.stringify(response);
  if (eventId) item.eventId = eventId;
  return { op: 'create', item };
}

/** After a multi-step change: record the final answer on a pending key. */
export function finishOp(idem: Idem, response: StoredResponse): TxOp {
  return {
    op: 'set',
    key: keys.idem(idem.userId, idem.key),
    values: { status: 'done', response: JSON.stringify(response) },
    ifEquals: { hash: idem.hash },
  };
}
