import { render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { FakeApi, fail } from './fake-api';
import { click, openWith, typeInto } from './helpers';
import { rememberReferrer } from '../src/lib/session';

const mockApi = new FakeApi();
jest.mock('../src/api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import LoginPage from '../src/pages/login/index';

beforeEach(() => {
  mockApi.calls = [];
  openWith('/pages/login/index', {});
});

test('dev login sends the nickname and the remembered referrer, then stores the session', async () => {
  rememberReferrer('u_ref1');
  mockApi.on('POST /auth/login', { token: 'tok', userId: 'u_new' });
  const { container } = render(<LoginPage />);
  await typeInto(container, 'login-name', 'alice');
  click(container, 'login-submit');
  await waitFor(() => expect(Taro.getStorageSync('gp.token')).toBe('tok'));
  expect(Taro.getStorageSync('gp.userId')).toBe('u_new');
  const [call] = mockApi.callsTo('POST /auth/login');
  expect(call.body).toEqual({ devOpenId: 'alice', referrer: 'u_ref1' });
  expect(call.auth).toBe(false);
  // The referrer counts once.
  expect(Taro.getStorageSync('gp.referrer')).toBeFalsy();
});

test('a bad nickname is refused before any request; a server failure is explained', async () => {
  mockApi.on('POST /auth/login', fail(500, 'internal'));
  const { container } = render(<LoginPage />);
  await typeInto(container, 'login-name', '李 雷');
  click(container, 'login-submit');
  expect(await screen.findByText('请输入昵称：字母、数字、下划线或短横线')).toBeInTheDocument();
  expect(mockApi.calls).toHaveLength(0);
  await typeInto(container, 'login-name', 'lilei');
  click(container, 'login-submit');
  expect(await screen.findByText('服务暂时不可用，请稍后重试')).toBeInTheDocument();
  expect(Taro.getStorageSync('gp.token')).toBeFalsy();
});

test('an invite link to the home page is remembered until the first login', async () => {
  const Home = require('../src/pages/index/index').default;
  mockApi.on('GET /products', []).on('GET /pool', {
    price: '1',
    priceDisplay: '1.0000',
    fund: '0.00',
    circulating: '0',
    treasury: '0',
    issued: '0',
    burned: '0',
    supplyCap: '100000000',
    seq: 0,
  });
  openWith('/pages/index/index', { ref: 'u_inviter' });
  const { unmount } = render(<Home />);
  await screen.findByText('暂无商品');
  unmount();
  expect(Taro.getStorageSync('gp.referrer')).toBe('u_inviter');
  // A logged-in shopper's links do not rebind anyone.
  Taro.removeStorageSync('gp.referrer');
  Taro.setStorageSync('gp.token', 'tok');
  openWith('/pages/index/index', { ref: 'u_other' });
  render(<Home />);
  await screen.findByText('暂无商品');
  expect(Taro.getStorageSync('gp.referrer')).toBeFalsy();
});

test('a mini-program code’s scene is sent with the first login as it came', async () => {
  rememberReferrer(undefined, 'r%3Du_code');
  mockApi.on('POST /auth/login', { token: 'tok', userId: 'u_new' });
  const { container } = render(<LoginPage />);
  await typeInto(container, 'login-name', 'bob');
  click(container, 'login-submit');
  await waitFor(() => expect(Taro.getStorageSync('gp.token')).toBe('tok'));
  expect(mockApi.callsTo('POST /auth/login')[0]!.body).toEqual({ devOpenId: 'bob', scene: 'r=u_code' });
  expect(Taro.getStorageSync('gp.scene')).toBeFalsy();
});
