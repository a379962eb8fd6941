import { render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { login, openWith } from '../../test/helpers';
import { ROUTES } from './nav';
import { inviteForLogin, rememberReferrer } from './session';
import { sharePath, useInviteFromQuery } from './share';

function Host() {
  useInviteFromQuery();
  return null;
}

test('a mini-program code’s scene r=<userId> is sent as it came; a shared page’s referrer as a referrer', () => {
  rememberReferrer(undefined, 'r%3Du_code');
  expect(inviteForLogin()).toEqual({ scene: 'r=u_code' });
  Taro.clearStorageSync();
  rememberReferrer('u_shared');
  expect(inviteForLogin()).toEqual({ referrer: 'u_shared' });
  Taro.clearStorageSync();
  rememberReferrer(undefined, 'x=1&y=<script>');
  expect(inviteForLogin()).toEqual({});
});

test('a logged-in shopper is never rebound by a link', () => {
  login('uA');
  rememberReferrer('u_other', 'r=u_other');
  expect(inviteForLogin()).toEqual({});
});

test('a page opened with ?referrer= remembers it', async () => {
  openWith(ROUTES.product, { id: 'p1', referrer: 'u_friend' });
  render(<Host />);
  await waitFor(() => expect(inviteForLogin()).toEqual({ referrer: 'u_friend' }));
});

test('shared pages carry referrer=<me> only when someone is logged in', () => {
  expect(sharePath(ROUTES.product, { id: 'p1' })).toBe('/pages/product/index?id=p1');
  login('uA');
  expect(sharePath(ROUTES.product, { id: 'p1' })).toBe('/pages/product/index?id=p1&referrer=uA');
});
