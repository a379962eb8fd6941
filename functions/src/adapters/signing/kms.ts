// The production head signer: an asymmetric AWS KMS key (ECC_NIST_P256, ECDSA_SHA_256). The
// private half never leaves KMS; the function's role may only Sign and GetPublicKey with it
// (serverless.yml PoolHeadRole). POOL_HEAD_KEY_ID names the signing key (an alias or ARN), then,
// comma-separated, retired keys whose public halves stay published so old heads stay checkable.
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { spkiPem, type PublicKeyInfo, type Signer } from './types';

/** The part of the KMS client the signer uses (a test passes a client with a recorded transport). */
export type KmsSend = Pick<KMSClient, 'send'>;

export function kmsSigner(keyIds: string[], client: KmsSend = new KMSClient({})): Signer {
  if (keyIds.length === 0 || !keyIds[0])
    throw new Error('POOL_HEAD_KEY_ID is not set for this stage (docs/reliability.md)');
  let published: Promise<PublicKeyInfo[]> | undefined;
  return {
    async sign(message) {
      const r = await client.send(
        new SignCommand({
          KeyId: keyIds[0],
          Message: Buffer.from(message, 'utf8'),
          MessageType: 'RAW',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
      if (!r.Signature || !r.KeyId) throw new Error('KMS Sign answered without a signature');
      return { keyId: r.KeyId, signature: Buffer.from(r.Signature).toString('base64') };
    },
    publicKeys() {
      // Public halves do not change: asked once per container; a failure is asked again next time.
      published ??= Promise.all(keyIds.map((id) => publicKeyOf(client, id))).catch((e: unknown) => {
        published = undefined;
        throw e;
      });
      return published;
    },
  };
}

async function publicKeyOf(client: KmsSend, keyId: string): Promise<PublicKeyInfo> {
  const r = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (!r.PublicKey || !r.KeyId) throw new Error(`KMS GetPublicKey answered without a key for ${keyId}`);
  if (r.KeySpec !== 'ECC_NIST_P256' || !r.SigningAlgorithms?.includes('ECDSA_SHA_256'))
    throw new Error(`KMS key ${r.KeyId} is ${r.KeySpec}: head signing needs ECC_NIST_P256 with ECDSA_SHA_256`);
  return { keyId: r.KeyId, alg: 'ECDSA_SHA_256', publicKey: spkiPem(r.PublicKey) };
}
