// Orders, after-sale requests, addresses and profiles on the in-memory stores (test/doubles/memory-orders.ts,
// memory-common.ts): the flows that need no pool applier, asserted on the stored state
// (stock, statuses, queues, wallets, ledger rows, keys). The DynamoDB Local suites
// (test/integration/shop, refunds, after-sale, idempotency …) stay the proof.
import {
  dec,
  defaultParams,
  emptyPool,
  emptyWallet,
  isRuleError,
  orderPoints,
  redemptionCost,
  type Wallet,
} from '@greenpoints/shared';
import type { Deps } from '../src/domain/deps';
import type { CommonState } from './doubles/memory-common';
import type { OrderAreaState } from './doubles/memory-orders';
import { memoryDeps, memoryState, type MemoryState } from './doubles/world';
import { completeDue, confirmOrder } from '../src/domain/orders/completion';
import { createOrder } from '../src/domain/orders/create';
import { markPaid, shipOrder } from '../src/domain/orders/payment';
import { refundOrder } from '../src/domain/orders/refund';
import { receiveReturn, requestAfterSale, reviewAfterSale, shipBack } from '../src/domain/orders/after-sale';
import { addAddress, deleteAddress, listAddresses, orderAddress, updateAddress } from '../src/domain/shop/addresses';
import { getProfile, updateProfile } from '../src/domain/shop/profile';
import { readIdem, type Idem } from '../src/domain/idempotency';
import { DomainError, IdempotencyRace } from '../src/domain/errors';
import type { Product } from '../src/domain/model';

let st: MemoryState;
let common: CommonState;
let area: OrderAreaState;
let deps: Deps;

const product = (productId: string, stock: number, over: Partial<Product> = {}): Product => ({
  productId,
  name: `商品 ${productId}`,
  price: '100.00',
  poolContribution: '30.00',
  dividendContribution: '5.00',
  stock,
  image: '',
  active: true,
  noReasonReturn: true,
  ...over,
});

// Off the local stage, notices are not sent (no template): nothing reaches for DynamoDB. The
// WeChat tests below turn the stage on for the payment sandbox.
const stage = process.env.STAGE;
beforeEach(() => {
  delete process.env.STAGE;
  st = memoryState();
  common = st;
  area = st.orderArea;
  deps = memoryDeps(st);
  common.users.set('u1', { userId: 'u1', openId: 'o-u1', role: 'user', nickname: '买家', createdAt: '2026-01-01' });
  common.users.set('u2', { userId: 'u2', openId: 'o-u2', role: 'user', nickname: '别人', createdAt: '2026-01-01' });
  setWallet('u1', { constant: '500.00', storeCredit: '100.00', equity: '1000' });
  area.products.set('p1', product('p1', 5));
  area.products.set('p2', product('p2', 5, { price: '40.00', poolContribution: '10.00', noReasonReturn: false }));
});
afterAll(() => {
  if (stage === undefined) delete process.env.STAGE;
  else process.env.STAGE = stage;
});

function setWallet(u: string, w: Partial<Wallet>) {
  common.wallets.set(u, { wallet: { ...emptyWallet(), ...w }, version: 1 });
}
const wallet = (u: string): Wallet => common.wallets.get(u)?.wallet ?? emptyWallet();
const stock = (pid: string) => area.products.get(pid)!.stock;
const order = (id: string) => area.orders.get(id)!;
const ledgerOf = (eventId: string) => [...common.ledger.values()].filter((r) => r.eventId === eventId);
let keyN = 0;
const idem = (u = 'u1'): Idem => ({ userId: u, key: `k${++keyN}`, hash: `h${keyN}` });
const address = { region: '浙江省 杭州市 西湖区', detail: '文三路 1 号' };
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof DomainError || isRuleError(e) ? e.code : (e as Error).name),
  );

async function buy(payWith: 'constant' | 'storeCredit' | 'equity' | 'wechat', qty = 1, pid = 'p1') {
  const r = await createOrder(deps, 'u1', idem(), { items: [{ productId: pid, qty }], payWith, address });
  return (r.body as { orderId: string }).orderId;
}

