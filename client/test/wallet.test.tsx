import { act, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { FakeApi, deferred, fail } from './fake-api'
import { poolAnswer, wallet } from './fixtures'
import { KEY_RE, click, login, text, typeInto } from './helpers'

const mockApi = new FakeApi()
jest.mock('../src/api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }))

import WalletPage from '../src/pages/wallet/index'

beforeEach(() => {
  mockApi.calls = []
  login()
})

async function openWallet() {
  const view = render(<WalletPage />)
  await screen.findByText('绿色积分（可用）')
  await waitFor(() => expect(text(view.container, 'wallet-price')).toContain('5.1731'))
  return view
}

test('shows the balances and the live price, then previews and sells with one request per action', async () => {
  const sold = { points: '21', gross: '108.6346', fee: '10.86', payout: '97.77', priceBefore: '5.17', priceAfter: '5.19' }
  const gate = deferred(sold)
  mockApi
    .on('GET /wallet', wallet({ equity: '21', cash: '0.00' }), wallet({ equity: '0', cash: '97.77' }))
    .on('GET /pool', poolAnswer(100))
    .on('POST /wallet/sell', gate.answer)
  const { container } = await openWallet()
  expect(text(container, 'wallet-equity')).toBe('21')
  expect(text(container, 'wallet-cash')).toBe('¥0.00')

  await typeInto(container, 'sell-input', '21')
  click(container, 'sell-preview')
  // The rulebook's own check: after 100 seed orders, selling buyer A's 21 points grosses
  // 108.6346, pays 97.77 after the 10 % fee, and leaves the price at 5.1925.
  expect(text(container, 'quote-gross')).toBe('¥108.6346')
  expect(text(container, 'quote-payout')).toBe('¥97.77')
  expect(text(container, 'quote-price-after')).toBe('¥5.1925')
  expect(mockApi.callsTo('POST /wallet/sell')).toHaveLength(0) // a preview sends nothing

  // A double tap while the first request is in flight submits once.
  click(container, 'sell-confirm')
  click(container, 'sell-confirm')
  await act(async () => gate.release())
  await screen.findByText(/已卖出 21 积分，到账 ¥97.77/)
  const sells = mockApi.callsTo('POST /wallet/sell')
  expect(sells).toHaveLength(1)
  expect(sells[0].body).toEqual({ points: '21' })
  expect(sells[0].key).toMatch(KEY_RE)
  // The wallet is read again and shows the cash.
  await waitFor(() => expect(text(container, 'wallet-cash')).toBe('¥97.77'))
})

test('a retry after a network failure reuses the key; the next action gets a new one', async () => {
  const ok = { points: '1', gross: '5.17', fee: '0.52', payout: '4.65', priceBefore: '5.17', priceAfter: '5.17' }
  mockApi
    .on('GET /wallet', wallet({ equity: '21' }))
    .on('GET /pool', poolAnswer(100))
    .on('POST /wallet/sell', fail(0, 'network'), ok)
  const { container } = await openWallet()
  await typeInto(container, 'sell-input', '1')
  click(container, 'sell-preview')
  click(container, 'sell-confirm')
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeInTheDocument()
  click(container, 'sell-confirm')
  await screen.findByText(/已卖出 1 积分/)
  await typeInto(container, 'sell-input', '1')
  click(container, 'sell-preview')
  click(container, 'sell-confirm')
  await waitFor(() => expect(mockApi.callsTo('POST /wallet/sell')).toHaveLength(3))
  const [first, retry, next] = mockApi.callsTo('POST /wallet/sell')
  expect(retry.key).toBe(first.key)
  expect(next.key).not.toBe(first.key)
})

test('a refused sell is explained in Chinese and a bad amount never reaches the server', async () => {
  mockApi
    .on('GET /wallet', wallet({ equity: '21' }))
    .on('GET /pool', poolAnswer(100))
    .on('POST /wallet/sell', fail(422, 'insufficient_points'))
  const { container } = await openWallet()
  await typeInto(container, 'sell-input', '22')
  click(container, 'sell-preview')
  expect(await screen.findByText('可用积分不足')).toBeInTheDocument()
  await typeInto(container, 'sell-input', '1.1234567')
  click(container, 'sell-preview')
  expect(await screen.findByText('请输入要卖出的积分数量（最多 6 位小数）')).toBeInTheDocument()
  expect(mockApi.callsTo('POST /wallet/sell')).toHaveLength(0)

  await typeInto(container, 'sell-input', '2')
  click(container, 'sell-preview')
  click(container, 'sell-confirm')
  expect(await screen.findByText('可用积分不足')).toBeInTheDocument()
  expect(mockApi.callsTo('POST /wallet/sell')).toHaveLength(1)
})

test('withdraws cash and converts points, each with its own key', async () => {
  mockApi
    .on('GET /wallet', wallet({ equity: '21', cash: '97.77' }))
    .on('GET /pool', poolAnswer(100))
    .on('POST /withdrawals', { withdrawalId: 'w1', status: 'requested', amount: '50.00' })
    .on('POST /wallet/convert', { points: '10', constant: '51.73', price: '5.1731' })
  const { container } = await openWallet()
  await typeInto(container, 'withdraw-input', '50')
  click(container, 'withdraw-submit')
  await screen.findByText('提现申请已提交，审核后到账')
  await typeInto(container, 'convert-input', '10')
  click(container, 'convert-submit')
  await screen.findByText(/已用 10 积分兑换 ¥51.73 恒定积分/)
  const [w] = mockApi.callsTo('POST /withdrawals')
  const [c] = mockApi.callsTo('POST /wallet/convert')
  expect(w.body).toEqual({ amount: '50' })
  expect(c.body).toEqual({ points: '10' })
  expect(w.key).toMatch(KEY_RE)
  expect(c.key).toMatch(KEY_RE)
  expect(w.key).not.toBe(c.key)
})

test('an expired login shows the error and clears the session', async () => {
  mockApi.on('GET /wallet', fail(401, 'token_expired')).on('GET /pool', poolAnswer(1))
  render(<WalletPage />)
  expect(await screen.findByText('登录已过期，请重新登录')).toBeInTheDocument()
  expect(Taro.getStorageSync('gp.token')).toBeFalsy()
  // …and takes the shopper to the login page.
  await waitFor(() => expect(window.location.hash).toContain('/pages/login/index'))
})
