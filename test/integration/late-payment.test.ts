// No money stuck between a cancelled order and WeChat Pay: cancelling an unpaid WeChat order
// closes it at WeChat first (ORDERPAID: not cancelled; WeChat down: nothing changes), and a
// payment notice that still reaches a cancelled order is acknowledged and refunded once.
// Scripted WeChat answers run in-process against DynamoDB Local; the sandbox path runs over HTTP.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { call, login, staff, uniq, newKey, lambdaPost, ADDRESS } from './helpers';
import { AdapterError, sandboxNotify, setLocalWeChatPay } from '../../functions/src/adapters/wechat';
import { scriptedWeChat as scripted, type Script } from './scripted-wechat';

const scriptedWeChat = (s: Script) => scripted({ refundIdPrefix: 'wxlate', ...s });
import { getItem } from '../../functions/src/repo/ddb';
import { keys } from '../../functions/src/repo/keys';
import { auditLog } from '../../functions/src/domain/operator/audit';
import { markPaid } from '../../functions/src/domain/orders/payment';
import type { LatePayment } from '../../functions/src/domain/orders/late-payment';
import * as orders from '../../functions/src/handlers/orders';
import { wechatPay } from '../../functions/src/handlers/notify';
import { log } from '../../functions/src/log';
import { deps } from '../ddb-deps';

afterEach(() => setLocalWeChatPay(undefined));

let product = '';
const started = new Date().toISOString();
beforeAll(async () => {
  product = uniq('late-');
  const up = await staff('upsert-product', {
    productId: product,
    name: '晚到付款测试',
    price: '66.60',
    poolContribution: '10.00',
    stock: 40,
  });
  expect(up.ok).toBe(true);
});

const stock = async () =>
  (await call('GET', '/products')).body.find((p: { productId: string }) => p.productId === product).stock as number;
const stored = async (id: string) => (await getItem(keys.order(id)))!;
const late = async (id: string): Promise<LatePayment | undefined> => {
  const raw = (await stored(id)).latePayment;
  return typeof raw === 'string' ? (JSON.parse(raw) as LatePayment) : undefined;
};

async function unpaidOrder(token: string): Promise<{ id: string; amount: string }> {
  const o = await call('POST', '/orders', {
    token,
    body: { items: [{ productId: product, qty: 1 }], payWith: 'wechat', address: ADDRESS },
  });
  expect(o.status).toBe(201);
  expect(o.body.status).toBe('created');
  return { id: o.body.orderId, amount: o.body.amount };
}

/** The refund (cancel) handler in-process with one Idempotency-Key. */
function canceller(token: string, id: string, key = newKey()) {
  return async () => {
    const r = await orders.refund(lambdaPost(`/orders/${id}/refund`, token, {}, key, { id }));
    return {
      status: r.statusCode,
      body: JSON.parse(String(r.body)),
      replayed: r.headers?.['Idempotent-Replayed'] === 'true',
    };
  };
}

