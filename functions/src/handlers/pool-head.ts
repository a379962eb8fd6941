// GET /pool/head, GET /pool/keys (public) and GET /pool/proof/{eventId} (the caller's own event).
import type { PoolHeadAnswer, PoolKeysAnswer, PoolProofAnswer } from '@greenpoints/shared';
import { routes } from '../http/wrapper';
import { http } from '../wiring/http';
import { core } from '../wiring/core';
import { pool } from '../wiring/pool';
import { places, poolHead } from '../wiring/pool-head';
import { eventProof, headKeys, signedHead } from '../domain/wallet/pool-head';

const route = routes(http);
const deps = { ...core, ...pool, ...poolHead };

/** The newest published batch and its chain hash, signed (docs/api.md). */
export const head = route({ auth: false }, async () => {
  const body: PoolHeadAnswer = await signedHead(deps);
  return { body };
});

/** The public halves of the head-signing keys. */
export const keysList = route({ auth: false }, async () => {
  const body: PoolKeysAnswer = await headKeys(poolHead);
  return { body };
});

/** Where the caller's own event sits in the public log, and the caller's pseudonym there. */
export const proof = route({}, async (c) => {
  // The wrapper has checked the id's form (http/ids.ts): a stranger one answered 404 already.
  const body: PoolProofAnswer = await eventProof(places, c.userId, c.path.id ?? '');
  return { body };
});
