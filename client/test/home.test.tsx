import { fireEvent, render, screen } from '@testing-library/react';
import { FakeApi, fail } from './fake-api';
import { poolAnswer, products } from './fixtures';

const mockApi = new FakeApi();
jest.mock('../src/api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import Home from '../src/pages/index/index';

beforeEach(() => {
  mockApi.calls = [];
});

test('lists the products with the live price and the points a purchase would earn today', async () => {
  mockApi.on('GET /products', products).on('GET /pool', poolAnswer(1));
  const { container } = render(<Home />);
  expect(screen.getByText('加载中…')).toBeInTheDocument();
  expect(await screen.findByText('有机大米 5kg')).toBeInTheDocument();
  expect(screen.getByText('¥100.00')).toBeInTheDocument();
  // After the first seed order the price is 1.4286 (docs/rules.md), and 30 × 0.7 = 21 yuan of
  // points buys 21 / 1.428571… = 14.7 points: the second buyer's figure in the seed table.
  expect(container.querySelector('.home-price')?.textContent).toBe('¥1.4286');
  expect(container.querySelector('.product-p100 .product-earn')?.textContent).toContain('14.7 绿色积分');
  // Public reads carry no login.
  expect(mockApi.calls.every((c) => !c.auth)).toBe(true);
});

test('shows the empty state when there are no products', async () => {
  mockApi.on('GET /products', []).on('GET /pool', poolAnswer(0));
  render(<Home />);
  expect(await screen.findByText('暂无商品')).toBeInTheDocument();
});

test('explains a network failure in words and retries on tap', async () => {
  mockApi.on('GET /products', fail(0, 'network'), products).on('GET /pool', poolAnswer(0));
  render(<Home />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeInTheDocument();
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('有机大米 5kg')).toBeInTheDocument();
  expect(mockApi.callsTo('GET /products')).toHaveLength(2);
});
