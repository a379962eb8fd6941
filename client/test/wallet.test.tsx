import { act, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { FakeApi, deferred, fail } from './fake-api';
import { poolAnswer, poolWithTreasury, wallet } from './fixtures';
import { KEY_RE, click, login, text, typeInto } from './helpers';

const mockApi = new FakeApi();
jest.mock('../src/api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import WalletPage from '../src/pages/wallet/index';

beforeEach(() => {
  mockApi.calls = [];
  login();
});

/** Opens the page once the wallet and the price are in (5.1731: the seed pool after 100 orders). */
async function openWallet(price = '5.1731') {
  const view = render(<WalletPage />);
  await screen.findByText('绿色积分（可用）');
  await waitFor(() => expect(text(view.container, 'wallet-price')).toContain(`¥${price}`));
  return view;
}

test('shows the balances and the live price, then previews and sells with one request per action', async () => {
  const sold = {
    points: '21',
    gross: '108.6346',
    fee: '10.86',
    payout: '97.77',
    priceBefore: '5.17',
    priceAfter: '5.19',
  };
  const gate = deferred(sold);
  mockApi
    .on('GET /wallet', wallet({ equity: '21', cash: '0.00' }), wallet({ equity: '0', cash: '97.77' }))
    .on('GET /pool', poolAnswer(100))
    .on('POST /wallet/sell', gate.answer);
  const { container } = await openWallet();
  expect(text(container, 'wallet-equity')).toBe('21');
  expect(text(container, 'wallet-cash')).toBe('¥0.00');

  await typeInto(container, 'sell-input', '21');
  click(container, 'sell-preview');
  // The rulebook's own check: after 100 seed orders, selling buyer A's 21 points grosses
  // 108.6346, pays 97.77 after the 10 % fee, and leaves the price at 5.1925.
  expect(text(container, 'quote-gross')).toBe('¥108.6346');
  expect(text(container, 'quote-payout')).toBe('¥97.77');
  expect(text(container, 'quote-price-after')).toBe('¥5.1925');
  expect(mockApi.callsTo('POST /wallet/sell')).toHaveLength(0); // a preview sends nothing

  // A double tap while the first request is in flight submits once.
  click(container, 'sell-confirm');
  click(container, 'sell-confirm');
  await act(async () => gate.release());
  await screen.findByText(/已卖出 21 积分，到账 ¥97.77/);
  const sells = mockApi.callsTo('POST /wallet/sell');
  expect(sells).toHaveLength(1);
  expect(sells[0].body).toEqual({ points: '21' });
  expect(sells[0].key).toMatch(KEY_RE);
  // The wallet is read again and shows the cash.
  await waitFor(() => expect(text(container, 'wallet-cash')).toBe('¥97.77'));
});

test('a retry after a network failure reuses the key; the next action gets a new one', async () => {
  const ok = { points: '1', gross: '5.17', fee: '0.52', payout: '4.65', priceBefore: '5.17', priceAfter: '5.17' };
  mockApi
    .on('GET /wallet', wallet({ equity: '21' }))
    .on('GET /pool', poolAnswer(100))
    .on('POST /wallet/sell', fail(0, 'network'), ok);
  const { container } = await openWallet();
  await typeInto(container, 'sell-input', '1');
  click(container, 'sell-preview');
  click(container, 'sell-confirm');
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeInTheDocument();
  click(container, 'sell-confirm');
  await screen.findByText(/已卖出 1 积分/);
  await typeInto(container, 'sell-input', '1');
  click(container, 'sell-preview');
  click(container, 'sell-confirm');
  await waitFor(() => expect(mockApi.callsTo('POST /wallet/sell')).toHaveLength(3));
  const [first, retry, next] = mockApi.callsTo('POST /wallet/sell');
  expect(retry.key).toBe(first.key);
  expect(next.key).not.toBe(first.key);
});

test('a refused sell is explained in Chinese and a bad amount never reaches the server', async () => {
  mockApi
    .on('GET /wallet', wallet({ equity: '21' }))
    .on('GET /pool', poolAnswer(100))
    .on('POST /wallet/sell', fail(422, 'insufficient_points'));
  const { container } = await openWallet();
  await typeInto(container, 'sell-input', '22');
  click(container, 'sell-preview');
  expect(await screen.findByText('可用积分不足')).toBeInTheDocument();
  await typeInto(container, 'sell-input', '1.1234567');
  click(container, 'sell-preview');
  expect(await screen.findByText('请输入要卖出的积分数量（最多 6 位小数）')).toBeInTheDocument();
  expect(mockApi.callsTo('POST /wallet/sell')).toHaveLength(0);

  await typeInto(container, 'sell-input', '2');
  click(container, 'sell-preview');
  click(container, 'sell-confirm');
  expect(await screen.findByText('可用积分不足')).toBeInTheDocument();
  expect(mockApi.callsTo('POST /wallet/sell')).toHaveLength(1);
});

test('withdraws cash and converts points, each with its own key', async () => {
  mockApi
    .on('GET /wallet', wallet({ equity: '21', cash: '97.77' }))
    .on('GET /pool', poolAnswer(100))
    .on('POST /withdrawals', { withdrawalId: 'w1', status: 'requested', amount: '50.00' })
    .on('POST /wallet/convert', { points: '10', constant: '51.73', price: '5.1731' });
  const { container } = await openWallet();
  await typeInto(container, 'withdraw-input', '50');
  click(container, 'withdraw-submit');
  await screen.findByText('提现申请已提交，审核通过后请在“提现记录”中确认收款 ›');
  await typeInto(container, 'convert-input', '10');
  click(container, 'convert-submit');
  await screen.findByText(/已用 10 积分兑换 ¥51.73 恒定积分/);
  const [w] = mockApi.callsTo('POST /withdrawals');
  const [c] = mockApi.callsTo('POST /wallet/convert');
  expect(w.body).toEqual({ amount: '50' });
  expect(c.body).toEqual({ points: '10' });
  expect(w.key).toMatch(KEY_RE);
  expect(c.key).toMatch(KEY_RE);
  expect(w.key).not.toBe(c.key);
});

test('an expired login shows the error and clears the session', async () => {
  mockApi.on('GET /wallet', fail(401, 'token_expired')).on('GET /pool', poolAnswer(1));
  render(<WalletPage />);
  expect(await screen.findByText('登录已过期，请重新登录')).toBeInTheDocument();
  expect(Taro.getStorageSync('gp.token')).toBeFalsy();
  // …and takes the shopper to the login page.
  await waitFor(() => expect(window.location.hash).toContain('/pages/login/index'));
});

// The programme's parts: the dividend quota, the member level, the live sell fee in the
// preview, and 恒定积分兑回 (convert-back) with the engine's preview and refusals.

test('the quota, what was paid of it, what is left, and the level as a badge', async () => {
  mockApi
    .on('GET /wallet', wallet({ quota: '200.00', dividendsPaid: '50.00', level: '银卡会员' }))
    .on('GET /pool', poolAnswer(1));
  const { container } = await openWallet('');
  expect(text(container, 'wallet-quota')).toBe('¥200.00');
  expect(text(container, 'wallet-dividends-paid')).toBe('¥50.00');
  expect(text(container, 'wallet-quota-left')).toBe('¥150.00');
  expect(text(container, 'level-badge')).toBe('等级 · 银卡会员');
  // 50 of 200 paid: a quarter of the bar.
  expect((container.querySelector('.meter-fill') as HTMLElement).style.width).toBe('25%');
});

test('no quota: nothing left, an empty bar', async () => {
  mockApi.on('GET /wallet', wallet({ quota: '0.00', dividendsPaid: '0.00' })).on('GET /pool', poolAnswer(1));
  const { container } = await openWallet('');
  expect(text(container, 'wallet-quota-left')).toBe('¥0.00');
  expect((container.querySelector('.meter-fill') as HTMLElement).style.width).toBe('0%');
});

test('the sell preview charges the fee GET /pool announces, not the default', async () => {
  mockApi.on('GET /wallet', wallet({ equity: '21' })).on('GET /pool', poolAnswer(100, { sellFeeRate: '0.2' }));
  const { container } = await openWallet('');
  await typeInto(container, 'sell-input', '21');
  click(container, 'sell-preview');
  // docs/rules.md's check (21 points after 100 orders gross 108.6346), with a 20 % fee:
  // floor2(108.6346 × 0.8) = 86.90 paid, the fee shown to the fen 21.73.
  expect(text(container, 'quote-gross')).toBe('¥108.6346');
  expect(text(container, 'quote-payout')).toBe('¥86.90');
  expect(text(container, 'quote-fee')).toBe('¥21.73');
  expect(container.querySelector('.sell-quote')?.textContent).toContain('手续费 20%');
});

test('convert preview: 7 points at 30/21 a point give 10.00 constant points', async () => {
  mockApi.on('GET /wallet', wallet({ equity: '14' })).on('GET /pool', poolWithTreasury());
  const { container } = await openWallet('');
  await typeInto(container, 'convert-input', '7');
  await waitFor(() => expect(text(container, 'convert-preview')).toBe('按当前价格约得 ¥10.00 恒定积分'));
});

test('convert-back previews floor6(amount / price), then sends the amount once with a key', async () => {
  mockApi
    .on('GET /wallet', wallet({ constant: '10.00' }), wallet({ constant: '5.00' }))
    .on('GET /pool', poolWithTreasury())
    .on('POST /wallet/convert-back', { amount: '5.00', points: '3.5', price: '1.428571428571428571428571428571429' });
  const { container } = await openWallet('');
  expect(text(container, 'convert-back-balance')).toBe('¥10.00');
  // Price 30/21: 10 yuan buy back exactly the 7 points the treasury holds, 5 yuan 3.5.
  await typeInto(container, 'convert-back-input', '10');
  await waitFor(() => expect(text(container, 'convert-back-preview')).toBe('按当前价格约得 7 绿色积分'));
  await typeInto(container, 'convert-back-input', '5');
  await waitFor(() => expect(text(container, 'convert-back-preview')).toBe('按当前价格约得 3.5 绿色积分'));
  expect(mockApi.callsTo('POST /wallet/convert-back')).toHaveLength(0); // a preview sends nothing
  click(container, 'convert-back-submit');
  await screen.findByText(/已用 ¥5.00 恒定积分换回 3.5 绿色积分/);
  const [c] = mockApi.callsTo('POST /wallet/convert-back');
  expect(c.body).toEqual({ amount: '5' });
  expect(c.key).toMatch(KEY_RE);
  await waitFor(() => expect(text(container, 'convert-back-balance')).toBe('¥5.00'));
});

test('more than the treasury holds is explained before anything is sent', async () => {
  mockApi.on('GET /wallet', wallet({ constant: '50.00' })).on('GET /pool', poolWithTreasury());
  const { container } = await openWallet('');
  // 11 yuan would need 7.7 points; the treasury holds 7, worth floor2(7 × 30/21) = 10.00.
  await typeInto(container, 'convert-back-input', '11');
  await waitFor(() => expect(text(container, 'convert-back-refused')).toContain('目前最多可兑回约 ¥10.00'));
  expect(container.querySelector('.convert-back-preview')).toBeNull();
  click(container, 'convert-back-submit');
  expect(mockApi.callsTo('POST /wallet/convert-back')).toHaveLength(0);
});

test('an empty treasury and a short balance are explained in words', async () => {
  mockApi.on('GET /wallet', wallet({ constant: '0.00' })).on('GET /pool', poolAnswer(1));
  const { container } = await openWallet('');
  await typeInto(container, 'convert-back-input', '1');
  // The balance is checked first, as the engine does.
  await waitFor(() => expect(text(container, 'convert-back-refused')).toBe('恒定积分余额不足'));
});

test('no treasury at all: says where the treasury comes from', async () => {
  mockApi.on('GET /wallet', wallet({ constant: '20.00' })).on('GET /pool', poolAnswer(1));
  const { container } = await openWallet('');
  await typeInto(container, 'convert-back-input', '1');
  await waitFor(() => expect(text(container, 'convert-back-refused')).toContain('平台目前没有储备的绿色积分可以兑回'));
});

test('the server refusing for the treasury (others converted back first) reads plainly', async () => {
  mockApi
    .on('GET /wallet', wallet({ constant: '10.00' }))
    .on('GET /pool', poolWithTreasury())
    .on('POST /wallet/convert-back', fail(422, 'insufficient_treasury'));
  const { container } = await openWallet('');
  await typeInto(container, 'convert-back-input', '5');
  await waitFor(() => expect(text(container, 'convert-back-preview')).toContain('3.5'));
  click(container, 'convert-back-submit');
  expect(await screen.findByText('平台储备的绿色积分暂时不够兑回这么多，请减少金额或稍后再试')).toBeInTheDocument();
  expect(mockApi.callsTo('POST /wallet/convert-back')).toHaveLength(1);
  expect(container.querySelector('.convert-back-done')).toBeNull();
});

test('a bad amount never reaches the server', async () => {
  mockApi.on('GET /wallet', wallet({ constant: '10.00' })).on('GET /pool', poolWithTreasury());
  const { container } = await openWallet('');
  await typeInto(container, 'convert-back-input', '1.234');
  click(container, 'convert-back-submit');
  expect(await screen.findByText('请输入兑回的金额（元，最多 2 位小数）')).toBeInTheDocument();
  expect(mockApi.callsTo('POST /wallet/convert-back')).toHaveLength(0);
});
