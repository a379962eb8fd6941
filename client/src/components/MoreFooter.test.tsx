import { act, render, screen, waitFor } from '@testing-library/react';
import { FakeApi, fail } from '../../test/fake-api';
import { click, login, openWith, text } from '../../test/helpers';

const mockApi = new FakeApi();
jest.mock('../api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import OrdersPage from '../pages/orders/index';

const order = (id: string) => ({ orderId: id, status: 'paid', amount: '10.00', payWith: 'wechat' });

beforeEach(() => {
  mockApi.calls = [];
  login();
  openWith('/pages/orders/index', {});
});

test('我的订单 reads every page with the server cursor, past the first 20', async () => {
  const first = Array.from({ length: 20 }, (_, i) => order(`o_${i}`));
  mockApi
    .on('GET /orders', { orders: first, cursor: 'c20' })
    .on('GET /orders?cursor=c20', fail(0, 'network'), { orders: [order('o_20')], cursor: 'c21' })
    .on('GET /orders?cursor=c21', { orders: [order('o_21')] });
  const { container } = render(<OrdersPage />);
  await waitFor(() => expect(container.querySelectorAll('.order-card')).toHaveLength(20));
  // A failed page keeps what was loaded and can be asked again.
  await act(async () => click(container, 'orders-more'));
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeInTheDocument();
  expect(container.querySelectorAll('.order-card')).toHaveLength(20);
  await act(async () => click(container, 'orders-more'));
  await waitFor(() => expect(container.querySelectorAll('.order-card')).toHaveLength(21));
  await act(async () => click(container, 'orders-more'));
  await waitFor(() => expect(container.querySelectorAll('.order-card')).toHaveLength(22));
  expect(text(container, 'orders-end')).toBe('没有更多了');
  expect(mockApi.calls.map((c) => c.path)).toEqual([
    '/orders',
    '/orders?cursor=c20',
    '/orders?cursor=c20',
    '/orders?cursor=c21',
  ]);
});
