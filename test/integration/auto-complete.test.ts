// The auto-complete schedule completes every order shipped more than autoCompleteDays ago, so it
// runs on a private table: on the shared one it would also complete other suites' shipped orders
// (e.g. the order bad-inputs.test.ts keeps shipped while it checks that nothing changes).
import { dec } from '@greenpoints/shared';
import { fn, freshTable, login, ok, product } from './programme/world';

beforeAll(async () => {
  await freshTable('auto');
  await product('auto-100', '100.00', '30.00', '0.00');
});

it('auto-complete completes orders shipped longer ago than autoCompleteDays, and only those', async () => {
  const u = await login('auto-a');
  const orders = await fn.orders();
  const { getOrder } = await fn.repo();
  const key = 'kauto1';
  const created = await orders.createOrder(
    u,
    { userId: u, key, hash: key },
    {
      items: [{ productId: 'auto-100', qty: 1 }],
      payWith: 'wechat',
      address: { region: '浙江省杭州市西湖区', detail: '1 号' },
    },
  );
  const id = (created.body as { orderId: string }).orderId;
  await orders.markPaid(id, { userId: u });
  await ok('ship-order', { orderId: id });

  const early = await ok('auto-complete', { now: new Date().toISOString() });
  expect(early.completed).toEqual([]);
  expect((await getOrder(id))?.status).toBe('shipped');

  const later = new Date(Date.now() + 8 * 86400_000).toISOString();
  const r = await ok('auto-complete', { now: later });
  expect(r.completed).toHaveLength(1);
  expect(r.completed[0]).toMatchObject({ orderId: id, status: 'completed' });
  const o = await getOrder(id);
  expect(o?.status).toBe('completed');
  expect(dec(o!.pointsGranted!).gt(0)).toBe(true);
  // done: the queue is empty, a second run completes nothing
  expect((await ok('auto-complete', { now: later })).completed).toEqual([]);
});
