import { render, waitFor } from '@testing-library/react';
import { FakeApi } from '../../test/fake-api';
import { login, text } from '../../test/helpers';

const mockApi = new FakeApi();
jest.mock('../api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import { PendingPoints } from './PendingPoints';

const inWindow = {
  orderId: 'o_1',
  status: 'received',
  amount: '100.00',
  completesAt: '2026-12-08T04:00:00.000Z',
  pointsEstimate: '21',
};

beforeEach(() => {
  mockApi.calls = [];
  login();
});

test('the total is the server’s (every order not completed), the lines the orders in their window', async () => {
  mockApi.on('GET /orders', { orders: [inWindow], cursor: 'more' });
  const { container } = render(<PendingPoints total="35.7" />);
  await waitFor(() => expect(container.querySelectorAll('.pending-line')).toHaveLength(1));
  expect(text(container, 'pending-total')).toBe('35.7');
});

test('the server’s total shows even when no order is in its window yet', async () => {
  mockApi.on('GET /orders', { orders: [{ ...inWindow, status: 'paid', completesAt: undefined }] });
  const { container } = render(<PendingPoints total="14.7" />);
  await waitFor(() => expect(text(container, 'pending-total')).toBe('14.7'));
  expect(container.querySelectorAll('.pending-line')).toHaveLength(0);
});

test('an older server without pendingPoints: the sum of the listed orders', async () => {
  mockApi.on('GET /orders', {
    orders: [inWindow, { ...inWindow, orderId: 'o_2', pointsEstimate: '3.5' }],
  });
  const { container } = render(<PendingPoints />);
  await waitFor(() => expect(text(container, 'pending-total')).toBe('24.5'));
});

test('nothing to come: no card', async () => {
  mockApi.on('GET /orders', { orders: [] });
  const { container } = render(<PendingPoints total="0" />);
  await waitFor(() => expect(mockApi.calls).toHaveLength(1));
  expect(container.querySelector('.pending-points')).toBeNull();
});
