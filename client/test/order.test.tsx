import { act, render, screen, waitFor } from '@testing-library/react';
import { FakeApi, deferred, fail } from './fake-api';
import { KEY_RE, click, login, openWith, text } from './helpers';

const mockApi = new FakeApi();
jest.mock('../src/api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import OrderPage from '../src/pages/order/index';
import OrdersPage from '../src/pages/orders/index';

const base = {
  orderId: 'o_1',
  amount: '100.00',
  payWith: 'wechat',
  items: [{ productId: 'p100', name: '有机大米 5kg', qty: 1, price: '100.00' }],
  address: { region: '广东省 深圳市 南山区', detail: '科技园 1 号' },
  createdAt: '2026-11-25T12:00:00.000Z',
};

beforeEach(() => {
  mockApi.calls = [];
  login();
  openWith('/pages/order/index', { id: 'o_1' });
});

test('an unpaid order is paid once, however often the button is tapped', async () => {
  const gate = deferred({ orderId: 'o_1', status: 'paid' });
  mockApi
    .on('GET /orders/o_1', { ...base, status: 'created' }, { ...base, status: 'paid' })
    .on('POST /orders/o_1/pay', gate.answer);
  const { container } = render(<OrderPage />);
  await screen.findByText('待支付');
  expect(text(container, 'order-amount')).toBe('¥100.00');
  click(container, 'pay-order');
  click(container, 'pay-order');
  await act(async () => gate.release());
  await screen.findByText('支付成功');
  expect(mockApi.callsTo('POST /orders/o_1/pay')).toHaveLength(1);
  // Paid, not yet shipped: receipt cannot be confirmed yet, a refund can be asked for.
  await screen.findByText('商家发货后即可确认收货。');
  expect(container.querySelector('.confirm-order')).toBeNull();
  expect(container.querySelector('.refund-order')).not.toBeNull();
});

// Changed with the after-sale window: confirming receipt opens the window (售后期) instead of
// completing the order; the points come at its end.
test('confirming receipt opens the after-sale window: until when, and the points to come', async () => {
  const received = {
    ...base,
    status: 'received',
    ...{ carrier: '顺丰速运', trackingNo: 'SF1234567890' },
    receivedAt: '2026-12-01T04:00:00.000Z',
    completesAt: '2026-12-08T04:00:00.000Z',
    pointsEstimate: '14.7',
    afterSale: [],
  };
  mockApi
    .on('GET /orders/o_1', { ...base, status: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890' }, received)
    .on('POST /orders/o_1/confirm', {
      orderId: 'o_1',
      status: 'received',
      receivedAt: received.receivedAt,
      completesAt: received.completesAt,
      pointsEstimate: '14.7',
    });
  const { container } = render(<OrderPage />);
  await screen.findByText('已发货，待收货');
  expect(text(container, 'tracking-no')).toBe('顺丰速运 SF1234567890');
  click(container, 'confirm-order');
  await screen.findByText('已确认收货');
  await waitFor(() =>
    expect(text(container, 'after-sale-until')).toBe('售后期至 12月8日，届时按当日价格发放约 14.7 积分'),
  );
  expect(container.querySelector('.request-after-sale')).not.toBeNull();
  const [c] = mockApi.callsTo('POST /orders/o_1/confirm');
  expect(c.key).toMatch(KEY_RE);
  expect(container.querySelector('.refund-order')).toBeNull();
  expect(container.querySelector('.confirm-order')).toBeNull();
});

test('a completed order shows the points granted and the price after', async () => {
  mockApi.on('GET /orders/o_1', {
    ...base,
    status: 'completed',
    pointsGranted: '14.7',
    priceAfter: '1.680672268907563025210084033613445',
  });
  const { container } = render(<OrderPage />);
  await screen.findByText('已完成');
  expect(text(container, 'points-granted')).toBe('14.7');
  expect(text(container, 'price-after')).toContain('¥1.6807');
  expect(container.querySelector('.request-after-sale')).toBeNull();
});

test('a refund refused because the order completed meanwhile is explained', async () => {
  mockApi
    .on('GET /orders/o_1', { ...base, status: 'shipped' })
    .on('POST /orders/o_1/refund', fail(409, 'invalid_status'));
  const { container } = render(<OrderPage />);
  await screen.findByText('已发货，待收货');
  click(container, 'refund-order');
  expect(await screen.findByText('订单当前状态不能进行此操作，请刷新后查看')).toBeInTheDocument();
});

test('a missing order shows an error, not a blank page', async () => {
  mockApi.on('GET /orders/o_1', fail(404, 'not_found'));
  render(<OrderPage />);
  expect(await screen.findByText('没有找到相关内容，可能已被删除')).toBeInTheDocument();
});

test('the order list shows each order with its status and opens it', async () => {
  mockApi.on('GET /orders', {
    orders: [
      { ...base, status: 'completed' },
      { ...base, orderId: 'o_2', status: 'refunded' },
    ],
    cursor: undefined,
  });
  const { container } = render(<OrdersPage />);
  await screen.findByText('已完成');
  expect(screen.getByText('已退款')).toBeInTheDocument();
  click(container, 'order-o_2');
  await waitFor(() => expect(window.location.hash).toBe('#/pages/order/index?id=o_2'));
});

test('an empty order list says so', async () => {
  mockApi.on('GET /orders', { orders: [] });
  render(<OrdersPage />);
  expect(await screen.findByText('还没有订单')).toBeInTheDocument();
});

test('a WeChat refund in progress says so and can be checked again, not asked twice', async () => {
  mockApi
    .on('GET /orders/o_1', { ...base, status: 'refund_requested' }, { ...base, status: 'refunded' })
    .on('POST /orders/o_1/refund', { orderId: 'o_1', status: 'refunded' });
  const { container } = render(<OrderPage />);
  await screen.findByText('退款处理中');
  expect(container.querySelector('.order-refunding')).not.toBeNull();
  expect(container.querySelector('.refund-order')).toBeNull();
  click(container, 'refund-check');
  click(container, 'refund-check');
  await waitFor(() => expect(text(container, 'order-status')).toBe('已退款'));
  expect(mockApi.callsTo('POST /orders/o_1/refund')).toHaveLength(1);
});

test('cancelling an order that WeChat has just been paid for explains it, in words', async () => {
  mockApi.on('GET /orders/o_1', { ...base, status: 'created' }).on('POST /orders/o_1/refund', fail(409, 'order_paid'));
  const { container } = render(<OrderPage />);
  await screen.findByText('待支付');
  click(container, 'cancel-order');
  expect(await screen.findByText('这笔订单刚刚已付款成功，不能取消；如不需要，可在订单中申请退款')).toBeInTheDocument();
});
