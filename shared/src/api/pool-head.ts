// The pool's verifiable head and its public log (docs/api.md "Pool"): the answers of
// GET /pool/head, GET /pool/keys, GET /pool/log and GET /pool/proof/{eventId}, with zod schemas
// so a checker (the app, `npm run verify-pool`) refuses a malformed answer instead of trusting it.
import { z } from 'zod';
import type { Params, PoolState } from '../types';
import type { PublicBatch } from '../poollog';
import type { PoolAccounts } from '../pool-accounts';

const hex64 = z.string().regex(/^([0-9a-f]{64})?$/);

/** GET /pool/head: the newest published batch and its chain hash, signed (headMessage in poollog.ts). */
export const poolHeadAnswer = z.object({
  batch: z.number().int().min(0),
  /** the chain hash of `batch` ('' before the first batch) */
  hash: hex64,
  /** when the head was signed (ISO); re-signed at least every minute while it is read */
  at: z.string().min(1),
  /** base64 of the DER-encoded ECDSA P-256 signature over SHA-256 of headMessage({batch, hash, at}) */
  signature: z.string().min(1),
  /** the key that signed: one of GET /pool/keys */
  keyId: z.string().min(1),
});
export type PoolHeadAnswer = z.infer<typeof poolHeadAnswer>;

/** GET /pool/keys: the public halves of the keys heads are signed with (current first). */
export const poolKeysAnswer = z.object({
  keys: z.array(
    z.object({
      keyId: z.string().min(1),
      alg: z.literal('ECDSA_SHA_256'),
      /** PEM SubjectPublicKeyInfo of a P-256 key */
      publicKey: z.string().min(1),
    }),
  ),
});
export type PoolKeysAnswer = z.infer<typeof poolKeysAnswer>;

/** GET /pool/log?from=&limit=: batches, the parameters of each version they use, the published head. */
export interface PoolLogPage {
  /** `accounts`: the log's running accounts as the pool item holds them (every yuan outside the pool's own numbers) */
  head: { batch: number; hash: string; pool: PoolState; accounts?: PoolAccounts };
  batches: PublicBatch[];
  params: Record<string, Params>;
  next: number | null;
}

/** GET /pool/proof/{eventId}: where the caller's own event sits in the public log. */
export const poolProofAnswer = z.object({
  eventId: z.string(),
  /** the batch that holds it (GET /pool/log?from=<batch>&limit=1) */
  batch: z.number().int().min(1),
  /** the caller's pseudonym in that batch (it changes from batch to batch) */
  user: z.string(),
  /** the batch's time */
  at: z.string(),
});
export type PoolProofAnswer = z.infer<typeof poolProofAnswer>;
