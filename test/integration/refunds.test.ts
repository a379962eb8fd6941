// Refunds of WeChat-paid orders: the money is asked back from WeChat Pay with one out_refund_no
// per order, the order records refund_requested / refunded honestly, and a refused or unknown
// answer never leaves it half-refunded. Over HTTP the stack's sandbox answers SUCCESS; scripted
// WeChat answers (PROCESSING, refusals, outages) run the same code in-process.
import { call, login, shippedOrder, staff, uniq, newKey, lambdaPost, ADDRESS, PARCEL } from './helpers';
import {
  AdapterError,
  setLocalWeChatPay,
  type RefundRequest,
  type RefundResult,
} from '../../functions/src/adapters/wechat';
import { scriptedWeChat as scripted } from './scripted-wechat';
import { getItem, transact } from '../../functions/src/repo/ddb';
import { keys } from '../../functions/src/repo/keys';
import * as orders from '../../functions/src/handlers/orders';

type Answer = RefundResult['status'] | AdapterError;

/** Puts a WeChat in place that answers refunds from `answers`, in order; returns what it was asked. */
const scriptedWeChat = (...answers: Answer[]): RefundRequest[] => scripted({ refund: answers }).refunds;

afterEach(() => setLocalWeChatPay(undefined));

let product = '';
const STOCK = 50;
beforeAll(async () => {
  product = uniq('refund-');
  const up = await staff('upsert-product', {
    productId: product,
    name: '退款测试',
    price: '88.80',
    poolContribution: '20.00',
    stock: STOCK,
  });
  expect(up.ok).toBe(true);
});

const stock = async () =>
  (await call('GET', '/products')).body.find((p: { productId: string }) => p.productId === product).stock as number;
const order = async (token: string, id: string) => (await call('GET', `/orders/${id}`, { token })).body;
const queued = async (shippedAt: string, id: string) => !!(await getItem(keys.shipped(shippedAt, id)));

async function paidOrder(token: string): Promise<string> {
  const o = await call('POST', '/orders', {
    token,
    body: { items: [{ productId: product, qty: 1 }], payWith: 'wechat', address: ADDRESS },
  });
  expect(o.status).toBe(201);
  expect((await call('POST', `/orders/${o.body.orderId}/pay`, { token, body: {}, key: null })).status).toBe(200);
  return o.body.orderId;
}

describe('refund of a WeChat-paid order over HTTP (sandbox WeChat: SUCCESS)', () => {
  it('money asked back, order refunded, stock back, no ledger entry; the key replays; a new key is refused', async () => {
    const u = await login(uniq('rf'));
    const s0 = await stock();
    const id = await paidOrder(u.token);
    expect(await stock()).toBe(s0 - 1);
    const key = newKey();
    const r = await call('POST', `/orders/${id}/refund`, { token: u.token, body: {}, key });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ orderId: id, status: 'refunded' });
    const o = await order(u.token, id);
    expect(o.status).toBe('refunded');
    expect(o.refundRequestedAt).toBeDefined();
    expect(o.refundedAt).toBeDefined();
    expect(await stock()).toBe(s0);
    const stored = await getItem(keys.order(id));
    expect(stored?.refundId).toBe(`R${id}`);
    expect(JSON.parse(String(stored?.refundDetail))).toMatchObject({ status: 'SUCCESS' });
    // WeChat money is not a wallet balance: nothing in the ledger
    expect((await call('GET', '/ledger', { token: u.token })).body.entries).toEqual([]);

    const again = await call('POST', `/orders/${id}/refund`, { token: u.token, body: {}, key });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(r.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const fresh = await call('POST', `/orders/${id}/refund`, { token: u.token, body: {} });
    expect(fresh.status).toBe(409);
    expect(fresh.body.error.code).toBe('invalid_status');
    expect(await stock()).toBe(s0);
  });

  it('a shipped order leaves the auto-confirm queue; confirm afterwards is refused', async () => {
    const u = await login(uniq('rf'));
    const id = await shippedOrder(u.token, product);
    const { shippedAt } = await order(u.token, id);
    expect(await queued(shippedAt, id)).toBe(true);
    expect((await call('POST', `/orders/${id}/refund`, { token: u.token, body: {} })).status).toBe(200);
    expect(await queued(shippedAt, id)).toBe(false);
    const c = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {} });
    expect(c.status).toBe(409);
  });
});

