import { act, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { FakeApi } from '../../test/fake-api';
import { click, login, openWith } from '../../test/helpers';

const mockApi = new FakeApi();
jest.mock('../api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import { installPrivacyGuide, hasAgreed, type PrivacyAnswer } from '../lib/privacy';
import { PrivacyPopup } from './PrivacyPopup';
import AddressEditPage from '../pages/address-edit/index';

const g = globalThis as { wx?: Record<string, unknown> };

beforeEach(() => {
  mockApi.calls = [];
  login();
  delete g.wx;
});

const popupOpen = () => !!document.querySelector('.privacy-popup .privacy-agree');

test('the address form asks for consent first; 同意 is remembered and not asked again', async () => {
  openWith('/pages/address-edit/index', {});
  const first = render(<AddressEditPage />);
  await waitFor(() => expect(popupOpen()).toBe(true));
  expect(screen.getByText(/收货人姓名、手机号码、收货地址/)).toBeInTheDocument();
  await act(async () => click(document.body, 'privacy-agree'));
  expect(hasAgreed()).toBe(true);
  first.unmount();
  render(<AddressEditPage />);
  await waitFor(() => expect(document.querySelector('.addr-name')).not.toBeNull());
  expect(popupOpen()).toBe(false);
});

test('WeChat’s privacy request opens the popup and gets the answer back', async () => {
  let listener: ((resolve: (a: PrivacyAnswer) => void) => void) | undefined;
  g.wx = { onNeedPrivacyAuthorization: (l: typeof listener) => (listener = l) };
  installPrivacyGuide();
  render(<PrivacyPopup />);
  expect(popupOpen()).toBe(false);
  const answers: PrivacyAnswer[] = [];
  await act(async () => listener!((a) => answers.push(a)));
  await waitFor(() => expect(popupOpen()).toBe(true));
  await act(async () => click(document.body, 'privacy-disagree'));
  expect(answers).toEqual([{ event: 'disagree' }]);
  expect(Taro.getStorageSync('gp.privacyAgreed')).toBeFalsy();
  await act(async () => listener!((a) => answers.push(a)));
  await act(async () => click(document.body, 'privacy-agree'));
  expect(answers[1]).toEqual({ event: 'agree', buttonId: 'agree-privacy' });
});

test('the popup links to the policy page', async () => {
  openWith('/pages/address-edit/index', {});
  render(<AddressEditPage />);
  await waitFor(() => expect(popupOpen()).toBe(true));
  click(document.body, 'privacy-link');
  await waitFor(() => expect(window.location.hash).toBe('#/pages/privacy/index'));
});
