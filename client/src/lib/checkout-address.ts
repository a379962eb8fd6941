import Taro from '@tarojs/taro';
import type { AddressForm, BookAddress } from '../api';

// The address the shopper picked for this checkout (from 收货地址), until the order is placed.
const KEY = 'gp.checkoutAddress';

export function pickForCheckout(addressId: string): void {
  Taro.setStorageSync(KEY, addressId);
}

export function clearCheckoutPick(): void {
  Taro.removeStorageSync(KEY);
}

/** The picked address if it is still in the book, else the default, else the first. */
export function checkoutAddress(book: BookAddress[]): BookAddress | undefined {
  const picked = (Taro.getStorageSync(KEY) as string) || '';
  return book.find((a) => a.addressId === picked) ?? book.find((a) => a.isDefault) ?? book[0];
}

/** '张三 138****8000'. */
export const maskPhone = (phone: string) =>
  /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;

const PHONE_RE = /^1[3-9]\d{9}$/;

/** What is wrong with an address form, in words ('' when it can be sent); the server checks again. */
export function formProblem(f: AddressForm): string {
  if (!f.name.trim()) return '请填写收货人姓名';
  if (!PHONE_RE.test(f.phone)) return '请填写正确的 11 位手机号码';
  if (!f.regionCode) return '请选择所在地区';
  if (!f.detail.trim()) return '请填写详细地址（街道、门牌号）';
  return '';
}
