// The pool's public log as anyone checks it (docs/reliability.md "How anyone checks the pool"):
// the canonical form of a batch, its chained hash, the hash of the parameters in force, the replay
// with the engine, and the signed head. Pure JavaScript (SHA-256 and P-256 from @noble), so the
// same code runs on the server, in `npm run verify-pool`, in the H5 app and in the mini-program.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { p256 } from '@noble/curves/p256';
import { apply, walletFrom } from './engine';
import type { LedgerEvent, Outcome, Params, PoolState, Wallet, WalletChange } from './types';

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

/** A SHA-256 of UTF-8 text as lowercase hex (the server passes node's own, the same function). */
export type Sha256Hex = (text: string) => string;
export const sha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/** One published event: a pseudonym of the batch instead of a user id, no internal queue reference. */
export interface PublicEntry {
  eventId: string;
  user: string;
  event: LedgerEvent;
  orderId?: string;
  views: Record<string, Partial<Wallet>>;
  outcome?: Outcome;
  error?: { code: string; message: string };
  release?: WalletChange[];
}

export interface PublicBatch {
  batch: number;
  at: string;
  paramsVersion: number;
  /** sha256 of the canonical parameters the batch was applied with (their content, not their number) */
  paramsHash: string;
  prevHash: string;
  hash: string;
  poolBefore: PoolState;
  poolAfter: PoolState;
  entries: PublicEntry[];
}

/** The hash of the parameters in force: their whole canonical content. */
export const paramsHash = (p: Params, sha: Sha256Hex = sha256Hex): string => sha(canonical(p));

/** The hash of a public batch: sha256(prevHash + "\n" + canonical form without the hash itself). */
export function hashPublic(b: Omit<PublicBatch, 'hash'> & { hash?: string }, sha: Sha256Hex = sha256Hex): string {
  const { hash: _omit, ...body } = b;
  void _omit;
  return sha(`${b.prevHash}\n${canonical(body)}`);
}

/** Replays one batch's events with the engine from `pool`; the problems found and the pool it gives. */
function replayBatch(b: PublicBatch, pool: PoolState, params: Params): { problems: string[]; pool: PoolState } {
  const at = `batch ${b.batch}`;
  const problems: string[] = [];
  let p = pool;
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
  return { problems, pool: p };
}

/**
 * Checks a run of published batches: the chain, each hash, the parameters' content, and the
 * engine's replay of every event from the first batch's poolBefore (or `start`, a checkpoint).
 */
export function verifyBatches(
  batches: PublicBatch[],
  paramsOf: (version: number) => Params,
  start?: { pool: PoolState; hash: string },
  sha: Sha256Hex = sha256Hex,
): { problems: string[]; pool?: PoolState } {
  const problems: string[] = [];
  let pool = start?.pool ?? batches[0]?.poolBefore;
  let prev = start?.hash ?? batches[0]?.prevHash ?? '';
  for (const b of batches) {
    const at = `batch ${b.batch}`;
    if (b.prevHash !== prev) problems.push(`${at}: prevHash does not match the batch before`);
    if (hashPublic(b, sha) !== b.hash) problems.push(`${at}: its hash does not match its contents`);
    if (canonical(b.poolBefore) !== canonical(pool)) problems.push(`${at}: poolBefore is not the pool the log gives`);
    const params = paramsOf(b.paramsVersion);
    if (paramsHash(params, sha) !== b.paramsHash)
      problems.push(`${at}: the published parameters v${b.paramsVersion} are not the ones it was applied with`);
    const r = replayBatch(b, pool!, params);
    problems.push(...r.problems);
    if (canonical(r.pool) !== canonical(b.poolAfter)) problems.push(`${at}: poolAfter is not what its events give`);
    pool = b.poolAfter;
    prev = b.hash;
    if (problems.length > 20) break;
  }
  return { problems, pool };
}

/** What the pool's head signature covers (GET /pool/head): batch, chain hash and time. */
export interface HeadClaim {
  batch: number;
  hash: string;
  at: string;
}
export const HEAD_SIGNING_ALG = 'ECDSA_SHA_256' as const;
export const headMessage = (h: HeadClaim): string =>
  `greenpoints pool head v1\nbatch ${h.batch}\nhash ${h.hash}\nat ${h.at}`;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Base64 to bytes by hand: the mini-program's JavaScript has no atob. Throws on a foreign character. */
function b64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) throw new Error('not base64');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}
/** The DER prefix of a P-256 SubjectPublicKeyInfo with an uncompressed point (65 bytes follow). */
const P256_SPKI_PREFIX = '3059301306072a8648ce3d020106082a8648ce3d030107034200';

/** The uncompressed point of a P-256 public key in PEM (SubjectPublicKeyInfo), or undefined. */
export function p256PointOfPem(pem: string): Uint8Array | undefined {
  const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  try {
    const der = b64(body);
    if (der.length !== 91 || bytesToHex(der.slice(0, 26)) !== P256_SPKI_PREFIX) return undefined;
    return der.slice(26);
  } catch {
    return undefined;
  }
}

/**
 * True when `signature` (base64 DER, as KMS and node's crypto give it) is the P-256 ECDSA
 * signature over SHA-256 of the head's message by the PEM public key.
 */
export function verifyHeadSignature(head: HeadClaim, signature: string, publicKeyPem: string): boolean {
  const point = p256PointOfPem(publicKeyPem);
  if (!point) return false;
  try {
    const digest = sha256(utf8ToBytes(headMessage(head)));
    return p256.verify(b64(signature), digest, point, { format: 'der', lowS: false, prehash: false });
  } catch {
    return false;
  }
}
