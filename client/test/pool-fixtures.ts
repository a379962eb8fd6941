// A real signed head and a real batch for the pool components' tests: a P-256 key made here, a
// batch applied with the engine and hashed with the shared code (nothing pasted by hand).
import { generateKeyPairSync, sign } from 'crypto';
import {
  apply,
  defaultParams,
  emptyState,
  type LedgerEvent,
  type PoolHeadAnswer,
  type PoolKeysAnswer,
  type PoolLogPage,
} from '@greenpoints/shared';
import { hashPublic, headMessage, paramsHash, type PublicBatch } from '@greenpoints/shared/src/poollog';

export function signedHeadFixture(claim = { batch: 3, hash: 'a1'.repeat(32), at: '2026-12-08T01:00:00.000Z' }): {
  head: PoolHeadAnswer;
  keys: PoolKeysAnswer;
} {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signature = sign('sha256', Buffer.from(headMessage(claim)), privateKey).toString('base64');
  const keyId = 'local-0123456789abcdef';
  return {
    head: { ...claim, signature, keyId },
    keys: {
      keys: [{ keyId, alg: 'ECDSA_SHA_256', publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() }],
    },
  };
}

/** Batch 1: one completed order of ¥100 (contribution ¥30) by pseudonym p_me. */
export function batchFixture(): PublicBatch {
  const event: LedgerEvent = {
    kind: 'order_completed',
    orderId: 'o1',
    buyer: 'p_me',
    amount: '100.00',
    contribution: '30.00',
    dividendContribution: '0',
  };
  const before = emptyState(defaultParams);
  const { state, outcome } = apply(before, event, defaultParams);
  const body: Omit<PublicBatch, 'hash'> = {
    batch: 1,
    at: '2026-12-08T01:00:00.000Z',
    paramsVersion: 0,
    paramsHash: paramsHash(defaultParams),
    prevHash: '',
    poolBefore: before.pool,
    poolAfter: state.pool,
    entries: [{ eventId: 'ev_1', user: 'p_me', event, orderId: 'o1', views: {}, outcome }],
  };
  return { ...body, hash: hashPublic(body) };
}

export const pageOf = (b: PublicBatch): PoolLogPage => ({
  head: { batch: b.batch, hash: b.hash, pool: b.poolAfter },
  batches: [b],
  params: { [String(b.paramsVersion)]: defaultParams },
  next: null,
});
