import { act, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { FakeApi } from '../../../test/fake-api';
import { click, login, openWith, text } from '../../../test/helpers';

const mockApi = new FakeApi();
jest.mock('../../api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import type { AfterSaleRequest } from '../../api';
import { AfterSaleRow } from './AfterSaleRow';
import AfterSalesPage from './index';

const asked: AfterSaleRequest = {
  requestId: 'as_2',
  orderId: 'o_2',
  kind: 'return',
  items: [
    { productId: 'rice-10kg', qty: 2 },
    { productId: 'tea', qty: 1 },
  ],
  reason: '包装破损',
  amount: '150.00',
  status: 'approved',
  history: [{ at: '2026-12-01T02:00:00.000Z', status: 'requested' }],
  createdAt: '2026-12-01T02:00:00.000Z',
};

beforeEach(() => {
  mockApi.calls = [];
  login();
});

test('a row says what was asked, how much, how many pieces and its state in Chinese', () => {
  const { container } = render(<AfterSaleRow r={asked} />);
  expect(text(container, 'after-sale-kind')).toBe('退货退款');
  expect(text(container, 'after-sale-row-status')).toBe('已同意，请寄回商品');
  expect(text(container, 'after-sale-amount')).toBe('¥150.00');
  expect(text(container, 'after-sale-pieces')).toBe('共 3 件');
  expect(text(container, 'after-sale-reason')).toBe('原因：包装破损');
});

test('tapping a row opens that request’s progress', async () => {
  const nav = jest.spyOn(Taro, 'navigateTo');
  const { container } = render(<AfterSaleRow r={{ ...asked, kind: 'refund_only', status: 'refunded' }} />);
  expect(text(container, 'after-sale-kind')).toBe('仅退款');
  await act(async () => click(container, 'after-sale-as_2'));
  expect(nav).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/after-sale/index?id=as_2' }));
  nav.mockRestore();
});

test('售后记录 pages with the server cursor until the last page', async () => {
  openWith('/pages/after-sales/index', {});
  mockApi
    .on('GET /after-sale', { items: [asked], cursor: 'c1' })
    .on('GET /after-sale?cursor=c1', { items: [{ ...asked, requestId: 'as_1', status: 'refused' }] });
  const { container } = render(<AfterSalesPage />);
  await waitFor(() => expect(container.querySelectorAll('.after-sale-row')).toHaveLength(1));
  await act(async () => click(container, 'after-sales-more'));
  await waitFor(() => expect(container.querySelectorAll('.after-sale-row')).toHaveLength(2));
  expect(text(container, 'after-sale-as_1')).toContain('已拒绝');
  expect(container.querySelector('.after-sales-more')).toBeNull();
  expect(text(container, 'after-sales-end')).toBe('没有更多了');
  expect(mockApi.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /after-sale', 'GET /after-sale?cursor=c1']);
});

test('no requests yet: the page says so', async () => {
  openWith('/pages/after-sales/index', {});
  mockApi.on('GET /after-sale', { items: [] });
  const { container } = render(<AfterSalesPage />);
  await waitFor(() => expect(container.textContent).toContain('还没有售后记录'));
});
