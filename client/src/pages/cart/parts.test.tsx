import { fireEvent, render } from '@testing-library/react';
import { text } from '../../../test/helpers';
import type { BookAddress, Product, Wallet } from '../../api';
import { CartLines, CheckoutAddress, PayChoices } from './parts';

const products = [
  {
    productId: 'p1',
    name: '有机大米 5kg',
    price: '100.00',
    poolContribution: '30.00',
    dividendContribution: '0',
    stock: 9,
  },
] as Product[];
const address: BookAddress = {
  addressId: 'a0123456789ab',
  name: '张三',
  phone: '13800138000',
  regionCode: '330106',
  region: '浙江省 杭州市 西湖区',
  detail: '文三路 1 号',
  isDefault: true,
};

test('CartLines: the lines it knows and the total', () => {
  const { container } = render(
    <CartLines lines={[{ productId: 'p1', qty: 2 }]} products={products} amount="200.00" onQty={() => undefined} />,
  );
  expect(text(container, 'cart-name')).toBe('有机大米 5kg');
  expect(text(container, 'cart-total')).toBe('¥200.00');
});

test('CheckoutAddress: the chosen address with the phone masked, or what to do', () => {
  const open = jest.fn();
  const { container, rerender } = render(<CheckoutAddress address={address} loggedIn loading={false} onOpen={open} />);
  expect(container.textContent).toContain('138****8000');
  expect(text(container, 'checkout-address-text')).toBe('浙江省 杭州市 西湖区 文三路 1 号');
  fireEvent.click(container.querySelector('.checkout-address')!);
  expect(open).toHaveBeenCalled();
  rerender(<CheckoutAddress address={undefined} loggedIn={false} loading={false} onOpen={open} />);
  expect(text(container, 'add-address')).toContain('登录后选择收货地址');
});

test('PayChoices: each tender with its balance; points show their cost', () => {
  const wallet = { constant: '12.00', storeCredit: '3.00', equity: '14.7' } as Wallet;
  const pick = jest.fn();
  const { container } = render(<PayChoices payWith="equity" onChange={pick} wallet={wallet} pointsCost="70" />);
  expect(text(container, 'pay-constant')).toContain('余额 ¥12.00');
  expect(text(container, 'pay-equity')).toContain('可用 14.7 积分');
  expect(text(container, 'points-cost')).toBe('按当前价格需 70 积分（下单时按实时价格计算）');
  fireEvent.click(container.querySelector('.pay-wechat')!);
  expect(pick).toHaveBeenCalledWith('wechat');
});
