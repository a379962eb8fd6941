import { render } from '@testing-library/react';
import { text } from '../../../test/helpers';
import type { Order } from '../../api';
import { OrderHints, OrderReward, OrderSummary } from './OrderSummary';

const order: Order = {
  orderId: 'o_1',
  status: 'cancelled',
  amount: '100.00',
  payWith: 'wechat',
  items: [{ productId: 'p1', name: '有机大米 5kg', qty: 1, price: '100.00' }],
  address: { name: '张三', phone: '13800138000', region: '浙江省 杭州市 西湖区', detail: '文三路 1 号' },
};

test('OrderSummary: status in words (已取消), amount, masked receiver, address', () => {
  const { container } = render(<OrderSummary order={order} />);
  expect(text(container, 'order-status')).toBe('已取消');
  expect(text(container, 'order-amount')).toBe('¥100.00');
  expect(text(container, 'order-receiver')).toBe('张三 138****8000');
  expect(text(container, 'order-address')).toBe('浙江省 杭州市 西湖区 文三路 1 号');
});

test('OrderHints: a cancelled order says what happened to stock and money', () => {
  const { container } = render(<OrderHints order={order} onRefresh={() => undefined} />);
  expect(text(container, 'order-cancelled')).toContain('订单已取消');
});

test('OrderReward: only a completed order with its points', () => {
  const { container, rerender } = render(<OrderReward order={order} />);
  expect(container.querySelector('.order-reward')).toBeNull();
  rerender(<OrderReward order={{ ...order, status: 'completed', pointsGranted: '14.7', priceAfter: '1.428571' }} />);
  expect(text(container, 'points-granted')).toBe('14.7');
  expect(text(container, 'price-after')).toBe('订单完成后的积分价格 ¥1.4286');
});
