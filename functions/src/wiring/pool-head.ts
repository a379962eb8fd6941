// Composition root of the pool's signed head: the signer (AWS KMS, or the local stack's own key on
// STAGE=local), the kept signed heads and the event records (DynamoDB).
import type { HeadSigner } from '../domain/wallet/pool-head-ports';
import type { PoolHeadDeps } from '../domain/wallet/pool-head';
import { kmsSigner } from '../adapters/signing/kms';
import { localSigner } from '../adapters/signing/local';
import { eventPlaces, localKeyStore, signedHeadStore } from '../repo/pool-head';
import { isLocalStage } from '../stage';

let made: { local: boolean; signer: HeadSigner } | undefined;

/** The signer of this stage, made on first use (a missing key id fails the call that needs it). */
export function headSigner(): HeadSigner {
  const local = isLocalStage();
  if (made?.local !== local) {
    const ids = (process.env.POOL_HEAD_KEY_ID ?? '').split(',').map((s) => s.trim());
    made = { local, signer: local ? localSigner(localKeyStore) : kmsSigner(ids.filter(Boolean)) };
  }
  return made.signer;
}

export const poolHead: Pick<PoolHeadDeps, 'signedHeads' | 'headSigner'> = {
  signedHeads: signedHeadStore,
  headSigner,
};
export const places = { eventPlaces };
