import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FakeApi, fail } from './fake-api';
import { poolAnswer } from './fixtures';
import { batchFixture, pageOf, signedHeadFixture } from './pool-fixtures';
import { click, login, text, texts } from './helpers';

const mockApi = new FakeApi();
jest.mock('../src/api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import PricePage from '../src/pages/price/index';
import PoolPage from '../src/pages/pool/index';
import LedgerPage from '../src/pages/ledger/index';
import RulesPage from '../src/pages/rules/index';
import PoolCheckPage from '../src/pages/pool-check/index';

beforeEach(() => {
  mockApi.calls = [];
  login('uA');
});

test('price history: the chart of every change, what moved the price, ranges of 7 and 30 days', async () => {
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * 86400_000).toISOString();
  // Newest first, as the API sends it: the seed prices after orders 1..3, then a sell.
  mockApi.on('GET /pool/history?limit=100', [
    { seq: 4, at: ago(1), kind: 'sell', price: '1.907700' },
    { seq: 3, at: ago(2), kind: 'order_completed', price: '1.867400' },
    { seq: 2, at: ago(20), kind: 'order_completed', price: '1.680700' },
    { seq: 1, at: ago(40), kind: 'order_completed', price: '1.428600' },
  ]);
  const { container } = render(<PricePage />);
  await screen.findByText('价格走势');
  expect(text(container, 'price-latest')).toBe('¥1.9077');
  // 30 days (the first tab): three changes; the reasons by kind, newest first, with the rise.
  expect(text(container, 'price-summary')).toBe(
    '近 30 天共 3 次变动（订单完成 2 次、卖出 1 次），从 ¥1.6807 到 ¥1.9077。',
  );
  const rows = Array.from(container.querySelectorAll('.price-row'));
  expect(rows.map((r) => r.querySelector('.price-kind')?.textContent)).toEqual(['卖出', '订单完成', '订单完成']);
  expect(rows[0].querySelector('.price-delta')?.textContent).toBe('+0.0403');
  // The chart's canvas is there (jsdom cannot draw: the waiting line stays).
  expect(container.querySelector('.price-chart canvas, .price-chart taro-canvas-core')).not.toBeNull();
  fireEvent.click(screen.getByText('近 7 天'));
  await waitFor(() =>
    expect(text(container, 'price-summary')).toBe(
      '近 7 天共 2 次变动（订单完成 1 次、卖出 1 次），从 ¥1.8674 到 ¥1.9077。',
    ),
  );
  fireEvent.click(screen.getByText('全部'));
  await waitFor(() =>
    expect(text(container, 'price-summary')).toContain('全部共 4 次变动（订单完成 3 次、卖出 1 次）'),
  );
});

test('price history before the first order is an explained empty state', async () => {
  mockApi.on('GET /pool/history?limit=100', []);
  render(<PricePage />);
  expect(await screen.findByText('还没有价格记录：第一笔订单完成后开始')).toBeInTheDocument();
});

test('the pool page shows the backing in plain numbers', async () => {
  const { head, keys } = signedHeadFixture();
  mockApi.on('GET /pool', poolAnswer(1)).on('GET /pool/head', head).on('GET /pool/keys', keys);
  const { container } = render(<PoolPage />);
  await screen.findByText('资金与积分');
  expect(texts(container, 'pool-price', 'pool-fund', 'pool-circulating', 'pool-cap')).toEqual({
    'pool-price': '¥1.4286',
    'pool-fund': '¥30.00',
    'pool-circulating': '21',
    'pool-cap': '100000000',
  });
  // How anyone can check the pool: the public log and the verify command.
  expect(screen.getByText('人人可以核对')).toBeInTheDocument();
  expect(container.querySelector('.pool-verify')?.textContent).toContain('npm run verify-pool');
  // The signed head, its signature checked on the phone; the way to check one's own lines.
  await screen.findByText('已签名 · 签名已在本机验证');
  expect(text(container, 'head-batch')).toBe('3');
  expect(container.querySelector('.link-pool-check')).not.toBeNull();
});

