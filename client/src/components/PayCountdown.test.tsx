import { render } from '@testing-library/react';
import { text } from '../../test/helpers';
import { PayCountdown, timeLeft } from './PayCountdown';

test('timeLeft: minutes and seconds, hours when there are any, rounded up, nothing once passed', () => {
  const now = Date.parse('2026-12-07T10:00:00.000Z');
  expect(timeLeft('2026-12-07T10:30:00.000Z', now)).toBe('30:00');
  expect(timeLeft('2026-12-07T10:00:59.200Z', now)).toBe('01:00');
  expect(timeLeft('2026-12-07T11:05:09.000Z', now)).toBe('1:05:09');
  expect(timeLeft('2026-12-07T10:00:00.000Z', now)).toBe('');
  expect(timeLeft('not a time', now)).toBe('');
});

test('an order past its pay deadline says it will be cancelled, and asks nothing more', () => {
  const onExpired = jest.fn();
  const { container } = render(<PayCountdown expiresAt="2020-01-01T00:00:00.000Z" onExpired={onExpired} />);
  expect(text(container, 'pay-expired')).toBe('支付已超时，订单将自动取消');
  expect(onExpired).not.toHaveBeenCalled();
});

test('an order with time left shows what is left', () => {
  const { container } = render(<PayCountdown expiresAt="2099-01-01T00:00:00.000Z" />);
  expect(text(container, 'pay-countdown')).toMatch(/^请在 \d+:\d\d:\d\d 内完成支付，超时订单将自动取消$/);
});
