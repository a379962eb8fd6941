import { render, waitFor } from '@testing-library/react';
import { FakeApi, fail } from '../../test/fake-api';
import { click, login, text } from '../../test/helpers';
import { batchFixture, pageOf } from '../../test/pool-fixtures';

const mockApi = new FakeApi();
jest.mock('../api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import { LineCheck } from './LineCheck';

const proof = { eventId: 'ev_1', batch: 1, user: 'p_me', at: '2026-12-08T01:00:00.000Z' };

beforeEach(() => {
  mockApi.calls = [];
  login();
});

async function checked(container: HTMLElement) {
  click(container, 'line-check-run');
  await waitFor(() => expect(container.querySelector('.line-check-result')).not.toBeNull());
  return container.querySelector('.line-check-result')!;
}

test('my line checks out: its batch is downloaded, rehashed and replayed with the engine here', async () => {
  const b = batchFixture();
  mockApi.on('GET /pool/proof/ev_1', proof).on('GET /pool/log?from=1&limit=1', pageOf(b));
  const { container } = render(<LineCheck eventId="ev_1" />);
  const result = await checked(container);
  expect(result.className).toContain('ok');
  // ¥30 into the fund for 21 points (the seed figures): the engine's price after, recomputed.
  expect(result.textContent).toContain('第 1 批');
  expect(result.textContent).toContain('重算价格 ¥1.4286');
  expect(text(container, 'line-check-verdict')).toBe('✓ 与公开账本一致');
});

test('a batch whose recorded outcome was changed fails its hash and its replay', async () => {
  const b = batchFixture();
  b.entries[0]!.outcome = { ...b.entries[0]!.outcome!, priceAfter: '9.99' };
  mockApi.on('GET /pool/proof/ev_1', proof).on('GET /pool/log?from=1&limit=1', pageOf(b));
  const { container } = render(<LineCheck eventId="ev_1" />);
  const result = await checked(container);
  expect(result.className).toContain('bad');
  expect(text(container, 'line-check-verdict')).toBe('✗ 本批哈希与内容不符；按规则重算的结果与记录不符');
});

test('a line under another pseudonym is not mine', async () => {
  mockApi
    .on('GET /pool/proof/ev_1', { ...proof, user: 'p_other' })
    .on('GET /pool/log?from=1&limit=1', pageOf(batchFixture()));
  const { container } = render(<LineCheck eventId="ev_1" />);
  await checked(container);
  expect(text(container, 'line-check-verdict')).toBe('✗ 这笔记录不属于你的代号');
});

test('a line outside the pool (e.g. a withdrawal) says so', async () => {
  mockApi.on('GET /pool/proof/w_1', fail(404, 'not_found'));
  const { container } = render(<LineCheck eventId="w_1" />);
  expect((await checked(container)).textContent).toBe('这笔不经过分红池账本');
});