describe('create', () => {
  it('a constant order takes the stock, debits the wallet with one ledger row and claims the key', async () => {
    const k = idem();
    const r = await createOrder(deps, 'u1', k, { items: [{ productId: 'p1', qty: 2 }], payWith: 'constant', address });
    const body = r.body as { orderId: string; status: string; amount: string };
    expect(r.status).toBe(201);
    expect(body).toMatchObject({ status: 'paid', amount: '200.00' });
    expect(stock('p1')).toBe(3);
    expect(wallet('u1').constant).toBe('300.00');
    const rows = ledgerOf(`${body.orderId}:pay`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: 'u1', field: 'constant', kind: 'spend', ref: { orderId: body.orderId } });
    expect(dec(rows[0]!.delta).eq(-200)).toBe(true);
    expect(order(body.orderId)).toMatchObject({ status: 'paid', contribution: '60.00', dividendContribution: '10.00' });
    expect(await readIdem(deps, 'u1', k.key)).toEqual({
      hash: k.hash,
      status: 'done',
      response: { status: 201, body },
    });
  });

  it('lines of one product are merged; an unknown product and more than 999 are refused', async () => {
    const r = await createOrder(deps, 'u1', idem(), {
      items: [
        { productId: 'p1', qty: 1 },
        { productId: 'p1', qty: 2 },
      ],
      payWith: 'constant',
      address,
    });
    expect(order((r.body as { orderId: string }).orderId).items).toEqual([expect.objectContaining({ qty: 3 })]);
    expect(stock('p1')).toBe(2);
    const bad = (productId: string, qty: number) =>
      code(createOrder(deps, 'u1', idem(), { items: [{ productId, qty }], payWith: 'constant', address }));
    expect(await bad('nope', 1)).toBe('product_not_found');
    expect(await bad('p1', 1000)).toBe('invalid_request');
    expect(area.orders.size).toBe(1);
  });

  it('an oversell is refused with out_of_stock and changes nothing', async () => {
    const k = idem();
    setWallet('u1', { constant: '1000.00' });
    const before = structuredClone(wallet('u1'));
    expect(
      await code(createOrder(deps, 'u1', k, { items: [{ productId: 'p1', qty: 6 }], payWith: 'constant', address })),
    ).toBe('out_of_stock');
    expect(stock('p1')).toBe(5);
    expect(wallet('u1')).toEqual(before);
    expect(area.orders.size).toBe(0);
    expect(common.ledger.size).toBe(0);
    expect(await readIdem(deps, 'u1', k.key)).toBeUndefined();
  });

  it('concurrent orders for the last units: one wins, the others are out of stock, nothing doubled', async () => {
    area.products.get('p1')!.stock = 3;
    const tries = await Promise.all(
      [1, 2, 3].map(() =>
        code(createOrder(deps, 'u1', idem(), { items: [{ productId: 'p1', qty: 2 }], payWith: 'constant', address })),
      ),
    );
    expect(tries.sort()).toEqual(['out_of_stock', 'out_of_stock', 'resolved']);
    expect(stock('p1')).toBe(1);
    expect(wallet('u1').constant).toBe('300.00');
    expect(area.orders.size).toBe(1);
  });

  it('a replayed key makes no second order: the race is named, the stored answer is the first', async () => {
    const k = idem();
    const req = { items: [{ productId: 'p1', qty: 1 }], payWith: 'constant' as const, address };
    const [a, b] = await Promise.allSettled([createOrder(deps, 'u1', k, req), createOrder(deps, 'u1', k, req)]);
    const won = [a, b].filter((x) => x.status === 'fulfilled');
    const lost = [a, b].filter((x): x is PromiseRejectedResult => x.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(IdempotencyRace);
    await expect(createOrder(deps, 'u1', k, req)).rejects.toBeInstanceOf(IdempotencyRace);
    expect(area.orders.size).toBe(1);
    expect(stock('p1')).toBe(4);
    expect(wallet('u1').constant).toBe('400.00');
    expect((await readIdem(deps, 'u1', k.key))?.response?.body).toEqual(
      (won[0] as PromiseFulfilledResult<{ body: unknown }>).value.body,
    );
  });
});