describe('refund with scripted WeChat answers (in-process)', () => {
  it('PROCESSING: refund_requested and locked, stock still out; asking again settles it with the same out_refund_no', async () => {
    const u = await login(uniq('rf'));
    const id = await shippedOrder(u.token, product);
    const { shippedAt, amount } = await order(u.token, id);
    const s0 = await stock();
    const asked = scriptedWeChat('PROCESSING', 'SUCCESS');

    const first = await staff('refund-order', { orderId: id });
    expect(first).toMatchObject({ ok: true, result: { orderId: id, status: 'refund_requested', refundId: `R${id}` } });
    expect((await order(u.token, id)).status).toBe('refund_requested');
    expect(await stock()).toBe(s0); // comes back only with the money
    expect(await queued(shippedAt, id)).toBe(false);
    // locked: the buyer cannot complete it, staff cannot complete or ship it
    expect((await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {} })).body.error.code).toBe(
      'invalid_status',
    );
    expect((await staff('complete-order', { orderId: id })).error.code).toBe('invalid_status');
    expect((await staff('ship-order', { orderId: id, ...PARCEL })).error.code).toBe('invalid_status');

    const second = await staff('refund-order', { orderId: id });
    expect(second).toMatchObject({ ok: true, result: { orderId: id, status: 'refunded' } });
    expect((await order(u.token, id)).status).toBe('refunded');
    expect(await stock()).toBe(s0 + 1);
    expect(asked).toEqual([
      { orderId: id, refundId: `R${id}`, amount, total: amount, reason: '订单退款' },
      { orderId: id, refundId: `R${id}`, amount, total: amount, reason: '订单退款' },
    ]);
    // settled: never asked a third time
    expect((await staff('refund-order', { orderId: id })).error.code).toBe('invalid_status');
    expect(asked).toHaveLength(2);
    expect(await stock()).toBe(s0 + 1);
  });

  it('WeChat unreachable: the order stays refund_requested (clearly pending); the buyer retrying over HTTP settles it', async () => {
    const u = await login(uniq('rf'));
    const id = await paidOrder(u.token);
    const s0 = await stock();
    const asked = scriptedWeChat(new AdapterError('upstream_unavailable', 'ETIMEDOUT'));
    const r = await staff('refund-order', { orderId: id });
    expect(r).toMatchObject({ ok: false, error: { code: 'upstream_unavailable' } });
    expect(asked).toHaveLength(1);
    expect((await order(u.token, id)).status).toBe('refund_requested');
    expect(await stock()).toBe(s0);
    // the stack's own WeChat (sandbox) is asked with the order's one refund number
    const http = await call('POST', `/orders/${id}/refund`, { token: u.token, body: {} });
    expect(http.status).toBe(200);
    expect((await order(u.token, id)).status).toBe('refunded');
    expect((await getItem(keys.order(id)))?.refundId).toBe(asked[0]!.refundId);
    expect(await stock()).toBe(s0 + 1);
  });

  it('refused (NOT_ENOUGH, ABNORMAL …): back to shipped and into the queue at its shipping time, refundable again', async () => {
    const u = await login(uniq('rf'));
    const id = await shippedOrder(u.token, product);
    const { shippedAt } = await order(u.token, id);
    const s0 = await stock();
    scriptedWeChat(new AdapterError('refund_refused', 'refund HTTP 403 NOT_ENOUGH: 基本账户余额不足'));
    const r = await staff('refund-order', { orderId: id });
    expect(r).toMatchObject({ ok: false, error: { code: 'refund_refused' } });
    const o = await order(u.token, id);
    expect(o.status).toBe('shipped');
    expect(o.shippedAt).toBe(shippedAt);
    expect(await queued(shippedAt, id)).toBe(true);
    expect(await stock()).toBe(s0);
    expect(JSON.parse(String((await getItem(keys.order(id)))?.refundDetail)).code).toBe('refund_refused');
    // and the refund can be asked for again
    const asked = scriptedWeChat('SUCCESS');
    expect((await staff('refund-order', { orderId: id })).result.status).toBe('refunded');
    expect(asked).toHaveLength(1);
    expect(await queued(shippedAt, id)).toBe(false);
    expect(await stock()).toBe(s0 + 1);
  });

  /** A paid order, a scripted WeChat, and `refund()` calling the refund handler with one key. */
  async function overTheHandler(...answers: Answer[]) {
    const u = await login(uniq('rf'));
    const id = await paidOrder(u.token);
    const asked = scriptedWeChat(...answers);
    const key = newKey();
    const refund = async () => {
      const r = await orders.refund(lambdaPost(`/orders/${id}/refund`, u.token, {}, key, { id }));
      return {
        status: r.statusCode,
        body: JSON.parse(String(r.body)),
        replayed: r.headers?.['Idempotent-Replayed'] === 'true',
      };
    };
    return { u, id, asked, refund };
  }

  it('over the handler: a PROCESSING answer (202) is asked again on replay of the key, then the final answer is stored', async () => {
    const { id, asked, refund } = await overTheHandler('PROCESSING', 'SUCCESS');
    expect(await refund()).toMatchObject({
      status: 202,
      body: { orderId: id, status: 'refund_requested' },
      replayed: false,
    });
    expect(await refund()).toEqual({ status: 200, body: { orderId: id, status: 'refunded' }, replayed: false });
    expect(await refund()).toEqual({ status: 200, body: { orderId: id, status: 'refunded' }, replayed: true });
    expect(asked).toHaveLength(2);
  });

  it('over the handler: a key left at 202 answers refunded once another try settled the refund', async () => {
    const { id, asked, refund } = await overTheHandler('PROCESSING', 'SUCCESS');
    expect((await refund()).status).toBe(202);
    expect((await staff('refund-order', { orderId: id })).result.status).toBe('refunded');
    expect(await refund()).toEqual({ status: 200, body: { orderId: id, status: 'refunded' }, replayed: false });
    expect((await refund()).replayed).toBe(true);
    expect(asked).toHaveLength(2);
  });

  it('over the handler: a refusal is the stored answer of its key; the order is paid again', async () => {
    const { u, id, asked, refund } = await overTheHandler(new AdapterError('refund_refused', 'refund R… is ABNORMAL'));
    const first = await refund();
    expect(first).toMatchObject({ status: 502, body: { error: { code: 'refund_refused' } }, replayed: false });
    expect(await refund()).toEqual({ ...first, replayed: true });
    expect(asked).toHaveLength(1);
    expect((await order(u.token, id)).status).toBe('paid');
  });

  it('refunds of one order at once: one refund, stock back once, every ask with the one refund number', async () => {
    const u = await login(uniq('rf'));
    const id = await paidOrder(u.token);
    const s0 = await stock();
    const asked = scriptedWeChat('SUCCESS', 'SUCCESS', 'SUCCESS');
    const rs = await Promise.all([1, 2, 3].map(() => staff('refund-order', { orderId: id })));
    // a loser either finds the order locked by the winner (invalid_status) or resumes it and finds it refunded
    expect(rs.filter((r) => r.ok && r.result.status === 'refunded').length).toBeGreaterThanOrEqual(1);
    for (const r of rs) if (!r.ok) expect(r.error.code).toBe('invalid_status');
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(new Set(asked.map((a) => a.refundId))).toEqual(new Set([`R${id}`]));
    expect((await order(u.token, id)).status).toBe('refunded');
    expect(await stock()).toBe(s0 + 1);
  });
});

