import { fireEvent, render, waitFor } from '@testing-library/react';
import { text } from '../../../test/helpers';
import type { BookAddress } from '../../api';
import { AddressCard } from './AddressCard';
import { AddressFields } from '../address-edit/AddressFields';

const a: BookAddress = {
  addressId: 'a0123456789ab',
  name: '张三',
  phone: '13800138000',
  regionCode: '330106',
  region: '浙江省 杭州市 西湖区',
  detail: '文三路 1 号',
  isDefault: false,
};

test('AddressCard: masked phone, 设为默认 only when not the default, each action', () => {
  const on = { onPick: jest.fn(), onMakeDefault: jest.fn(), onDelete: jest.fn() };
  const { container, rerender } = render(<AddressCard a={a} {...on} />);
  expect(text(container, 'address-phone').trim()).toBe('138****8000');
  fireEvent.click(container.querySelector('.address-make-default')!);
  fireEvent.click(container.querySelector('.address-delete')!);
  expect(on.onMakeDefault).toHaveBeenCalled();
  expect(on.onDelete).toHaveBeenCalled();
  rerender(<AddressCard a={{ ...a, isDefault: true }} {...on} />);
  expect(container.querySelector('.address-make-default')).toBeNull();
  expect(text(container, 'address-default-tag')).toBe('默认');
});

test('AddressFields: each field edits its own part of the form', async () => {
  const set = jest.fn();
  const form = { name: '', phone: '', regionCode: '', detail: '', isDefault: false };
  const { container } = render(<AddressFields form={form} set={set} />);
  const input = await waitFor(() => {
    const el = container.querySelector('.addr-detail input');
    if (!el) throw new Error('no detail input yet');
    return el;
  });
  fireEvent.input(input, { target: { value: '文三路 1 号' } });
  await waitFor(() => expect(set).toHaveBeenCalledWith({ detail: '文三路 1 号' }));
  expect(container.querySelector('.region-field, .region-picker')).not.toBeNull();
});