describe('tenders without the pool', () => {
  it('store credit is debited; too little is refused and nothing is taken', async () => {
    await buy('storeCredit');
    expect(wallet('u1').storeCredit).toBe('0.00');
    expect(stock('p1')).toBe(4);
    expect(await code(buy('storeCredit'))).toBe('insufficient_store_credit');
    expect(stock('p1')).toBe(4);
    expect(area.orders.size).toBe(1);
  });

  it('equity holds the points at the live price; a refund gives them back with the stock', async () => {
    const cost = redemptionCost(emptyPool(defaultParams), '100.00');
    const id = await buy('equity');
    expect(order(id)).toMatchObject({ status: 'paid', pointsCost: cost, contribution: '0.00' });
    expect(dec(wallet('u1').equity).eq(dec('1000').minus(cost))).toBe(true);
    expect(dec(wallet('u1').equityHeld).eq(cost)).toBe(true);
    const r = await refundOrder(deps, 'u1', id, idem());
    expect(r.body).toEqual({ orderId: id, status: 'refunded' });
    expect(wallet('u1')).toMatchObject({ equity: '1000', equityHeld: '0' });
    expect(stock('p1')).toBe(5);
    expect(ledgerOf(`${id}:refund`).map((l) => l.kind)).toEqual(['unhold', 'unhold']);
  });

  const sandbox = () => (process.env.STAGE = 'local');
  it('WeChat: created with pay parameters, paid once by the notice, refunded through the sandbox', async () => {
    sandbox();
    const id = await buy('wechat');
    expect(order(id).status).toBe('created');
    expect(wallet('u1').constant).toBe('500.00');
    expect(stock('p1')).toBe(4);
    expect(await code(markPaid(deps, id, { transactionId: 'wx1', amount: '99.00' }))).toBe('amount_mismatch');
    expect(await markPaid(deps, id, { transactionId: 'wx1', amount: '100.00' })).toEqual({
      orderId: id,
      status: 'paid',
    });
    expect(await markPaid(deps, id, { transactionId: 'wx1', amount: '100.00' })).toEqual({
      orderId: id,
      status: 'paid',
    });
    expect(order(id)).toMatchObject({ status: 'paid', transactionId: 'wx1' });
    const k = idem();
    const r = await refundOrder(deps, 'u1', id, k);
    expect(r).toMatchObject({ status: 200, final: true });
    expect(order(id)).toMatchObject({ status: 'refunded', refundId: `R${id}`, refundFrom: 'paid' });
    expect(JSON.parse(order(id).refundDetail!)).toMatchObject({ status: 'SUCCESS' });
    expect(stock('p1')).toBe(5);
    expect(await readIdem(deps, 'u1', k.key)).toMatchObject({ status: 'pending', eventId: `R${id}` });
  });

  it('WeChat: an unpaid order is cancelled (closed at WeChat) and its stock comes back', async () => {
    sandbox();
    const id = await buy('wechat', 2);
    expect(stock('p1')).toBe(3);
    await refundOrder(deps, 'u1', id, idem());
    expect(order(id).status).toBe('refunded');
    expect(order(id).paidAt).toBeUndefined();
    expect(stock('p1')).toBe(5);
  });

  it('WeChat: a payment that reaches a cancelled order is refunded once, with a system audit entry', async () => {
    sandbox();
    const id = await buy('wechat');
    await refundOrder(deps, 'u1', id, idem());
    const notice = { transactionId: 'wx9', amount: '100.00', paidAt: new Date().toISOString() };
    expect(await markPaid(deps, id, notice)).toEqual({ orderId: id, status: 'refunded' });
    expect(JSON.parse(order(id).latePayment!)).toMatchObject({
      transactionId: 'wx9',
      refundId: `R${id}`,
      refundStatus: 'SUCCESS',
    });
    expect(st.audit).toEqual([expect.objectContaining({ fn: 'late-payment-refund', ok: true })]);
    // WeChat repeats the notice: settled, nothing asked or written again.
    expect(await markPaid(deps, id, notice)).toEqual({ orderId: id, status: 'refunded' });
    expect(st.audit).toHaveLength(1);
    expect(await code(markPaid(deps, id, { ...notice, transactionId: 'wx10' }))).toBe('invalid_status');
    expect(stock('p1')).toBe(5);
  });
});

