import { act, render, waitFor } from '@testing-library/react';
import { FakeApi } from '../../../test/fake-api';
import { click, login, text } from '../../../test/helpers';

const mockApi = new FakeApi();
jest.mock('../../api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import { RequestForm } from './RequestForm';
import { Progress } from './Progress';

beforeEach(() => {
  mockApi.calls = [];
  login();
});

test('RequestForm: an exempt item cannot be chosen for a return, only for 仅退款; no reason, no submit', async () => {
  mockApi.on('GET /orders/o_1', {
    orderId: 'o_1',
    status: 'received',
    amount: '30.00',
    items: [{ productId: 'fresh', name: '鲜奶', qty: 2, price: '15.00', noReasonReturn: false }],
  });
  const { container } = render(<RequestForm orderId="o_1" />);
  await waitFor(() => expect(container.querySelector('.as-line-fresh')).not.toBeNull());
  expect(text(container, 'as-line-fresh')).toContain('不支持无理由退货');
  click(container, 'as-line-fresh .qty-plus');
  expect(text(container, 'as-line-fresh .qty')).toBe('0');
  click(container, 'kind-refund-only');
  await waitFor(() => expect(text(container, 'as-line-fresh')).not.toContain('不支持无理由退货'));
  click(container, 'as-line-fresh .qty-plus');
  click(container, 'as-line-fresh .qty-plus');
  click(container, 'as-line-fresh .qty-plus');
  expect(text(container, 'as-line-fresh .qty')).toBe('2');
  // No reason yet: 提交申请 sends nothing.
  await act(async () => click(container, 'submit-after-sale'));
  expect(mockApi.callsTo('POST /orders/o_1/after-sale')).toHaveLength(0);
});

test('Progress: a refused request shows the note and no ship-back form', async () => {
  mockApi.on('GET /after-sale/as_1', {
    requestId: 'as_1',
    orderId: 'o_1',
    kind: 'return',
    items: [{ productId: 'p1', qty: 1 }],
    reason: '不想要了',
    amount: '15.00',
    status: 'refused',
    note: '已超过售后期',
    history: [{ at: '2026-12-01T00:00:00.000Z', status: 'requested' }],
    createdAt: '2026-12-01T00:00:00.000Z',
  });
  const { container } = render(<Progress id="as_1" />);
  await waitFor(() => expect(text(container, 'after-sale-status')).toBe('已拒绝'));
  expect(text(container, 'after-sale-note')).toBe('商家说明：已超过售后期');
  expect(container.querySelector('.ship-back')).toBeNull();
  await act(async () => click(container, 'to-order'));
  await waitFor(() => expect(window.location.hash).toContain('/pages/order/index'));
});
