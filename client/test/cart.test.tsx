import { render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { FakeApi } from './fake-api';
import { poolAnswer, products, wallet } from './fixtures';
import { KEY_RE, click, login, text } from './helpers';

const mockApi = new FakeApi();
jest.mock('../src/api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import CartPage from '../src/pages/cart/index';
import ProductPage from '../src/pages/product/index';
import { openWith } from './helpers';

beforeEach(() => {
  mockApi.calls = [];
});

test('the product page adds to the cart and estimates the points at the live price', async () => {
  openWith('/pages/product/index', { id: 'p100' });
  mockApi.on('GET /products', products).on('GET /pool', poolAnswer(1));
  const { container } = render(<ProductPage />);
  await screen.findByText('有机大米 5kg');
  expect(text(container, 'product-detail-earn')).toBe('14.7 积分');
  click(container, 'add-to-cart');
  click(container, 'add-to-cart');
  expect(Taro.getStorageSync('gp.cart')).toEqual([{ productId: 'p100', qty: 2 }]);
});

test('an unknown product says it is gone', async () => {
  openWith('/pages/product/index', { id: 'nope' });
  mockApi.on('GET /products', products).on('GET /pool', poolAnswer(1));
  render(<ProductPage />);
  expect(await screen.findByText('商品不存在或已下架')).toBeInTheDocument();
});

test('an empty cart says so', async () => {
  mockApi.on('GET /products', products).on('GET /pool', poolAnswer(1));
  render(<CartPage />);
  expect(await screen.findByText('购物车是空的，去首页挑选商品吧')).toBeInTheDocument();
});

const BOOK = {
  addresses: [
    {
      addressId: 'a000000000001',
      name: '张三',
      phone: '13800138000',
      regionCode: '330106',
      region: '浙江省 杭州市 西湖区',
      detail: '文三路 1 号',
      isDefault: false,
    },
    {
      addressId: 'a000000000002',
      name: '李四',
      phone: '19912345678',
      regionCode: '440305',
      region: '广东省 深圳市 南山区',
      detail: '科技园 1 号',
      isDefault: true,
    },
  ],
  defaultId: 'a000000000002',
};

test('checkout with points shows the cost at the live price and places one order to the default address', async () => {
  login();
  Taro.setStorageSync('gp.cart', [{ productId: 'p100', qty: 1 }]);
  mockApi
    .on('GET /products', products)
    .on('GET /pool', poolAnswer(1))
    .on('GET /wallet', wallet({ equity: '100' }))
    .on('GET /addresses', BOOK)
    .on('POST /orders', { orderId: 'o_9', status: 'paid', amount: '100.00', pointsCost: '70' });
  const { container } = render(<CartPage />);
  await screen.findByText('有机大米 5kg');
  expect(text(container, 'cart-total')).toBe('¥100.00');
  // After one seed order the pool holds 30 yuan for 21 points: 100 yuan costs
  // ceil6(100 × 21 / 30) = 70 points.
  await waitFor(() => expect(text(container, 'points-cost')).toContain('需 70 积分'));
  click(container, 'pay-equity');
  // The default address, the phone masked.
  await waitFor(() => expect(text(container, 'checkout-address-text')).toBe('广东省 深圳市 南山区 科技园 1 号'));
  expect(text(container, 'checkout-address')).toContain('李四 199****5678');

  click(container, 'place-order');
  click(container, 'place-order');
  await waitFor(() => expect(window.location.hash).toBe('#/pages/order/index?id=o_9'));
  const orders = mockApi.callsTo('POST /orders');
  expect(orders).toHaveLength(1);
  expect(orders[0].body).toEqual({
    items: [{ productId: 'p100', qty: 1 }],
    payWith: 'equity',
    addressId: 'a000000000002',
  });
  expect(orders[0].key).toMatch(KEY_RE);
  expect(Taro.getStorageSync('gp.cart')).toBeFalsy();
});

test('an address picked in the book wins over the default; with no address the order waits for one', async () => {
  login();
  Taro.setStorageSync('gp.cart', [{ productId: 'p100', qty: 1 }]);
  Taro.setStorageSync('gp.checkoutAddress', 'a000000000001');
  mockApi
    .on('GET /products', products)
    .on('GET /pool', poolAnswer(1))
    .on('GET /wallet', wallet({}))
    .on('GET /addresses', BOOK);
  const first = render(<CartPage />);
  await waitFor(() => expect(text(first.container, 'checkout-address-text')).toBe('浙江省 杭州市 西湖区 文三路 1 号'));
  first.unmount();

  mockApi.on('GET /addresses', { addresses: [], defaultId: null });
  const { container } = render(<CartPage />);
  await screen.findByText('添加收货地址');
  click(container, 'place-order');
  expect(await screen.findByText('请先添加收货地址')).toBeInTheDocument();
  expect(mockApi.callsTo('POST /orders')).toHaveLength(0);
});

test('checkout without a login goes to the login page first', async () => {
  Taro.setStorageSync('gp.cart', [{ productId: 'p20', qty: 2 }]);
  mockApi.on('GET /products', products).on('GET /pool', poolAnswer(0));
  const { container } = render(<CartPage />);
  await screen.findByText('环保购物袋');
  expect(text(container, 'cart-total')).toBe('¥40.00');
  click(container, 'place-order');
  await waitFor(() => expect(window.location.hash).toBe('#/pages/login/index'));
  expect(mockApi.callsTo('POST /orders')).toHaveLength(0);
});
