// GET /wallet pendingPoints (issue 18): the points estimate of ALL the caller's orders not yet
// completed, summed on the server (the app's first page stops at 20 orders).
import { dec } from '@greenpoints/shared';
import { ADDRESS, call, completedOrder, login, uniq } from './helpers';

const pending = async (token: string) => (await call('GET', '/wallet', { token })).body.pendingPoints as string;

async function paidOrder(token: string): Promise<string> {
  const o = await call('POST', '/orders', {
    token,
    body: { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat', address: ADDRESS },
  });
  expect(o.status).toBe(201);
  const p = await call('POST', `/orders/${o.body.orderId}/pay`, { token, body: {}, key: null });
  expect(p.status).toBe(200);
  return o.body.orderId;
}

it('sums every paid order not yet completed, past the first page; unpaid and completed orders add nothing', async () => {
  const u = await login(uniq('pp'));
  expect(await pending(u.token)).toBe('0');
  await completedOrder(u.token); // completed: its points are granted, not pending
  expect(await pending(u.token)).toBe('0');
  await paidOrder(u.token);
  const one = await pending(u.token);
  expect(dec(one).gt(0)).toBe(true);
  // An unpaid order (created) is not on its way to points.
  const unpaid = await call('POST', '/orders', {
    token: u.token,
    body: { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat', address: ADDRESS },
  });
  expect(unpaid.body.status).toBe('created');
  for (let i = 0; i < 20; i++) await paidOrder(u.token);
  // 21 paid orders of one product at an unchanged price: 21 times one order's estimate.
  expect(await pending(u.token)).toBe(dec(one).times(21).toFixed());
  const firstPage = await call('GET', '/orders?limit=20', { token: u.token });
  expect(firstPage.body.orders).toHaveLength(20); // what the app saw before
});
