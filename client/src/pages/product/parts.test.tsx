import { render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { click, text } from '../../../test/helpers';
import type { Product } from '../../api';
import { Gallery, pageOf } from './Gallery';
import { BuyBar } from './BuyBar';

const product: Product = {
  productId: 'p1',
  name: '有机大米 5kg',
  price: '100.00',
  poolContribution: '30.00',
  dividendContribution: '0.00',
  stock: 3,
};

test('pageOf: the picture in view from the scroll position, clamped', () => {
  expect(pageOf(0, 900, 3)).toBe(0);
  expect(pageOf(300, 900, 3)).toBe(1);
  expect(pageOf(5000, 900, 3)).toBe(2);
  expect(pageOf(-10, 900, 3)).toBe(0);
  expect(pageOf(10, 0, 3)).toBe(0);
});

test('Gallery: one page per picture with a counter; no pictures, the stand-in', () => {
  const { container, rerender } = render(<Gallery pictures={['/a.png', '/b.png']} />);
  expect(container.querySelectorAll('.gallery-page')).toHaveLength(2);
  expect(text(container, 'gallery-count')).toBe('1/2');
  rerender(<Gallery pictures={[]} />);
  expect(container.querySelector('.gallery')).toBeNull();
});

test('BuyBar: 加入购物车 puts the quantity in the cart; sold out offers nothing to buy', async () => {
  const { container, rerender } = render(<BuyBar product={product} soldOut={false} />);
  click(container, 'add-to-cart');
  await waitFor(() => expect(Taro.getStorageSync('gp.cart')).toBeTruthy());
  rerender(<BuyBar product={product} soldOut />);
  expect(container.querySelector('.add-to-cart, .buy-now')).toBeNull();
  expect(text(container, 'sold-out-button')).toBe('已售罄');
});
