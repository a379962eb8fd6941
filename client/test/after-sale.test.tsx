import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FakeApi } from './fake-api';
import { KEY_RE, click, login, openWith, text, typeInto } from './helpers';

const mockApi = new FakeApi();
jest.mock('../src/api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import AfterSalePage from '../src/pages/after-sale/index';
import { PendingPoints } from '../src/components/PendingPoints';

const order = {
  orderId: 'o_1',
  status: 'received',
  amount: '200.00',
  payWith: 'wechat',
  items: [
    { productId: 'p100', name: '有机大米 5kg', qty: 2, price: '100.00', noReasonReturn: true },
    { productId: 'veg', name: '鲜蔬', qty: 1, price: '50.00', noReasonReturn: false },
  ],
  completesAt: '2026-12-08T04:00:00.000Z',
  pointsEstimate: '21',
};

const request = {
  requestId: 'as_1',
  orderId: 'o_1',
  kind: 'return',
  items: [{ productId: 'p100', qty: 1 }],
  reason: '尺寸不合适',
  amount: '100.00',
  status: 'approved',
  note: '同意退货，请寄回',
  history: [
    { at: '2026-12-02T01:00:00.000Z', status: 'requested' },
    { at: '2026-12-02T02:00:00.000Z', status: 'approved' },
  ],
  shipment: { carrier: '顺丰速运', trackingNo: 'SF1' },
  createdAt: '2026-12-02T01:00:00.000Z',
};

beforeEach(() => {
  mockApi.calls = [];
  login();
});

test('the form asks for the chosen items and a reason; an exempt item cannot be returned', async () => {
  openWith('/pages/after-sale/index', { orderId: 'o_1' });
  mockApi.on('GET /orders/o_1', order).on('POST /orders/o_1/after-sale', { requestId: 'as_1', status: 'requested' });
  const { container } = render(<AfterSalePage />);
  await screen.findByText('售后期至 12月8日');
  expect(text(container, 'as-line-veg')).toContain('不支持无理由退货');
  // the exempt line's + does nothing for a return
  fireEvent.click(container.querySelectorAll('.as-line-veg .qty-plus')[0]!);
  fireEvent.click(container.querySelectorAll('.as-line-p100 .qty-plus')[0]!);
  // Taro's H5 Textarea renders its inner <textarea> once the web component has loaded: wait for it.
  const area = await waitFor(() => {
    const a = container.querySelector('.after-sale-reason textarea');
    if (!a) throw new Error('no textarea yet');
    return a;
  });
  fireEvent.input(area, { target: { value: '尺寸不合适' } });
  await act(async () => click(container, 'submit-after-sale'));
  await waitFor(() => expect(mockApi.callsTo('POST /orders/o_1/after-sale')).toHaveLength(1));
  const [c] = mockApi.callsTo('POST /orders/o_1/after-sale');
  expect(c.body).toEqual({ kind: 'return', items: [{ productId: 'p100', qty: 1 }], reason: '尺寸不合适' });
  expect(c.key).toMatch(KEY_RE);
});

test('the progress shows both tracking numbers and takes the way back', async () => {
  openWith('/pages/after-sale/index', { id: 'as_1' });
  mockApi
    .on('GET /after-sale/as_1', request, {
      ...request,
      status: 'returning',
      returnShipment: { carrier: '中通', trackingNo: 'ZT1' },
    })
    .on('POST /after-sale/as_1/ship-back', { requestId: 'as_1', status: 'returning' });
  const { container } = render(<AfterSalePage />);
  await waitFor(() => expect(text(container, 'after-sale-status')).toBe('已同意，请寄回商品'));
  expect(text(container, 'tracking-out')).toContain('SF1');
  expect(text(container, 'after-sale-note')).toContain('同意退货');
  await typeInto(container, 'ship-back-carrier', '中通');
  await typeInto(container, 'ship-back-tracking', 'ZT1');
  await act(async () => click(container, 'ship-back-submit'));
  await waitFor(() => expect(text(container, 'after-sale-status')).toBe('退货寄回中'));
  expect(text(container, 'tracking-back')).toContain('ZT1');
  expect(mockApi.callsTo('POST /after-sale/as_1/ship-back')[0]!.body).toEqual({ carrier: '中通', trackingNo: 'ZT1' });
});

test('the wallet lists the points still to come, with their day', async () => {
  mockApi.on('GET /orders', {
    orders: [
      order,
      { ...order, orderId: 'o_2', completesAt: '2026-12-10T04:00:00.000Z', pointsEstimate: '3.5' },
      { ...order, orderId: 'o_3', status: 'completed' },
    ],
  });
  const { container } = render(<PendingPoints />);
  await waitFor(() => expect(text(container, 'pending-total')).toBe('24.5'));
  const lines = Array.from(container.querySelectorAll('.pending-line')).map((l) => l.textContent);
  expect(lines).toEqual(['12月8日 发放约 21', '12月10日 发放约 3.5']);
});