describe('ship, receive, cancel', () => {
  it('ship queues the order for auto-confirm; receipt opens the window and moves it to the DUE queue', async () => {
    const id = await buy('constant');
    expect(await code(confirmOrder(deps, 'u1', id, idem()))).toBe('invalid_status');
    const s = await shipOrder(deps, id, { carrier: '顺丰', trackingNo: 'SF1' });
    expect(order(id)).toMatchObject({ status: 'shipped', carrier: '顺丰', trackingNo: 'SF1' });
    expect([...area.shipped.entries()]).toEqual([[`${s.shippedAt}#${id}`, id]]);
    expect(await code(shipOrder(deps, id, { carrier: '顺丰', trackingNo: 'SF2' }))).toBe('invalid_status');
    expect(await code(confirmOrder(deps, 'u2', id, idem('u2')))).toBe('not_found');
    const r = await confirmOrder(deps, 'u1', id, idem());
    const body = r.body as { status: string; receivedAt: string; completesAt: string; pointsEstimate: string };
    expect(body.status).toBe('received');
    expect(Date.parse(body.completesAt) - Date.parse(body.receivedAt)).toBe(defaultParams.afterSaleDays * 86400_000);
    expect(body.pointsEstimate).toBe(orderPoints(emptyPool(defaultParams), defaultParams, '30.00'));
    expect(order(id)).toMatchObject({ status: 'received', completesAt: body.completesAt });
    expect(area.shipped.size).toBe(0);
    expect([...area.due.keys()]).toEqual([`${body.completesAt}#${id}`]);
    expect(await code(refundOrder(deps, 'u1', id, idem()))).toBe('invalid_status');
  });

  it('complete-due confirms receipt of orders shipped autoConfirmDays ago (window still open: no pool event)', async () => {
    const a = await buy('constant');
    const b = await buy('constant');
    const sa = await shipOrder(deps, a, { carrier: '顺丰', trackingNo: 'SF1' });
    const sb = await shipOrder(deps, b, { carrier: '顺丰', trackingNo: 'SF2' });
    // b was shipped a day later.
    const later = new Date(Date.parse(sb.shippedAt) + 86400_000).toISOString();
    area.shipped.delete(`${sb.shippedAt}#${b}`);
    area.shipped.set(`${later}#${b}`, b);
    area.orders.get(b)!.shippedAt = later;
    const days = defaultParams.autoConfirmDays * 86400_000;
    const now = new Date(Date.parse(sa.shippedAt) + days + 3600_000).toISOString();
    const run = await completeDue(deps, { now, max: 10 });
    expect(run).toEqual({ now, received: [a], completed: [] });
    const receivedAt = new Date(Date.parse(sa.shippedAt) + days).toISOString();
    expect(order(a)).toMatchObject({ status: 'received', receivedAt });
    expect([...area.due.values()]).toEqual([a]);
    expect(order(b).status).toBe('shipped');
    expect([...area.shipped.values()]).toEqual([b]);
    const named = await completeDue(deps, { now, max: 10, orderIds: [b] });
    expect(named.completed).toEqual([
      { orderId: b, status: 'skipped', error: expect.objectContaining({ code: 'not_due' }) },
    ]);
    expect(order(b).status).toBe('shipped');
  });

  it('a shipped constant order is refunded: money, stock and the queue entry back, ledger written', async () => {
    const id = await buy('constant', 2);
    await shipOrder(deps, id, { carrier: '顺丰', trackingNo: 'SF1' });
    const k = idem();
    await refundOrder(deps, 'u1', id, k);
    expect(order(id)).toMatchObject({ status: 'refunded' });
    expect(wallet('u1').constant).toBe('500.00');
    expect(stock('p1')).toBe(5);
    expect(area.shipped.size).toBe(0);
    const rows = ledgerOf(`${id}:refund`);
    expect(rows.map((r) => [r.field, r.kind])).toEqual([['constant', 'refund_spend']]);
    expect(dec(rows[0]!.delta).eq(200)).toBe(true);
    expect(await readIdem(deps, 'u1', k.key)).toMatchObject({ status: 'done', response: { status: 200 } });
    expect(await code(refundOrder(deps, 'u1', id, idem()))).toBe('invalid_status');
    expect(await code(refundOrder(deps, 'u2', id, idem('u2')))).toBe('not_found');
    expect(wallet('u1').constant).toBe('500.00');
  });
});

