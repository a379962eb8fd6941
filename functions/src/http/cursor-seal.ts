// Paging cursors on the wire are sealed (AES-256-GCM under a key derived from CURSOR_SECRET),
// bound to the caller and the list: a client can neither read the store's key layout nor forge,
// edit or replay a cursor on another list or as another user. Anything that does not open is
// `400 invalid_cursor` before any store is asked (issue 21: a tampered cursor used to reach
// DynamoDB and answer 500). The stores keep their own inner format (repo/cursor.ts), which
// still checks the partition as a second line.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';
import { invalid } from '../domain/errors';
import { isLocalStage, isPlaceholder } from '../stage';

/** Fixed on the local stage only (tests, npm start); production needs its own secret. */
const LOCAL_SECRET = 'greenpoints-local-cursor-secret-not-for-production';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_RE = /^[A-Za-z0-9_-]{38,2000}$/;

/** Who a cursor belongs to: the caller ('' for anonymous) and the list it pages. */
export interface CursorScope {
  caller: string;
  list: string;
}

/** Read per call, like JWT_SECRET: fails closed outside the local stage. */
function key(): Buffer {
  const s = process.env.CURSOR_SECRET ?? '';
  const local = isLocalStage();
  if (s === '' && !local) throw new Error('env CURSOR_SECRET is not set (required outside STAGE=local)');
  if (!local && Buffer.byteLength(s) < 32) throw new Error('env CURSOR_SECRET must be at least 32 bytes');
  if (!local && isPlaceholder(s)) throw new Error('env CURSOR_SECRET is a placeholder; set the production secret');
  return createHash('sha256')
    .update(`greenpoints cursor v1\n${s || LOCAL_SECRET}`)
    .digest();
}

const aad = (scope: CursorScope) => Buffer.from(`v1\n${scope.list}\n${scope.caller}`, 'utf8');

export function sealCursor(inner: string | undefined, scope: CursorScope): string | undefined {
  if (inner === undefined || inner === '') return undefined;
  const iv = randomBytes(IV_BYTES);
  const c = createCipheriv('aes-256-gcm', key(), iv);
  c.setAAD(aad(scope));
  const body = Buffer.concat([c.update(inner, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

const refused = () => invalid('invalid_cursor', 'cursor is not valid');

/** The store's cursor inside a sealed one of this caller and list; anything else is invalid_cursor. */
export function openCursor(sealed: string | undefined, scope: CursorScope): string | undefined {
  if (sealed === undefined || sealed === '') return undefined; // '' asks for the first page
  if (typeof sealed !== 'string' || !SEALED_RE.test(sealed)) throw refused();
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) throw refused();
  const k = key(); // a missing secret is a configuration fault (500), not the caller's
  try {
    const d = createDecipheriv('aes-256-gcm', k, raw.subarray(0, IV_BYTES));
    d.setAAD(aad(scope));
    d.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([d.update(raw.subarray(IV_BYTES + TAG_BYTES)), d.final()]).toString('utf8');
  } catch {
    throw refused();
  }
}

/** A page answer with its `cursor` sealed (other bodies unchanged). */
export function sealPage(body: unknown, scope: CursorScope): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  if (typeof b.cursor !== 'string') return body;
  const { cursor, ...rest } = b;
  const sealed = sealCursor(cursor, scope);
  return sealed ? { ...rest, cursor: sealed } : rest;
}