/** What WeChat would POST to the notify URL, delivered to the notify handler in-process. */
async function notify(n: { headers: Record<string, string>; body: string }) {
  const r = await wechatPay({
    headers: n.headers,
    body: n.body,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2);
  return { status: r.statusCode ?? 0, body: JSON.parse(String(r.body)) };
}

const lateAudits = async (id: string) =>
  (await auditLog(deps, { from: started, fn: 'late-payment-refund', limit: 500 })).filter(
    (a) => (a.input as { orderId?: string }).orderId === id,
  );

describe('cancelling an unpaid WeChat order closes it at WeChat first', () => {
  it('closed: cancelled (refunded), stock back, WeChat asked to close exactly this order', async () => {
    const u = await login(uniq('lp'));
    const s0 = await stock();
    const { id } = await unpaidOrder(u.token);
    expect(await stock()).toBe(s0 - 1);
    const w = scriptedWeChat({ close: ['closed'] });
    const r = await canceller(u.token, id)();
    expect(r).toEqual({ status: 200, body: { orderId: id, status: 'refunded' }, replayed: false });
    expect(w.closed).toEqual([id]);
    expect(w.refunds).toEqual([]); // nothing was paid, nothing to refund
    expect((await stored(id)).status).toBe('refunded');
    expect(await stock()).toBe(s0);
  });

  it('ORDERPAID: not cancelled, 409 order_paid telling the shopper to request a refund; after the notify the ordinary refund applies', async () => {
    const u = await login(uniq('lp'));
    const { id, amount } = await unpaidOrder(u.token);
    const s0 = await stock();
    const w = scriptedWeChat({ close: ['paid'], refund: ['SUCCESS'] });
    const r = await canceller(u.token, id)();
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('order_paid');
    expect(r.body.error.message).toContain('退款');
    expect((await stored(id)).status).toBe('created');
    expect(await stock()).toBe(s0);

    // the payment notice arrives: paid as usual
    const n = notify(sandboxNotify({ orderId: id, amount, transactionId: `tx${id}` }));
    expect(await n).toEqual({ status: 200, body: { code: 'SUCCESS', message: 'OK' } });
    expect((await stored(id)).status).toBe('paid');
    // and now the refund asks WeChat for the money back
    const again = await canceller(u.token, id)();
    expect(again).toEqual({ status: 200, body: { orderId: id, status: 'refunded' }, replayed: false });
    expect(w.closed).toEqual([id]);
    expect(w.refunds).toEqual([{ orderId: id, refundId: `R${id}`, amount, total: amount, reason: '订单退款' }]);
    expect(await stock()).toBe(s0 + 1);
  });

  it('ORDERPAID after the notify already marked it paid: the paid-order refund runs in the same call', async () => {
    const u = await login(uniq('lp'));
    const { id, amount } = await unpaidOrder(u.token);
    const s0 = await stock();
    // the notice lands while WeChat is answering the close
    const w = scriptedWeChat({
      close: [async () => (await markPaid(deps, id, { transactionId: `tx${id}`, amount }), 'paid')],
      refund: ['SUCCESS'],
    });
    const r = await canceller(u.token, id)();
    expect(r).toEqual({ status: 200, body: { orderId: id, status: 'refunded' }, replayed: false });
    expect(w.refunds.map((x) => x.refundId)).toEqual([`R${id}`]);
    expect((await stored(id)).transactionId).toBe(`tx${id}`);
    expect(await stock()).toBe(s0 + 1);
  });

  it('WeChat unreachable: 502 upstream_unavailable, nothing changes; the same key works once WeChat answers', async () => {
    const u = await login(uniq('lp'));
    const { id } = await unpaidOrder(u.token);
    const s0 = await stock();
    const before = await stored(id);
    const cancel = canceller(u.token, id);
    const w = scriptedWeChat({
      close: [new AdapterError('upstream_unavailable', 'POST close unreachable: ETIMEDOUT'), 'closed'],
    });
    const r = await cancel();
    expect(r.status).toBe(502);
    expect(r.body.error.code).toBe('upstream_unavailable');
    expect(await stored(id)).toEqual(before);
    expect(await stock()).toBe(s0);
    // the refusal was not stored as the key's answer
    const again = await cancel();
    expect(again).toEqual({ status: 200, body: { orderId: id, status: 'refunded' }, replayed: false });
    expect(w.closed).toEqual([id, id]);
    expect(await stock()).toBe(s0 + 1);
  });
});

describe('a payment notice for a cancelled order is acknowledged and refunded', () => {
  it('three identical notices at once: all 2xx, one refund with R<orderId>, recorded on the order, audited once as a system action', async () => {
    const u = await login(uniq('lp'));
    const { id, amount } = await unpaidOrder(u.token);
    const w = scriptedWeChat({ close: ['closed'], refund: ['SUCCESS', 'SUCCESS', 'SUCCESS'] });
    expect((await canceller(u.token, id)()).status).toBe(200);
    const s0 = await stock();
    const paidAt = new Date().toISOString();
    const n = sandboxNotify({ orderId: id, amount, transactionId: `late${id}`, paidAt });
    const rs = await Promise.all([1, 2, 3].map(() => notify(n)));
    for (const r of rs) expect(r).toEqual({ status: 200, body: { code: 'SUCCESS', message: 'OK' } });
    expect(w.refunds).toEqual([
      { orderId: id, refundId: `R${id}`, amount, total: amount, reason: '订单已取消，退回付款' },
    ]);
    const lp = await late(id);
    expect(lp).toMatchObject({
      transactionId: `late${id}`,
      amount,
      paidAt,
      refundId: `R${id}`,
      refundStatus: 'SUCCESS',
      wechatRefundId: 'wxlate1',
    });
    const o = await stored(id);
    expect(o.status).toBe('refunded'); // still cancelled: not paid, not shipped
    expect(o.paidAt).toBeUndefined();
    expect(await stock()).toBe(s0);
    const audits = await lateAudits(id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor: 'system',
      ok: true,
      result: { refundStatus: 'SUCCESS', refundId: `R${id}` },
    });

    // WeChat repeating it later: acknowledged, not refunded again
    expect((await notify(n)).status).toBe(200);
    expect(w.refunds).toHaveLength(1);
    expect(await lateAudits(id)).toHaveLength(1);
    // a different transaction for the same out_trade_no is not acknowledged as this one
    const other = await notify(sandboxNotify({ orderId: id, amount, transactionId: `other${id}` }));
    expect(other.status).toBe(409);
    expect(w.refunds).toHaveLength(1);
  });

  it('refund outcome unknown (WeChat down): no 2xx, so WeChat repeats; the repeat asks again with the same number and settles it', async () => {
    const u = await login(uniq('lp'));
    const { id, amount } = await unpaidOrder(u.token);
    const w = scriptedWeChat({
      close: ['closed'],
      refund: [new AdapterError('upstream_unavailable', 'refund HTTP 500 SYSTEM_ERROR'), 'PROCESSING'],
    });
    expect((await canceller(u.token, id)()).status).toBe(200);
    const n = sandboxNotify({ orderId: id, amount, transactionId: `late${id}` });
    const first = await notify(n);
    expect(first.status).toBe(502);
    expect((await late(id))?.refundStatus).toBe('requested');
    expect(await lateAudits(id)).toHaveLength(0);
    expect((await notify(n)).status).toBe(200);
    expect(w.refunds.map((r) => r.refundId)).toEqual([`R${id}`, `R${id}`]);
    expect(await late(id)).toMatchObject({ refundStatus: 'PROCESSING', wechatRefundId: 'wxlate2' });
    expect(await lateAudits(id)).toHaveLength(1);
  });

  it('WeChat refuses the refund: acknowledged, recorded as refused and audited as failed for staff', async () => {
    const u = await login(uniq('lp'));
    const { id, amount } = await unpaidOrder(u.token);
    scriptedWeChat({
      close: ['closed'],
      refund: [new AdapterError('refund_refused', 'refund HTTP 403 NOT_ENOUGH: 基本账户余额不足')],
    });
    expect((await canceller(u.token, id)()).status).toBe(200);
    const errors = jest.spyOn(log, 'error').mockImplementation(() => undefined);
    try {
      expect((await notify(sandboxNotify({ orderId: id, amount, transactionId: `late${id}` }))).status).toBe(200);
      expect(errors).toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    const lp = await late(id);
    expect(lp?.refundStatus).toBe('refused');
    expect(JSON.parse(lp!.detail!).code).toBe('refund_refused');
    expect(await lateAudits(id)).toMatchObject([{ actor: 'system', ok: false, error: 'refund_refused' }]);
  });

  it("over HTTP with the stack's sandbox WeChat: cancel, then a late notice is acknowledged and refunded", async () => {
    const u = await login(uniq('lp'));
    const { id, amount } = await unpaidOrder(u.token);
    expect((await call('POST', `/orders/${id}/refund`, { token: u.token, body: {} })).status).toBe(200);
    const n = sandboxNotify({ orderId: id, amount, transactionId: `late${id}` });
    const r = await call('POST', '/pay/wechat/notify', { rawBody: n.body, headers: n.headers, key: null });
    expect(r.status).toBe(200);
    expect((await call('GET', `/orders/${id}`, { token: u.token })).body.status).toBe('refunded');
    expect(await late(id)).toMatchObject({ transactionId: `late${id}`, refundStatus: 'SUCCESS', refundId: `R${id}` });
  });
});
