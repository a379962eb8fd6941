// The pool log's checks as every checker runs them: the parameters are hashed by content, and a
// head's signature (P-256, DER, as KMS and node's crypto give it) verifies only for its own
// batch, hash and time under the key that made it.
import { createHash, generateKeyPairSync, sign } from 'crypto';
import { defaultParams } from '../src';
import { headMessage, paramsHash, p256PointOfPem, sha256Hex, verifyHeadSignature } from '../src/poollog';

const made = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};
const head = { batch: 42, hash: 'ab'.repeat(32), at: '2026-12-08T00:00:00.000Z' };

test('the shared SHA-256 is the one the server hashes with', () => {
  for (const text of ['', 'pool', '积分 ¥1.00', '🌱 绿色', 'lone \ud800 surrogate', 'x'.repeat(10_000)])
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
});

test('the parameters are hashed by content: any change of a value changes the hash', () => {
  const base = paramsHash(defaultParams);
  expect(paramsHash({ ...defaultParams })).toBe(base);
  expect(paramsHash({ ...defaultParams, sellFeeRate: '0.11' })).not.toBe(base);
  // key order does not matter (canonical form)
  const reversed = Object.fromEntries(Object.entries(defaultParams).reverse()) as typeof defaultParams;
  expect(paramsHash(reversed)).toBe(base);
});

test("a head's signature verifies for its own claim only", () => {
  const k = made();
  const sig = sign('sha256', Buffer.from(headMessage(head), 'utf8'), k.privateKey).toString('base64');
  expect(verifyHeadSignature(head, sig, k.pem)).toBe(true);
  expect(verifyHeadSignature({ ...head, batch: 43 }, sig, k.pem)).toBe(false);
  expect(verifyHeadSignature({ ...head, hash: 'cd'.repeat(32) }, sig, k.pem)).toBe(false);
  expect(verifyHeadSignature({ ...head, at: '2026-12-08T00:01:00.000Z' }, sig, k.pem)).toBe(false);
  expect(verifyHeadSignature(head, sig, made().pem)).toBe(false);
  expect(verifyHeadSignature(head, 'not base64!', k.pem)).toBe(false);
});

test('only a P-256 public key is taken', () => {
  expect(p256PointOfPem(made().pem)).toHaveLength(65);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
  expect(p256PointOfPem(rsa.toString())).toBeUndefined();
  const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({ type: 'spki', format: 'pem' });
  expect(p256PointOfPem(k1.toString())).toBeUndefined();
});
