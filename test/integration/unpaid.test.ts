// Unpaid orders close (issue 18 item 3): a WeChat order not paid within payTimeoutMinutes is
// closed at WeChat, its stock comes back and it is cancelled, once; a payment that still arrives
// is refunded; paying it is refused with order_cancelled.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ADDRESS, call, login, staff, uniq } from './helpers';
import { sandboxNotify, setLocalWeChatPay, type WeChatPay } from '../../functions/src/adapters/wechat';
import { sandboxPay } from '../../functions/src/adapters/wechat/sandbox';
import { wechatPay } from '../../functions/src/handlers/notify';

const MIN = 60_000;
let pid = '';
const closed: string[] = [];

beforeAll(async () => {
  pid = uniq('unpaid-');
  const up = await staff('upsert-product', {
    productId: pid,
    name: '超时测试',
    price: '20.00',
    poolContribution: '6.00',
    dividendContribution: '0.20',
    stock: 50,
  });
  expect(up.ok).toBe(true);
});
beforeEach(() => {
  closed.length = 0;
  const sandbox = sandboxPay();
  const recording: WeChatPay = {
    ...sandbox,
    async closeOrder(orderId) {
      closed.push(orderId);
      return sandbox.closeOrder(orderId);
    },
  };
  setLocalWeChatPay(recording);
});
afterEach(() => setLocalWeChatPay(undefined));

const stockOf = async () =>
  (await call('GET', '/products')).body.find((p: { productId: string }) => p.productId === pid).stock as number;
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

async function unpaidOrder(token: string, qty = 2) {
  const o = await call('POST', '/orders', {
    token,
    body: { items: [{ productId: pid, qty }], payWith: 'wechat', address: ADDRESS },
  });
  expect(o.status).toBe(201);
  return o.body as { orderId: string; status: string; payExpiresAt: string; amount: string };
}
const order = async (token: string, id: string) => (await call('GET', `/orders/${id}`, { token })).body;

it('carries payExpiresAt = created + 30 minutes; not cancelled before it, cancelled once after it', async () => {
  const u = await login(uniq('unpaid'));
  const s0 = await stockOf();
  const o = await unpaidOrder(u.token);
  expect(await stockOf()).toBe(s0 - 2);
  const got = await order(u.token, o.orderId);
  expect(got.status).toBe('created');
  expect(Date.parse(got.payExpiresAt) - Date.parse(got.createdAt)).toBe(30 * MIN);
  expect(o.payExpiresAt).toBe(got.payExpiresAt);

  const early = await staff('cancel-unpaid', { now: later(o.payExpiresAt, -MIN) });
  expect(early.result.cancelled).not.toContain(o.orderId);
  expect((await order(u.token, o.orderId)).status).toBe('created');

  const runs = await Promise.all([1, 2, 3].map(() => staff('cancel-unpaid', { now: later(o.payExpiresAt, MIN) })));
  expect(runs.flatMap((r) => r.result.cancelled).filter((id: string) => id === o.orderId)).toEqual([o.orderId]);
  expect(closed).toContain(o.orderId); // closed at WeChat before it was cancelled
  const after = await order(u.token, o.orderId);
  expect(after).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
  expect(after.payExpiresAt).toBeUndefined();
  expect(await stockOf()).toBe(s0); // the stock back exactly once
  // A later run finds nothing of it any more.
  const again = await staff('cancel-unpaid', { now: later(o.payExpiresAt, 10 * MIN) });
  expect(again.result.cancelled).not.toContain(o.orderId);
  expect(await stockOf()).toBe(s0);
});

it('a pay attempt on a cancelled order is refused with order_cancelled', async () => {
  const u = await login(uniq('unpaid'));
  const o = await unpaidOrder(u.token, 1);
  await staff('cancel-unpaid', { now: later(o.payExpiresAt, MIN) });
  const pay = await call('POST', `/orders/${o.orderId}/pay`, { token: u.token, body: {}, key: null });
  expect(pay.status).toBe(409);
  expect(pay.body.error.code).toBe('order_cancelled');
  expect((await order(u.token, o.orderId)).status).toBe('cancelled');
});

it('a payment notice that still reaches the cancelled order is refunded; the order stays cancelled', async () => {
  const u = await login(uniq('unpaid'));
  const s0 = await stockOf();
  const o = await unpaidOrder(u.token, 1);
  await staff('cancel-unpaid', { now: later(o.payExpiresAt, MIN) });
  const refunds: string[] = [];
  const sandbox = sandboxPay();
  setLocalWeChatPay({
    ...sandbox,
    async refund(r) {
      refunds.push(r.refundId);
      return sandbox.refund(r);
    },
  });
  const n = sandboxNotify({ orderId: o.orderId, amount: o.amount, transactionId: `tx${o.orderId}` });
  const event = { headers: n.headers, body: n.body, isBase64Encoded: false } as unknown as APIGatewayProxyEventV2;
  expect((await wechatPay(event)).statusCode).toBe(200);
  expect((await wechatPay(event)).statusCode).toBe(200); // repeated: refunded once
  expect(refunds).toEqual([`R${o.orderId}`]);
  const after = await order(u.token, o.orderId);
  expect(after.status).toBe('cancelled');
  expect(await stockOf()).toBe(s0);
});

it('WeChat says ORDERPAID at the close: not cancelled, stock kept; the notice marks it paid and the index forgets it', async () => {
  const u = await login(uniq('unpaid'));
  const o = await unpaidOrder(u.token, 1);
  const s1 = await stockOf();
  setLocalWeChatPay({ ...sandboxPay(), closeOrder: async () => ({ status: 'paid' }) });
  const r = await staff('cancel-unpaid', { now: later(o.payExpiresAt, MIN) });
  expect(r.result.paid).toContain(o.orderId);
  expect((await order(u.token, o.orderId)).status).toBe('created');
  setLocalWeChatPay(undefined);
  const n = sandboxNotify({ orderId: o.orderId, amount: o.amount, transactionId: `tx${o.orderId}` });
  await wechatPay({ headers: n.headers, body: n.body, isBase64Encoded: false } as unknown as APIGatewayProxyEventV2);
  const next = await staff('cancel-unpaid', { now: later(o.payExpiresAt, 2 * MIN) });
  expect(next.result.cancelled).not.toContain(o.orderId);
  expect((await order(u.token, o.orderId)).status).toBe('paid');
  expect(await stockOf()).toBe(s1);
});

it('payTimeoutMinutes is a validated parameter', async () => {
  const bad = await staff('set-config', { change: { payTimeoutMinutes: 1 } });
  expect(bad.ok).toBe(false);
  expect(bad.error.code).toBe('invalid_params');
});
