// The production head signer on recorded KMS answers: the real KMS client, its real request
// serialisation and answer parsing, with only the HTTP transport replaced by one that checks what
// was sent and answers the recorded JSON bodies (kms-recorded.json).
import { KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { verifyHeadSignature } from '@greenpoints/shared/src/poollog';
import { kmsSigner } from '../../../src/adapters/signing/kms';
import recorded from './kms-recorded.json';

interface Sent {
  target: string;
  body: Record<string, unknown>;
}

function recordedKms(answers: Record<string, unknown>, sent: Sent[]): KMSClient {
  return new KMSClient({
    region: 'ap-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example' },
    requestHandler: {
      handle: async (req: { headers: Record<string, string>; body?: string | Uint8Array }) => {
        const target = req.headers['x-amz-target'] ?? '';
        const text = typeof req.body === 'string' ? req.body : new TextDecoder().decode(req.body);
        sent.push({ target, body: JSON.parse(text || '{}') as Record<string, unknown> });
        const answer = answers[target];
        const body = new TextEncoder().encode(JSON.stringify(answer ?? { __type: 'NotFoundException', message: 'no' }));
        return {
          response: {
            statusCode: answer ? 200 : 400,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body,
          },
        };
      },
    },
  } as KMSClientConfig);
}

const ALIAS = 'alias/greenpoints-pool-head-prod';
const answers = {
  'TrentService.Sign': recorded.sign,
  'TrentService.GetPublicKey': recorded.getPublicKey,
};

test('sign sends the raw message for ECDSA_SHA_256 and gives the signature that verifies with the published key', async () => {
  const sent: Sent[] = [];
  const signer = kmsSigner([ALIAS], recordedKms(answers, sent));
  const { keyId, signature } = await signer.sign(recorded.message);
  expect(sent[0]).toEqual({
    target: 'TrentService.Sign',
    body: {
      KeyId: ALIAS,
      Message: Buffer.from(recorded.message, 'utf8').toString('base64'),
      MessageType: 'RAW',
      SigningAlgorithm: 'ECDSA_SHA_256',
    },
  });
  expect(keyId).toBe(recorded.sign.KeyId);
  const [key] = await signer.publicKeys();
  expect(sent[1]).toEqual({ target: 'TrentService.GetPublicKey', body: { KeyId: ALIAS } });
  expect(key).toMatchObject({ keyId: recorded.getPublicKey.KeyId, alg: 'ECDSA_SHA_256' });
  expect(key!.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
  expect(verifyHeadSignature(recorded.claim, signature, key!.publicKey)).toBe(true);
  expect(verifyHeadSignature({ ...recorded.claim, batch: 8 }, signature, key!.publicKey)).toBe(false);
});

test('the public keys are asked once per container, retired ones after the current', async () => {
  const sent: Sent[] = [];
  const signer = kmsSigner([ALIAS, 'arn:aws:kms:ap-east-1:111122223333:key/old'], recordedKms(answers, sent));
  expect(await signer.publicKeys()).toHaveLength(2);
  await signer.publicKeys();
  expect(sent.map((s) => s.body.KeyId)).toEqual([ALIAS, 'arn:aws:kms:ap-east-1:111122223333:key/old']);
});

test('a key of another kind is refused, and a missing key id names the variable', async () => {
  const rsa = { ...recorded.getPublicKey, KeySpec: 'RSA_2048', SigningAlgorithms: ['RSASSA_PSS_SHA_256'] };
  const signer = kmsSigner([ALIAS], recordedKms({ 'TrentService.GetPublicKey': rsa }, []));
  await expect(signer.publicKeys()).rejects.toThrow(/needs ECC_NIST_P256/);
  expect(() => kmsSigner([])).toThrow(/POOL_HEAD_KEY_ID/);
});

test('a KMS error reaches the caller (the route answers 500 rather than an unsigned head)', async () => {
  const signer = kmsSigner([ALIAS], recordedKms({}, []));
  await expect(signer.sign('m')).rejects.toThrow();
});
