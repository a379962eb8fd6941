// The pool's signed head (GET /pool/head) and the owner's place in the log (GET /pool/proof).
//
// Signed lazily on read, once per batch: the first read of a new published batch signs it and
// keeps the signed head in its own item (POOLHEAD#<batch>, off the pool's partition); later reads
// answer the kept one, re-signed when it is older than a minute so `at` says the head was still
// current then. The applier's hot path is untouched: no signing and no extra write per event or per
// batch on the pool's partition (docs/reliability.md "How anyone checks the pool").
import { headMessage } from '@greenpoints/shared/src/poollog';
import type { ConfigStore } from '../ports';
import type { PoolLogStore } from './ports';
import type { EventPlaces, HeadPublicKey, HeadSigner, SignedHead, SignedHeadStore } from './pool-head-ports';
import { pseudonym } from './poolhash';
import { notFound } from '../errors';

/** How long a signed head stands for the newest one before it is signed again. */
export const HEAD_FRESH_MS = 60_000;

export interface PoolHeadDeps {
  config: Pick<ConfigStore, 'params'>;
  pool: Pick<PoolLogStore, 'head' | 'getBatch'>;
  signedHeads: SignedHeadStore;
  headSigner: () => HeadSigner;
}

/** The newest published batch and its hash: the last fully projected one (as GET /pool/log). */
async function publishedHead(d: Pick<PoolHeadDeps, 'config' | 'pool'>): Promise<{ batch: number; hash: string }> {
  const { params } = await d.config.params();
  const head = await d.pool.head(params);
  if (head.projected >= head.batch) return { batch: head.batch, hash: head.hash };
  const last = await d.pool.getBatch(head.batch);
  return { batch: head.projected, hash: last ? last.prevHash : head.hash };
}

/** GET /pool/head: the newest published batch, its chain hash and time, signed. */
export async function signedHead(d: PoolHeadDeps, now: Date = new Date()): Promise<SignedHead> {
  const { batch, hash } = await publishedHead(d);
  const kept = await d.signedHeads.get(batch);
  if (kept && kept.hash === hash && now.getTime() - Date.parse(kept.at) < HEAD_FRESH_MS) return kept;
  const at = now.toISOString();
  const { keyId, signature } = await d.headSigner().sign(headMessage({ batch, hash, at }));
  const signed: SignedHead = { batch, hash, at, signature, keyId };
  if (await d.signedHeads.put(signed, kept?.at)) return signed;
  // Another reader signed this batch at the same moment: answer the one kept (both are valid).
  return (await d.signedHeads.get(batch)) ?? signed;
}

/** GET /pool/keys: the public halves, current first. */
export async function headKeys(d: Pick<PoolHeadDeps, 'headSigner'>): Promise<{ keys: HeadPublicKey[] }> {
  return { keys: await d.headSigner().publicKeys() };
}

/**
 * GET /pool/proof/{eventId}: the batch that holds the caller's own event and the caller's
 * pseudonym in it, so the owner can find their line in the public log and check it.
 */
export async function eventProof(d: { eventPlaces: EventPlaces }, userId: string, eventId: string) {
  const place = await d.eventPlaces.place(eventId);
  if (!place || place.userId !== userId || place.batch === undefined) throw notFound('event');
  return { eventId, batch: place.batch, user: pseudonym(userId, place.batch), at: place.decidedAt ?? '' };
}
