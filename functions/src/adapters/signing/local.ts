// The local stage's head signer: a P-256 key made with node's crypto once per local stack (kept
// in the stack's own table, so every handler process signs with the same key) or given in
// POOL_HEAD_LOCAL_KEY (PKCS#8 PEM). Never a production key: the composition root picks it only
// on STAGE=local, which is refused inside Lambda (functions/src/stage.ts).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'crypto';
import type { PublicKeyInfo, Signer } from './types';

/** Where the generated key is kept (the local table): the first kept wins. */
export interface LocalKeyStore {
  load(): Promise<string | undefined>;
  keep(privateKeyPem: string): Promise<string>;
}

async function privateKey(store: LocalKeyStore, fromEnv: string | undefined): Promise<KeyObject> {
  if (fromEnv) return createPrivateKey(fromEnv);
  const kept = await store.load();
  if (kept) return createPrivateKey(kept);
  const { privateKey: made } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return createPrivateKey(await store.keep(made.export({ type: 'pkcs8', format: 'pem' }).toString()));
}

export function localSigner(store: LocalKeyStore, fromEnv = process.env.POOL_HEAD_LOCAL_KEY): Signer {
  let key: Promise<{ priv: KeyObject; info: PublicKeyInfo }> | undefined;
  const get = () =>
    (key ??= privateKey(store, fromEnv).then((priv) => {
      const pub = createPublicKey(priv);
      const der = pub.export({ type: 'spki', format: 'der' });
      const keyId = `local-${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
      const publicKey = pub.export({ type: 'spki', format: 'pem' }).toString();
      return { priv, info: { keyId, alg: 'ECDSA_SHA_256' as const, publicKey } };
    }));
  return {
    async sign(message) {
      const { priv, info } = await get();
      return { keyId: info.keyId, signature: sign('sha256', Buffer.from(message, 'utf8'), priv).toString('base64') };
    },
    async publicKeys() {
      return [(await get()).info];
    },
  };
}