describe('after-sale', () => {
  async function received(qty = 2) {
    const id = await buy('constant', qty);
    await shipOrder(deps, id, { carrier: '顺丰', trackingNo: 'SF1' });
    await confirmOrder(deps, 'u1', id, idem());
    return id;
  }
  const ask = (id: string, kind: 'return' | 'refund_only', qty = 1) =>
    requestAfterSale(deps, 'u1', id, idem(), { kind, items: [{ productId: 'p1', qty }], reason: '尺码不合适' });
  const rid = (r: { body: unknown }) => (r.body as { requestId: string }).requestId;

  it('a return: requested (order held, out of DUE), approved, shipped back, received: money and stock back', async () => {
    const id = await received();
    const completesAt = order(id).completesAt!;
    const r = await ask(id, 'return');
    const requestId = rid(r);
    expect(r.body).toMatchObject({ status: 'requested', amount: '100.00' });
    expect(order(id)).toMatchObject({ status: 'after_sale', openRequestId: requestId });
    expect(JSON.parse(order(id).afterSale!)).toEqual([requestId]);
    expect(area.due.size).toBe(0);
    expect(await code(ask(id, 'return'))).toBe('after_sale_open');
    expect(await reviewAfterSale(deps, requestId, true, '同意退货', 'staff1')).toMatchObject({ status: 'approved' });
    await shipBack(deps, 'u1', requestId, idem(), { carrier: '中通', trackingNo: 'ZT1' });
    expect(area.afterSales.get(requestId)).toMatchObject({ status: 'returning', trackingNo: 'ZT1' });
    expect(await receiveReturn(deps, requestId, 'staff1')).toMatchObject({ status: 'refunded', amount: '100.00' });
    const req = area.afterSales.get(requestId)!;
    expect(req.history.map((h) => h.status)).toEqual(['requested', 'approved', 'returning', 'refunded']);
    expect(wallet('u1').constant).toBe('400.00');
    expect(stock('p1')).toBe(4);
    const o = order(id);
    expect(o).toMatchObject({ status: 'received', refundedAmount: '100.00' });
    expect(o.openRequestId).toBeUndefined();
    expect(o.items[0]!.returnedQty).toBe(1);
    expect([...area.due.keys()]).toEqual([`${completesAt}#${id}`]);
    expect(ledgerOf(`${requestId}:refund`).map((l) => l.kind)).toEqual(['refund_spend']);
    // Only one unit is left to return.
    expect(await code(ask(id, 'return', 2))).toBe('quantity_exceeded');
  });

  it('refused: the order goes back into its window; a refund alone pays at once and keeps the stock', async () => {
    const id = await received();
    const first = rid(await ask(id, 'refund_only'));
    await reviewAfterSale(deps, first, false, '不符合条件', 'staff1');
    expect(area.afterSales.get(first)).toMatchObject({ status: 'refused', note: '不符合条件' });
    expect(order(id).status).toBe('received');
    expect(area.due.size).toBe(1);
    expect(wallet('u1').constant).toBe('300.00');
    const second = rid(await ask(id, 'refund_only', 2));
    expect(await reviewAfterSale(deps, second, true, '同意', 'staff1')).toMatchObject({
      status: 'refunded',
      amount: '200.00',
    });
    // Nothing kept: the order ends refunded, leaves the DUE queue for good, stock stays out.
    expect(order(id)).toMatchObject({ status: 'refunded', refundedAmount: '200.00' });
    expect(area.due.size).toBe(0);
    expect(wallet('u1').constant).toBe('500.00');
    expect(stock('p1')).toBe(3);
    expect(JSON.parse(order(id).afterSale!)).toEqual([first, second]);
  });

  it('exempt goods cannot be returned without a reason; a request outside the window is refused', async () => {
    const id = await buy('constant', 1, 'p2');
    await shipOrder(deps, id, { carrier: '顺丰', trackingNo: 'SF1' });
    area.orders.set(id, { ...order(id), status: 'received', completesAt: '2099-01-01T00:00:00.000Z' });
    expect(
      await code(
        requestAfterSale(deps, 'u1', id, idem(), { kind: 'return', items: [{ productId: 'p2', qty: 1 }], reason: 'x' }),
      ),
    ).toBe('not_returnable');
    area.orders.set(id, { ...order(id), completesAt: '2000-01-01T00:00:00.000Z' });
    expect(
      await code(
        requestAfterSale(deps, 'u1', id, idem(), {
          kind: 'refund_only',
          items: [{ productId: 'p2', qty: 1 }],
          reason: 'x',
        }),
      ),
    ).toBe('after_sale_closed');
    expect(area.afterSales.size).toBe(0);
  });
});