test('核对我的账目: one row per event of my ledger, each checked against the log on tap', async () => {
  mockApi.on('GET /ledger', {
    entries: [
      {
        at: '2026-12-08T01:00:00.000Z',
        kind: 'order_completed',
        field: 'equity',
        delta: '21',
        why: 'order',
        eventId: 'ev_1',
      },
      {
        at: '2026-12-08T01:00:00.000Z',
        kind: 'order_completed',
        field: 'reserve',
        delta: '0',
        why: 'order',
        eventId: 'ev_1',
      },
    ],
  });
  mockApi.on('GET /pool/proof/ev_1', { eventId: 'ev_1', batch: 1, user: 'p_me', at: '2026-12-08T01:00:00.000Z' });
  mockApi.on('GET /pool/log?from=1&limit=1', pageOf(batchFixture()));
  const { container } = render(<PoolCheckPage />);
  await waitFor(() => expect(container.querySelectorAll('.pool-check-row')).toHaveLength(1));
  click(container, 'line-check-run');
  expect(await screen.findByText('✓ 与公开账本一致')).toBeInTheDocument();
});

test('the pool page explains an outage', async () => {
  mockApi.on('GET /pool', fail(503, 'http_503'));
  render(<PoolPage />);
  expect(await screen.findByText('服务暂时不可用，请稍后重试')).toBeInTheDocument();
});

test('the ledger reads in Chinese and pages with the cursor', async () => {
  mockApi
    .on('GET /ledger', {
      entries: [
        { at: '2026-11-25T10:05:00Z', kind: 'sell', field: 'cash', delta: '97.77', why: 'sell_payout', eventId: 'e2' },
        { at: '2026-11-25T10:05:00Z', kind: 'sell', field: 'equity', delta: '-21', why: 'sell', eventId: 'e2' },
      ],
      cursor: 'c1',
    })
    .on('GET /ledger?cursor=c1', {
      entries: [
        {
          at: '2026-11-25T10:01:00Z',
          kind: 'order_completed',
          field: 'equity',
          delta: '21',
          why: 'order_reward',
          eventId: 'e1',
        },
      ],
    });
  const { container } = render(<LedgerPage />);
  await screen.findByText('卖出到账 · 可提现余额');
  expect(screen.getByText('+97.77 元')).toBeInTheDocument();
  expect(screen.getByText('-21 积分')).toBeInTheDocument();
  click(container, 'ledger-more');
  await screen.findByText('订单完成奖励 · 绿色积分');
  expect(screen.getByText('+21 积分')).toBeInTheDocument();
  expect(container.querySelectorAll('.ledger-row')).toHaveLength(3);
  await waitFor(() => expect(container.querySelector('.ledger-more')).toBeNull());
});

test('an empty ledger says so', async () => {
  mockApi.on('GET /ledger', { entries: [] });
  render(<LedgerPage />);
  expect(await screen.findByText('还没有明细')).toBeInTheDocument();
});

test('the rules page states the fee and what is not promised', async () => {
  mockApi.on('GET /pool', poolAnswer(100));
  const { container } = render(<RulesPage />);
  await waitFor(() => expect(text(container, 'rules-price')).toContain('当前价格 ¥5.1731'));
  expect(text(container, 'rules-fee')).toContain('手续费 10%');
  expect(text(container, 'rules-earn')).toContain('70%');
  expect(text(container, 'rules-no-promise')).toContain('不承诺任何收益');
});

test('the rules stay readable when the pool cannot be read', async () => {
  mockApi.on('GET /pool', fail(0, 'network'));
  const { container } = render(<RulesPage />);
  await waitFor(() => expect(mockApi.calls).toHaveLength(1));
  expect(text(container, 'rules-fee')).toContain('手续费 10%');
});
