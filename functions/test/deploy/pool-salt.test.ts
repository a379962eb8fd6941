// The pool log's pseudonyms (GET /pool/log) are salted with a deployment secret: outside the
// local stack a missing or placeholder POOL_LOG_SALT refuses, rather than falling back to the
// salt in the source, which would let anyone test a user id against the published log.
import { pseudonym } from '../../src/domain/wallet/poolhash';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

test('the local stack has a development salt; a set salt changes every pseudonym', () => {
  process.env = { ...saved, STAGE: 'local', POOL_LOG_SALT: '' };
  const dev = pseudonym('u1', 1);
  expect(dev).toMatch(/^p_[0-9a-f]{16}$/);
  process.env.POOL_LOG_SALT = 'another-salt-of-this-deployment';
  expect(pseudonym('u1', 1)).not.toBe(dev);
  expect(pseudonym('u1', 1)).toBe(pseudonym('u1', 1));
});

test('a pseudonym rotates with the batch: the same person is someone else in the next batch', () => {
  process.env = { ...saved, STAGE: 'local', POOL_LOG_SALT: '' };
  const seen = new Set([1, 2, 3, 4].map((batch) => pseudonym('u1', batch)));
  expect(seen.size).toBe(4);
  expect(pseudonym('u2', 1)).not.toBe(pseudonym('u1', 1));
});

test('a production stage without its salt, or with a CI placeholder, refuses', () => {
  process.env = { ...saved, STAGE: 'prod', POOL_LOG_SALT: '' };
  expect(() => pseudonym('u1', 1)).toThrow(/POOL_LOG_SALT is not set/);
  process.env.POOL_LOG_SALT = 'placeholder-POOL_LOG_SALT-ci-only-0000000000000';
  expect(() => pseudonym('u1', 1)).toThrow(/POOL_LOG_SALT is not set/);
  process.env.POOL_LOG_SALT = 'a-real-secret-salt-0123456789';
  expect(pseudonym('u1', 1)).toMatch(/^p_[0-9a-f]{16}$/);
});