describe('addresses and profile', () => {
  const input = (name: string, isDefault?: boolean) => ({
    name,
    phone: '13800138000',
    regionCode: '440305',
    detail: '科技园 1 号',
    ...(isDefault === undefined ? {} : { isDefault }),
  });

  it('exactly one default: the first, then the one ticked; deleting it moves the default', async () => {
    const a = (await addAddress(deps, 'u1', idem(), input('张三'))).body;
    expect(a.isDefault).toBe(true);
    const k = idem();
    const b = (await addAddress(deps, 'u1', k, input('李四', true))).body;
    await expect(addAddress(deps, 'u1', k, input('李四', true))).rejects.toBeInstanceOf(IdempotencyRace);
    let book = await listAddresses(deps, 'u1');
    expect(book.addresses).toHaveLength(2);
    expect(book.defaultId).toBe(b.addressId);
    expect(book.addresses.filter((x) => x.isDefault)).toHaveLength(1);
    expect(area.addresses.get('u1')!.version).toBe(2);
    await updateAddress(deps, 'u1', a.addressId, input('张三丰'));
    expect((await listAddresses(deps, 'u1')).defaultId).toBe(b.addressId);
    expect(await deleteAddress(deps, 'u1', b.addressId)).toEqual({ deleted: b.addressId, defaultId: a.addressId });
    book = await listAddresses(deps, 'u1');
    expect(book.addresses.map((x) => [x.name, x.isDefault])).toEqual([['张三丰', true]]);
    expect(await orderAddress(deps, 'u1', { addressId: a.addressId })).toEqual({
      addressId: a.addressId,
      name: '张三丰',
      phone: '13800138000',
      regionCode: '440305',
      region: expect.any(String),
      detail: '科技园 1 号',
    });
    expect(await code(updateAddress(deps, 'u1', 'nope', input('x')))).toBe('address_not_found');
    expect(await code(addAddress(deps, 'u1', idem(), { ...input('x'), phone: '123' }))).toBe('invalid_phone');
  });

  it('a full book is refused; a concurrent edit loses on the version', async () => {
    for (let i = 0; i < 20; i++) await addAddress(deps, 'u1', idem(), input(`人${i}`));
    expect(await code(addAddress(deps, 'u1', idem(), input('多一个')))).toBe('address_book_full');
    const { addresses } = await listAddresses(deps, 'u1');
    const tries = await Promise.all(addresses.slice(0, 2).map((x) => code(deleteAddress(deps, 'u1', x.addressId))));
    expect(tries.sort()).toEqual(['conflict', 'resolved']);
    expect(area.addresses.get('u1')!.list).toHaveLength(19);
  });

  it('profile: nickname and avatar of an existing user only', async () => {
    expect(await updateProfile(deps, 'u1', { nickname: ' 小明 ' })).toEqual({
      userId: 'u1',
      nickname: '小明',
      avatar: '',
    });
    expect(common.users.get('u1')!.nickname).toBe('小明');
    expect(await code(updateProfile(deps, 'u1', { avatar: 'http://x' }))).toBe('invalid_avatar');
    expect(await code(updateProfile(deps, 'ghost', { nickname: '鬼' }))).toBe('conflict');
    expect(await code(getProfile(deps, 'ghost'))).toBe('not_found');
  });
});