describe('a rejected completion goes back to received and stays due', () => {
  // Changed with the after-sale window: completion starts from received (not shipped) at the
  // window's end, so a rejected event leaves the order received with its DUE entry.
  it('left received and due; completes at the next run', async () => {
    const u = await login(uniq('rq'));
    const id = await shippedOrder(u.token, product);
    const c = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {} });
    const now = new Date(Date.parse(c.body.completesAt) + 1000).toISOString();
    // A contribution the engine refuses (invalid_amount) makes the completion event rejected.
    await transact([
      { op: 'set', key: keys.order(id), values: { contribution: 'x' }, ifEquals: { status: 'received' } },
    ]);
    const r = await staff('complete-order', { orderId: id, now });
    expect(r.ok).toBe(true);
    expect(r.result).toMatchObject({ orderId: id, status: 'received', error: { code: 'invalid_amount' } });
    expect((await order(u.token, id)).status).toBe('received');
    expect(await getItem(keys.due(c.body.completesAt, id))).toBeDefined();

    await transact([
      { op: 'set', key: keys.order(id), values: { contribution: '20.00' }, ifEquals: { status: 'received' } },
    ]);
    const done = await staff('complete-order', { orderId: id, now });
    expect(done.result).toMatchObject({ orderId: id, status: 'completed' });
    expect((await order(u.token, id)).status).toBe('completed');
  });
});
