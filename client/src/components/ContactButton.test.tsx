import { render } from '@testing-library/react';
import { click, text } from '../../test/helpers';
import { ContactButton } from './ContactButton';
import { ErrorLine } from './StateView';

test('on H5 联系客服 says where the chat is', () => {
  const { container } = render(<ContactButton from="order:o_1" cls="order-contact" />);
  expect(container.querySelector('.contact-fallback')).toBeNull();
  click(container, 'contact-button');
  expect(text(container, 'contact-fallback')).toBe('在线客服请在微信中打开“绿色积分商城”小程序，点“联系客服”。');
});

test('an error that tells the shopper to contact 客服 carries the button; others do not', () => {
  const { container, rerender } = render(
    <ErrorLine text="微信支付暂时无法退款，订单已恢复，可稍后重新申请，或点下方“联系客服”" />,
  );
  expect(container.querySelector('.error-contact .contact-button')).not.toBeNull();
  rerender(<ErrorLine text="库存不足" />);
  expect(container.querySelector('.contact-button')).toBeNull();
});
