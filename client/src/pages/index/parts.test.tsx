import { fireEvent, render, waitFor } from '@testing-library/react';
import { text } from '../../../test/helpers';
import type { Product } from '../../api';
import { PriceCard } from './parts';
import { ProductCard } from './ProductCard';

const p: Product = {
  productId: 'p1',
  name: '有机大米 5kg',
  price: '100.00',
  poolContribution: '30.00',
  dividendContribution: '0.00',
  stock: 0,
};

test('PriceCard: today’s price, or that it could not be read; a tap opens 价格走势', async () => {
  const { container, rerender } = render(<PriceCard price="1.4286" failed={false} />);
  expect(text(container, 'home-price')).toBe('¥1.4286');
  fireEvent.click(container.querySelector('.price-card')!);
  await waitFor(() => expect(window.location.hash).toBe('#/pages/price/index'));
  rerender(<PriceCard price="" failed />);
  expect(container.querySelector('.home-price')).toBeNull();
  expect(container.textContent).toContain('价格暂时无法获取');
});

test('ProductCard: name, price, sold out, the estimate when there is one', () => {
  const { container, rerender } = render(<ProductCard p={p} earn="14.7" />);
  expect(text(container, 'product-name')).toBe('有机大米 5kg');
  expect(text(container, 'product-price')).toBe('¥100.00');
  expect(container.querySelector('.product-sold-out')).not.toBeNull();
  expect(text(container, 'product-earn')).toBe('确认收货后预计获赠约 14.7 绿色积分');
  rerender(<ProductCard p={{ ...p, stock: 5 }} earn="" />);
  expect(container.querySelector('.product-sold-out, .product-earn')).toBeNull();
});
