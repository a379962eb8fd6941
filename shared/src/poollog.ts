// The pool's public log as anyone checks it (docs/reliability.md "How anyone checks the pool"):
// the canonical form of a batch, its chained hash, the hash of the parameters in force, the replay
// with the engine, and the signed head. Pure JavaScript (SHA-256 and P-256 from @noble), so the
// same code runs on the server, in `npm run verify-pool`, in the H5 app and in the mini-program.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { createCurve } from '@noble/curves/_shortw_utils';
import { Field } from '@noble/curves/abstract/modular';
import { apply, walletFrom } from './engine';
import type { LedgerEvent, Outcome, Params, PoolState, Wallet, WalletChange } from './types';
import type { LoggedNote, PoolAccounts } from './pool-accounts';

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

/**
 * UTF-8 bytes by hand: the mini-program's JavaScript has no TextEncoder (a lone surrogate becomes
 * U+FFFD, as TextEncoder and node's Buffer do).
 */
function utf8ToBytes(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * NIST P-256 (FIPS 186-4 D.1.2.3) from noble's Weierstrass layer: the package's ready-made p256
 * also loads hash-to-curve, which needs TextEncoder as soon as it loads.
 */
const P256_P = BigInt('0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff');
let curve: ReturnType<typeof createCurve> | undefined;
const p256 = () =>
  (curve ??= createCurve(
    {
      Fp: Field(P256_P),
      n: BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
      h: BigInt(1),
      a: BigInt('0xffffffff00000001000000000000000000000000fffffffffffffffffffffffc'),
      b: BigInt('0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b'),
      Gx: BigInt('0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296'),
      Gy: BigInt('0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5'),
      lowS: false,
    },
    sha256,
  ));

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
  /** changes made outside the pool that this batch logs, and the accounts around it (every yuan in the log) */
  notes?: LoggedNote[];
  accountsBefore?: PoolAccounts;
  accountsAfter?: PoolAccounts;
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
    return p256().verify(b64(signature), digest, point, { format: 'der', lowS: false, prehash: false });
  } catch {
    return false;
  }
}
