import { render, waitFor } from '@testing-library/react';
import { FakeApi } from '../../test/fake-api';
import { texts } from '../../test/helpers';
import { signedHeadFixture } from '../../test/pool-fixtures';

const mockApi = new FakeApi();
jest.mock('../api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import { SignedHead, shortHash } from './SignedHead';

test('the signed head: batch, short hash, time, key, and its signature verified on the phone', async () => {
  const { head, keys } = signedHeadFixture();
  mockApi.on('GET /pool/head', head).on('GET /pool/keys', keys);
  const { container } = render(<SignedHead />);
  await waitFor(() => expect(container.querySelector('.head-verdict')).not.toBeNull());
  expect(texts(container, 'head-batch', 'head-hash', 'head-key')).toEqual({
    'head-batch': '3',
    'head-hash': `${'a1'.repeat(4)}…${'a1'.repeat(4)}`,
    'head-key': 'local-0123456789abcdef',
  });
  expect(container.querySelector('.head-verdict')?.textContent).toBe('已签名 · 签名已在本机验证');
  expect(container.querySelector('.head-verdict')?.className).toContain('ok');
});

test('a forged head (another batch under the same signature) is shown as invalid', async () => {
  const { head, keys } = signedHeadFixture();
  mockApi.on('GET /pool/head', { ...head, batch: 4 }).on('GET /pool/keys', keys);
  const { container } = render(<SignedHead />);
  await waitFor(() => expect(container.querySelector('.head-verdict')).not.toBeNull());
  expect(container.querySelector('.head-verdict')?.textContent).toBe('签名无效：请勿信任此账本头');
});

test('a head signed by a key that is not published cannot be verified', async () => {
  const { head, keys } = signedHeadFixture();
  mockApi.on('GET /pool/head', { ...head, keyId: 'someone-else' }).on('GET /pool/keys', keys);
  const { container } = render(<SignedHead />);
  await waitFor(() => expect(container.querySelector('.head-verdict')).not.toBeNull());
  expect(container.querySelector('.head-verdict')?.textContent).toBe('签名密钥未公布：无法验证');
});

test('short hashes: first and last 8, and the empty chain said in words', () => {
  expect(shortHash('0123456789abcdef'.repeat(4))).toBe('01234567…89abcdef');
  expect(shortHash('')).toBe('（尚无批次）');
});
