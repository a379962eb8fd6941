// Shipping reported to WeChat (issue 18 item 2): ship-order of a WeChat-paid order uploads the
// parcel; a failed upload never blocks shipping: it is queued, retried by the schedule, and
// listed for staff.
import { call, login, shippedOrder, staff, uniq } from './helpers';
import { messageSignature, SANDBOX_MESSAGE_TOKEN } from '../../functions/src/adapters/wechat/message';
import { AdapterError } from '../../functions/src/adapters/wechat/types';
import { sandboxShipped, setLocalWeChatShipping } from '../../functions/src/adapters/wechat';

const WITH_PHONE = { name: '张三', phone: '13812345678', regionCode: '330106', detail: '文三路 1 号' };
afterEach(() => setLocalWeChatShipping(undefined));

async function paidOrder(token: string): Promise<string> {
  const o = await call('POST', '/orders', {
    token,
    body: { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat', address: WITH_PHONE },
  });
  expect(o.status).toBe(201);
  expect((await call('POST', `/orders/${o.body.orderId}/pay`, { token, body: {}, key: null })).status).toBe(200);
  return o.body.orderId;
}
const listed = async (status: string) =>
  ((await staff('list-shipping-uploads', { status, max: 500 })).result as Array<{ orderId: string }>).map(
    (r) => r.orderId,
  );

it('a WeChat-paid order shipped by SF: uploaded with the carrier code and the phone, once', async () => {
  const u = await login(uniq('ship'));
  const id = await paidOrder(u.token);
  const r = await staff('ship-order', { orderId: id, carrier: '顺丰速运', trackingNo: 'SF5550001' });
  expect(r.result).toMatchObject({ status: 'shipped', shippingReport: { status: 'uploaded', attempts: 1 } });
  const up = sandboxShipped.filter((s) => s.orderId === id);
  expect(up).toEqual([
    expect.objectContaining({ carrier: '顺丰速运', trackingNo: 'SF5550001', receiverPhone: '13812345678' }),
  ]);
  // Retrying an uploaded order uploads nothing again.
  await staff('retry-shipping-uploads', { orderIds: [id] });
  expect(sandboxShipped.filter((s) => s.orderId === id)).toHaveLength(1);
});

it('WeChat unreachable: shipped all the same, queued, retried by the schedule once its time has come', async () => {
  const u = await login(uniq('ship'));
  const id = await paidOrder(u.token);
  setLocalWeChatShipping({
    async upload() {
      throw new AdapterError('upstream_unavailable', 'WeChat did not answer');
    },
  });
  const r = await staff('ship-order', { orderId: id, carrier: '中通快递', trackingNo: 'ZT5550002' });
  expect(r.result).toMatchObject({
    status: 'shipped',
    shippingReport: { status: 'pending', attempts: 1, lastError: { code: 'upstream_unavailable' } },
  });
  expect((await call('GET', `/orders/${id}`, { token: u.token })).body.status).toBe('shipped');
  expect(await listed('pending')).toContain(id);
  setLocalWeChatShipping(undefined);
  const nextAt = r.result.shippingReport.at as string;
  const early = await staff('retry-shipping-uploads', { now: new Date(Date.parse(nextAt) - 1000).toISOString() });
  expect(early.result.results.map((x: { orderId: string }) => x.orderId)).not.toContain(id);
  const due = await staff('retry-shipping-uploads', {
    now: new Date(Date.parse(nextAt) + 1000).toISOString(),
    max: 500,
  });
  expect(due.result.results).toContainEqual({ orderId: id, status: 'uploaded' });
  expect(await listed('pending')).not.toContain(id);
  expect(sandboxShipped.filter((s) => s.orderId === id)).toHaveLength(1);
});

it('a carrier not on WeChat list: shipped, the upload failed for good and listed for staff', async () => {
  const u = await login(uniq('ship'));
  const id = await paidOrder(u.token);
  const r = await staff('ship-order', { orderId: id, carrier: '某某物流', trackingNo: 'MM5550003' });
  expect(r.result).toMatchObject({
    status: 'shipped',
    shippingReport: { status: 'failed', lastError: { code: 'invalid_request' } },
  });
  expect(await listed('failed')).toContain(id);
});

describe('receipt confirmed in WeChat (trade management push)', () => {
  const signed = (timestamp = String(Math.floor(Date.now() / 1000)), nonce = uniq('n')) => {
    const signature = messageSignature(SANDBOX_MESSAGE_TOKEN, timestamp, nonce);
    return `signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
  };
  const now = () => Math.floor(Date.now() / 1000);
  /** The push WeChat sends when the order settles after receipt (`settled`) or when it is shipped. */
  const push = (orderId: string, query = signed(), settled = true) =>
    call('POST', `/wechat/message?${query}`, {
      rawBody: JSON.stringify({
        ToUserName: 'gh_test',
        FromUserName: 'oBuyer',
        CreateTime: now(),
        MsgType: 'event',
        Event: 'trade_manage_order_settlement',
        transaction_id: `tx${orderId}`,
        merchant_id: '1900000109',
        sub_merchant_id: '',
        merchant_trade_no: orderId,
        pay_time: now() - 60,
        shipped_time: now() - 30,
        ...(settled
          ? { confirm_receive_method: 2, confirm_receive_time: now(), settlement_time: now() }
          : { estimated_settlement_time: now() + 10 * 86400 }),
      }),
      key: null,
    });

  it('the push sent at shipping (no receipt yet) leaves the order shipped', async () => {
    const u = await login(uniq('wxrcv'));
    const id = await shippedOrder(u.token);
    const r = await push(id, signed(), false);
    expect([r.status, r.body]).toEqual([200, 'success']);
    expect((await call('GET', `/orders/${id}`, { token: u.token })).body.status).toBe('shipped');
  });

  it('takes the order to received by the buyer confirm path, once; a repeat changes nothing', async () => {
    const u = await login(uniq('wxrcv'));
    const id = await shippedOrder(u.token);
    const first = await push(id);
    expect([first.status, first.body]).toEqual([200, 'success']);
    const o = (await call('GET', `/orders/${id}`, { token: u.token })).body;
    expect(o).toMatchObject({ status: 'received', receivedAt: expect.any(String), completesAt: expect.any(String) });
    expect((await push(id)).status).toBe(200);
    expect((await call('GET', `/orders/${id}`, { token: u.token })).body.receivedAt).toBe(o.receivedAt);
    // Our own confirm afterwards is refused as the order already moved on.
    const ours = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {} });
    expect(ours.body.error?.code).toBe('invalid_status');
  });

  it('a push whose signature does not verify is refused and changes nothing; the URL check echoes', async () => {
    const u = await login(uniq('wxrcv'));
    const id = await shippedOrder(u.token);
    const bad = await push(id, signed().replace(/signature=[0-9a-f]{4}/, 'signature=0000'));
    expect(bad.status).toBe(400);
    expect((await call('GET', `/orders/${id}`, { token: u.token })).body.status).toBe('shipped');
    const check = await call('GET', `/wechat/message?${signed()}&echostr=hello123`);
    expect([check.status, check.body]).toEqual([200, 'hello123']);
  });
});
