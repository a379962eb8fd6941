// complete-due on a private table (it completes every due order, so on the shared table it would
// complete other suites' orders too): auto-confirm after autoConfirmDays, completion at the
// window's end, one drain per run, and a return request racing the schedule on the same order.
import { dec } from '@greenpoints/shared';
import { gsi } from '../../functions/src/repo/keys';
import { fn, freshTable, login, ok, product, reconcileClean, staff } from './programme/world';
import { deps } from '../ddb-deps';

const DAY = 86400_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

let orders: Awaited<ReturnType<typeof fn.orders>>;
beforeAll(async () => {
  await freshTable('due');
  await product('due-100', '100.00', '30.00', '0.00');
  await ok('upsert-product', {
    productId: 'due-fresh',
    name: '鲜果',
    price: '100.00',
    poolContribution: '30.00',
    stock: 1000,
    noReasonReturn: false,
  });
  orders = await fn.orders();
});

let n = 0;
async function shipped(userId: string, productId = 'due-100'): Promise<string> {
  const key = `kdue${++n}`;
  const r = await orders.createOrder(
    deps,
    userId,
    { userId, key, hash: key },
    {
      items: [{ productId, qty: 1 }],
      payWith: 'wechat',
      address: { region: '浙江省杭州市西湖区', detail: '1 号', phone: '13800138000' },
    },
  );
  const id = (r.body as { orderId: string }).orderId;
  await orders.markPaid(deps, id, { userId });
  await ok('ship-order', { orderId: id, carrier: '顺丰速运', trackingNo: `SF${n}0000` });
  return id;
}
async function received(userId: string): Promise<string> {
  const id = await shipped(userId);
  const key = `kconf${++n}`;
  const c = await orders.confirmOrder(deps, userId, id, { userId, key, hash: key });
  expect((c.body as { status: string }).status).toBe('received');
  return id;
}
const status = async (id: string) => (await (await fn.repo()).getOrder(id))?.status;

it('auto-confirms after autoConfirmDays, completes at the window end, all in one drain per run', async () => {
  const applier = await import('../../functions/src/domain/wallet/applier');
  const drains = jest.spyOn(applier, 'drain');
  const u = await login('due-a');
  const inWindow = await received(u);
  const waiting = await shipped(u); // never confirmed by the buyer
  const fresh = await shipped(u, 'due-fresh');

  // Before anything is due: nothing moves, nothing is drained.
  const none = await ok('complete-due', { now: at(DAY) });
  expect(none.completed).toEqual([]);
  expect(none.received).toEqual([]);
  expect(drains).not.toHaveBeenCalled();

  // Day 11: the window of inWindow (7 days) closed; waiting and fresh were shipped 10+ days ago.
  const day11 = await ok('complete-due', { now: at(11 * DAY) });
  expect(drains).toHaveBeenCalledTimes(1);
  expect(day11.received).toEqual([waiting]);
  const done = Object.fromEntries(
    day11.completed.map((c: { orderId: string; status: string }) => [c.orderId, c.status]),
  );
  expect(done).toEqual({ [inWindow]: 'completed', [fresh]: 'completed' });
  expect(await status(waiting)).toBe('received');
  // Receipt by itself dates from shipping + autoConfirmDays, so its window ends 17 days after shipping.
  const w = (await (await fn.repo()).getOrder(waiting))!;
  expect(Date.parse(w.completesAt!) - Date.parse(w.shippedAt!)).toBe(17 * DAY);

  const day18 = await ok('complete-due', { now: at(18 * DAY) });
  expect(drains).toHaveBeenCalledTimes(2);
  expect(
    day18.completed
      .filter((c: { status: string }) => c.status === 'completed')
      .map((c: { orderId: string }) => c.orderId),
  ).toEqual([waiting]);
  const wal = await (await fn.repo()).getWallet(u);
  expect(dec(wal.wallet.quota).toFixed(2)).toBe('600.00');
  // Nothing left: a run later completes nothing and drains nothing.
  expect((await ok('complete-due', { now: at(19 * DAY) })).completed).toEqual([]);
  expect(drains).toHaveBeenCalledTimes(2);
  drains.mockRestore();
  expect(await reconcileClean()).toEqual([]);
});

it('a return request racing complete-due on the same order: exactly one wins, nothing lost or doubled', async () => {
  const { getPool, getParams } = await fn.repo();
  const { requestAfterSale } = await import('../../functions/src/domain/orders/after-sale');
  const u = await login('due-race');
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push(await received(u));
  const seq0 = (await getPool((await getParams()).params)).seq;
  const outcomes = await Promise.all(
    ids.map(async (id, i) => {
      const key = `krace${i}`;
      const [req, due] = await Promise.all([
        requestAfterSale(
          deps,
          u,
          id,
          { userId: u, key, hash: key },
          {
            kind: 'return',
            items: [{ productId: 'due-100', qty: 1 }],
            reason: '七天无理由',
          },
        ).then(
          (r) => ({ ok: true, body: r.body as { requestId: string } }),
          (e: { code?: string }) => ({ ok: false, code: e.code }),
        ),
        staff('complete-due', { now: at(8 * DAY), orderIds: [id] }),
      ]);
      return { id, req, due };
    }),
  );
  let completions = 0;
  for (const o of outcomes) {
    const s = await status(o.id);
    const completed = o.due.result.completed[0].status === 'completed';
    // exactly one of the two won
    expect(o.req.ok !== completed).toBe(true);
    if (completed) {
      completions++;
      expect(s).toBe('completed');
      expect(['after_sale_closed', 'invalid_status']).toContain((o.req as { code: string }).code);
    } else {
      expect(s).toBe('after_sale');
      expect(o.due.result.completed[0].status).toBe('skipped');
    }
  }
  // One pool event per completion, none for a held order.
  expect((await getPool((await getParams()).params)).seq - seq0).toBe(completions);
  const { queryAll, scanAll } = await fn.ddb();
  expect((await scanAll()).filter((i) => i.type === 'queued')).toEqual([]); // nothing left in the pool's queue
  const requests = (await queryAll({ pk: gsi.afterSales('requested'), index: 'GSI1' })).length;
  expect(requests).toBe(ids.length - completions);
  expect(await reconcileClean()).toEqual([]);
});
