// Shipping reported to WeChat (issue 18 item 2): ship-order of a WeChat-paid order uploads the
// parcel; a failed upload never blocks shipping: it is queued, retried by the schedule, and
// listed for staff.
import { call, login, staff, uniq } from './helpers';
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
