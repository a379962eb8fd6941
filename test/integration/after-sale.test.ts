// The after-sale window (docs/rules.md "After-sale") over HTTP on the shared stack: receipt opens the
// window, complete-due (for these orders only, with the local stand-in clock) completes at its
// end; returns and refunds inside it, by every tender; the operator's queries and their CSV.
// Staff functions run in-process, so a scripted WeChat answers their refunds.
import { dec, truncate, orderPoints } from '@greenpoints/shared';
import {
  call,
  login,
  shippedOrder,
  completedOrder,
  completeNow,
  staff,
  uniq,
  ADDRESS,
  ADDRESS_REGION,
  PARCEL,
} from './helpers';
import { AdapterError, sandboxSent, setLocalWeChatPay } from '../../functions/src/adapters/wechat';
import { scriptedWeChat } from './scripted-wechat';
import { getItem } from '../../functions/src/repo/ddb';
import { keys } from '../../functions/src/repo/keys';
import { getParams, getPool } from '../../functions/src/repo/repository';

const D = (s: string) => dec(s);
const DAY = 86400_000;

afterEach(() => setLocalWeChatPay(undefined));

async function clean() {
  const r = await staff('reconcile');
  expect(r.result.problems).toEqual([]);
}

let mixed = ''; // two products of this file only: its stock checks are its own
let fresh = '';
beforeAll(async () => {
  mixed = uniq('as-');
  fresh = uniq('asfresh-');
  for (const [productId, noReasonReturn] of [
    [mixed, true],
    [fresh, false],
  ] as const) {
    const up = await staff('upsert-product', {
      productId,
      name: noReasonReturn ? '售后测试' : '鲜果测试',
      price: '100.00',
      poolContribution: '30.00',
      dividendContribution: '1.00',
      stock: 100,
      noReasonReturn,
    });
    expect(up.ok).toBe(true);
  }
});

const stockOf = async (pid: string) =>
  (await call('GET', '/products')).body.find((p: { productId: string }) => p.productId === pid).stock as number;

async function buy(token: string, items: Array<{ productId: string; qty: number }>, payWith = 'wechat') {
  const o = await call('POST', '/orders', { token, body: { items, payWith, address: ADDRESS } });
  expect(o.status).toBe(201);
  if (o.body.status === 'created')
    expect((await call('POST', `/orders/${o.body.orderId}/pay`, { token, body: {}, key: null })).status).toBe(200);
  expect((await staff('ship-order', { orderId: o.body.orderId, ...PARCEL })).ok).toBe(true);
  return o.body.orderId as string;
}

const dueAt = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

describe('the window', () => {
  it('receipt opens it for afterSaleDays; complete-due completes at its end and not before', async () => {
    const u = await login(uniq('win'));
    const id = await shippedOrder(u.token, mixed, 1);
    const shipped = (await call('GET', `/orders/${id}`, { token: u.token })).body;
    expect(shipped).toMatchObject({ status: 'shipped', ...PARCEL }); // the buyer sees the parcel
    const c = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {} });
    expect(c.status).toBe(200);
    expect(Object.keys(c.body).sort()).toEqual(['completesAt', 'orderId', 'pointsEstimate', 'receivedAt', 'status']);
    expect(c.body.status).toBe('received');
    const { params } = await getParams(true);
    expect(params.afterSaleDays).toBe(7);
    expect(Date.parse(c.body.completesAt) - Date.parse(c.body.receivedAt)).toBe(7 * DAY);
    expect(D(c.body.pointsEstimate).gt(0)).toBe(true);
    const seen = (await call('GET', `/orders/${id}`, { token: u.token })).body;
    expect(seen).toMatchObject({ status: 'received', completesAt: c.body.completesAt });
    expect(seen.pointsEstimate).toBeDefined();
    expect((await call('GET', '/wallet', { token: u.token })).body.equity).toBe('0');

    for (const now of [new Date().toISOString(), dueAt(c.body.completesAt, -1000)]) {
      const early = await staff('complete-due', { now, orderIds: [id] });
      expect(early.result.completed).toEqual([expect.objectContaining({ orderId: id, status: 'skipped' })]);
      expect(early.result.completed[0].error.code).toBe('not_due');
    }
    expect((await call('GET', `/orders/${id}`, { token: u.token })).body.status).toBe('received');

    const before = await getPool((await getParams()).params);
    const done = await completeNow(id, c.body.completesAt);
    // At the window's end, at that moment's price (docs/rules.md event 1).
    expect(done.pointsGranted).toBe(orderPoints(before, params, '30.00'));
    const w = (await call('GET', '/wallet', { token: u.token })).body;
    expect(w.equity).toBe(done.pointsGranted);
    expect(w.quota).toBe('200.00');
    // The DUE entry goes once complete-due sees the order completed; twice completes nothing.
    const again = await staff('complete-due', { now: dueAt(c.body.completesAt, 2000), orderIds: [id] });
    expect(again.result.completed[0]).toMatchObject({ orderId: id, status: 'skipped' });
    expect(await getItem(keys.due(c.body.completesAt, id))).toBeUndefined();
    expect(sandboxSent.some((m) => m.templateId === 'local-points' && m.data.number2 === done.pointsGranted)).toBe(
      true,
    );
    await clean();
  });

  it('an order of exempt goods only completes at receipt; a mixed one waits, its exempt item cannot be returned', async () => {
    const u = await login(uniq('win'));
    const a = await shippedOrder(u.token, fresh, 1);
    const c = await call('POST', `/orders/${a}/confirm`, { token: u.token, body: {} });
    expect(c.status).toBe(200);
    expect(c.body.status).toBe('completed');
    expect(D(c.body.pointsGranted).gt(0)).toBe(true);
    const late = await call('POST', `/orders/${a}/after-sale`, {
      token: u.token,
      body: { kind: 'refund_only', items: [{ productId: fresh, qty: 1 }], reason: '坏了' },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('after_sale_closed');

    const b = await buy(u.token, [
      { productId: fresh, qty: 1 },
      { productId: mixed, qty: 1 },
    ]);
    const cb = await call('POST', `/orders/${b}/confirm`, { token: u.token, body: {} });
    expect(cb.body.status).toBe('received');
    const no = await call('POST', `/orders/${b}/after-sale`, {
      token: u.token,
      body: { kind: 'return', items: [{ productId: fresh, qty: 1 }], reason: '不想要了' },
    });
    expect(no.status).toBe(422);
    expect(no.body.error.code).toBe('not_returnable');
    await completeNow(b, cb.body.completesAt);
    await clean();
  });
});

describe('returns and refunds', () => {
  it('partial return of a WeChat order: approved, shipped back, received, refunded in part; the kept item completes alone', async () => {
    const u = await login(uniq('ret'));
    const id = await buy(u.token, [{ productId: mixed, qty: 2 }]);
    const c = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {} });
    const s0 = await stockOf(mixed);
    const r = await call('POST', `/orders/${id}/after-sale`, {
      token: u.token,
      body: { kind: 'return', items: [{ productId: mixed, qty: 1 }], reason: '尺寸不合适' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'requested', amount: '100.00' });
    const rid = r.body.requestId;
    // one open request per order
    const second = await call('POST', `/orders/${id}/after-sale`, {
      token: u.token,
      body: { kind: 'return', items: [{ productId: mixed, qty: 1 }], reason: '再退一个' },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('after_sale_open');
    // the open request holds the order past its window
    const held = await staff('complete-due', { now: dueAt(c.body.completesAt, 1000), orderIds: [id] });
    expect(held.result.completed[0].status).toBe('skipped');
    expect((await call('GET', `/orders/${id}`, { token: u.token })).body.status).toBe('after_sale');

    // ship-back before approval is refused
    const tooSoon = await call('POST', `/after-sale/${rid}/ship-back`, {
      token: u.token,
      body: { carrier: '中通', trackingNo: 'ZT2026120100' },
    });
    expect(tooSoon.status).toBe(409);
    const ok = await staff('review-after-sale', { requestId: rid, approve: true, note: '同意退货，请寄回' });
    expect(ok.result).toMatchObject({ status: 'approved' });
    expect(sandboxSent.some((m) => m.templateId === 'local-after_sale' && m.data.phrase2 === '已同意')).toBe(true);
    const back = await call('POST', `/after-sale/${rid}/ship-back`, {
      token: u.token,
      body: { carrier: '中通', trackingNo: 'ZT2026120100' },
    });
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('returning');
    const asked = scriptedWeChat({ refund: ['SUCCESS'] }).refunds;
    const got = await staff('receive-return', { requestId: rid });
    expect(got.result).toMatchObject({ status: 'refunded', amount: '100.00' });
    expect(asked).toEqual([
      { orderId: id, refundId: `R${rid}`, amount: '100.00', total: '200.00', reason: '售后退款' },
    ]);
    expect(await stockOf(mixed)).toBe(s0 + 1);
    const view = (await call('GET', `/after-sale/${rid}`, { token: u.token })).body;
    expect(view.status).toBe('refunded');
    expect(view.shipment).toEqual(PARCEL);
    expect(view.returnShipment).toEqual({ carrier: '中通', trackingNo: 'ZT2026120100' });
    expect(view.history.map((h: { status: string }) => h.status)).toEqual([
      'requested',
      'approved',
      'returning',
      'refunding',
      'refunded',
    ]);
    const o = (await call('GET', `/orders/${id}`, { token: u.token })).body;
    expect(o).toMatchObject({ status: 'received', refundedAmount: '100.00' });
    expect(o.items[0].returnedQty).toBe(1);
    // Asking again settles nothing twice.
    expect((await staff('receive-return', { requestId: rid })).error.code).toBe('invalid_status');

    const { params } = await getParams(true);
    const before = await getPool(params);
    const done = await completeNow(id, c.body.completesAt);
    // Only the kept item: its contribution (30), its quota (2 × 100), nothing of the returned one.
    expect(done.pointsGranted).toBe(orderPoints(before, params, '30.00'));
    expect(
      D((await getPool(params)).fund)
        .minus(before.fund)
        .toFixed(2),
    ).toBe('30.00');
    expect((await call('GET', '/wallet', { token: u.token })).body.quota).toBe('200.00');
    await clean();
  });

  it('a refund alone (constant points): back on approval, no goods back, the order ends refunded', async () => {
    const u = await login(uniq('ro'));
    await completedOrder(u.token, 'rice-10kg', 20);
    const w0 = (await call('GET', '/wallet', { token: u.token })).body;
    const half = truncate(D(w0.equity).div(2), 6).toFixed();
    expect((await call('POST', '/wallet/convert', { token: u.token, body: { points: half } })).status).toBe(200);
    const id = await buy(u.token, [{ productId: mixed, qty: 1 }], 'constant');
    const w1 = (await call('GET', '/wallet', { token: u.token })).body;
    await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {} });
    const s0 = await stockOf(mixed);
    const r = await call('POST', `/orders/${id}/after-sale`, {
      token: u.token,
      body: { kind: 'refund_only', items: [{ productId: mixed, qty: 1 }], reason: '收到时已损坏' },
    });
    expect(r.status).toBe(201);
    const ok = await staff('review-after-sale', { requestId: r.body.requestId, approve: true, note: '核实破损，退款' });
    expect(ok.result).toMatchObject({ status: 'refunded', amount: '100.00' });
    const w2 = (await call('GET', '/wallet', { token: u.token })).body;
    expect(D(w2.constant).minus(w1.constant).toFixed(2)).toBe('100.00');
    expect(await stockOf(mixed)).toBe(s0);
    expect((await call('GET', `/orders/${id}`, { token: u.token })).body.status).toBe('refunded');
    const ledger = (await call('GET', '/ledger', { token: u.token })).body.entries;
    expect(ledger[0]).toMatchObject({ kind: 'refund_spend', field: 'constant', delta: '+100', orderId: id });
    await clean();
  });

  it('a refused request releases the order: a new request is possible, the window still closes it', async () => {
    const u = await login(uniq('rf'));
    const id = await shippedOrder(u.token, mixed, 1);
    const c = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {} });
    const r = await call('POST', `/orders/${id}/after-sale`, {
      token: u.token,
      body: { kind: 'return', items: [{ productId: mixed, qty: 1 }], reason: '不喜欢' },
    });
    const no = await staff('review-after-sale', {
      requestId: r.body.requestId,
      approve: false,
      note: '已使用，不符合退货条件',
    });
    expect(no.result).toMatchObject({ status: 'refused' });
    expect((await call('GET', `/orders/${id}`, { token: u.token })).body.status).toBe('received');
    expect(await getItem(keys.due(c.body.completesAt, id))).toBeDefined();
    const done = await completeNow(id, c.body.completesAt);
    expect(D(done.pointsGranted).gt(0)).toBe(true);
    await clean();
  });

  it('a request after completion is refused and changes nothing', async () => {
    const u = await login(uniq('late'));
    const done = await completedOrder(u.token, mixed, 1);
    const r = await call('POST', `/orders/${done.orderId}/after-sale`, {
      token: u.token,
      body: { kind: 'return', items: [{ productId: mixed, qty: 1 }], reason: '晚了' },
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('after_sale_closed');
    expect((await call('GET', `/orders/${done.orderId}`, { token: u.token })).body.status).toBe('completed');
    // and the old refund route refuses a completed order as before
    const rf = await call('POST', `/orders/${done.orderId}/refund`, { token: u.token, body: {} });
    expect(rf.body.error.code).toBe('invalid_status');
    await clean();
  });

  it('WeChat answers PROCESSING, then refuses, then pays: the request waits in refunding, one refund number', async () => {
    const u = await login(uniq('wx'));
    const id = await buy(u.token, [{ productId: mixed, qty: 1 }]);
    const c = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {} });
    const r = await call('POST', `/orders/${id}/after-sale`, {
      token: u.token,
      body: { kind: 'return', items: [{ productId: mixed, qty: 1 }], reason: '质量问题' },
    });
    const rid = r.body.requestId;
    await staff('review-after-sale', { requestId: rid, approve: true, note: '请寄回' });
    await call('POST', `/after-sale/${rid}/ship-back`, {
      token: u.token,
      body: { carrier: '顺丰', trackingNo: 'SF99887766' },
    });
    const s0 = await stockOf(mixed);
    const asked = scriptedWeChat({
      refund: [
        'PROCESSING',
        new AdapterError('refund_refused', 'refund HTTP 403 NOT_ENOUGH: 基本账户余额不足'),
        'SUCCESS',
      ],
    }).refunds;
    const first = await staff('receive-return', { requestId: rid });
    expect(first.result).toMatchObject({ status: 'refunding', refundId: `R${rid}` });
    expect(await stockOf(mixed)).toBe(s0); // the stock comes back with the money
    expect((await call('GET', `/orders/${id}`, { token: u.token })).body.status).toBe('after_sale');
    const second = await staff('receive-return', { requestId: rid });
    expect(second).toMatchObject({ ok: false, error: { code: 'refund_refused' } });
    const stored = await getItem(keys.afterSale(rid));
    expect(stored?.status).toBe('refunding');
    expect(JSON.parse(String(stored?.refundDetail))).toMatchObject({ code: 'refund_refused' });
    const third = await staff('receive-return', { requestId: rid });
    expect(third.result).toMatchObject({ status: 'refunded' });
    expect(new Set(asked.map((a) => a.refundId))).toEqual(new Set([`R${rid}`]));
    expect(asked).toHaveLength(3);
    expect(await stockOf(mixed)).toBe(s0 + 1);
    // Everything returned: the order ends returned; the window's end completes nothing.
    expect((await call('GET', `/orders/${id}`, { token: u.token })).body.status).toBe('returned');
    const after = await staff('complete-due', { now: dueAt(c.body.completesAt, 1000), orderIds: [id] });
    expect(after.result.completed[0].status).toBe('skipped');
    expect((await call('GET', '/wallet', { token: u.token })).body.equity).toBe('0');
    await clean();
  });

  it('a redemption returned in part: its held points come back in share, the rest burns at the end', async () => {
    const u = await login(uniq('eq'));
    await completedOrder(u.token, 'rice-10kg', 20);
    const id = await buy(u.token, [{ productId: mixed, qty: 2 }], 'equity');
    const cost = D((await call('GET', `/orders/${id}`, { token: u.token })).body.pointsCost);
    const c = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {} });
    const w0 = (await call('GET', '/wallet', { token: u.token })).body;
    const r = await call('POST', `/orders/${id}/after-sale`, {
      token: u.token,
      body: { kind: 'refund_only', items: [{ productId: mixed, qty: 1 }], reason: '少发一件' },
    });
    const ok = await staff('review-after-sale', { requestId: r.body.requestId, approve: true, note: '补退' });
    const back = D(ok.result.points);
    expect(back.eq(truncate(cost.div(2), 6))).toBe(true);
    const w1 = (await call('GET', '/wallet', { token: u.token })).body;
    expect(D(w1.equity).minus(w0.equity).eq(back)).toBe(true);
    expect(D(w0.equityHeld).minus(w1.equityHeld).eq(back)).toBe(true);
    await completeNow(id, c.body.completesAt);
    const w2 = (await call('GET', '/wallet', { token: u.token })).body;
    expect(D(w2.equityHeld).toFixed()).toBe('0');
    await clean();
  });
});

describe("the operator's queries", () => {
  it('list-orders, list-after-sale, list-withdrawals, find-user, daily-report: paged, and as CSV', async () => {
    const u = await login(uniq('ops'));
    const a = await buy(u.token, [{ productId: mixed, qty: 1 }]);
    const b = await buy(u.token, [{ productId: mixed, qty: 1 }]);
    await call('POST', `/orders/${a}/confirm`, { token: u.token, body: {} });
    await call('POST', `/orders/${b}/confirm`, { token: u.token, body: {} });
    const listed = await staff('list-orders', { status: 'received', limit: 500 });
    expect(listed.ok).toBe(true);
    const ids = listed.result.rows.map((r: { orderId: string }) => r.orderId);
    expect(ids).toEqual(expect.arrayContaining([a, b]));
    expect(listed.result.rows.find((r: { orderId: string }) => r.orderId === a)).toMatchObject({
      status: 'received',
      region: ADDRESS_REGION,
      address: ADDRESS.detail,
      trackingNo: PARCEL.trackingNo,
    });
    // paged: one a page, the cursor leads on, no row twice
    const p1 = await staff('list-orders', { status: 'received', limit: 1 });
    const p2 = await staff('list-orders', { status: 'received', limit: 1, cursor: p1.result.cursor });
    expect(p1.result.rows).toHaveLength(1);
    expect(p2.result.rows[0]?.orderId).not.toBe(p1.result.rows[0].orderId);
    const csv = await staff('list-orders', { status: 'received', limit: 500, format: 'csv' });
    const lines = csv.result.csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'orderId,userId,status,amount,payWith,items,region,address,createdAt,paidAt,shippedAt,carrier,trackingNo,completesAt,openRequestId',
    );
    expect(lines.length - 1).toBe(listed.result.rows.length);
    expect(lines.find((l: string) => l.startsWith(a))).toContain(`,${u.userId},received,100.00,wechat,`);
    // an order that moved on leaves the list
    expect(
      (await staff('list-orders', { status: 'shipped', limit: 500 })).result.rows.map((r: any) => r.orderId),
    ).not.toContain(a);

    const r = await call('POST', `/orders/${a}/after-sale`, {
      token: u.token,
      body: { kind: 'return', items: [{ productId: mixed, qty: 1 }], reason: '颜色不对, "差"' },
    });
    const req = await staff('list-after-sale', { status: 'requested', limit: 500 });
    expect(req.result.rows.find((x: any) => x.requestId === r.body.requestId)).toMatchObject({
      orderId: a,
      kind: 'return',
    });
    const reqCsv = await staff('list-after-sale', { status: 'requested', limit: 500, format: 'csv' });
    expect(reqCsv.result.csv).toContain('"颜色不对, ""差"""'); // quoted as CSV quotes
    expect(
      (await staff('list-orders', { status: 'after_sale', limit: 500 })).result.rows.map((x: any) => x.orderId),
    ).toContain(a);

    const found = await staff('find-user', { userId: u.userId });
    expect(found.result.user.userId).toBe(u.userId);
    expect(found.result.orders.map((o: { orderId: string }) => o.orderId)).toEqual(expect.arrayContaining([a, b]));
    const byOpenId = await staff('find-user', { openId: found.result.user.openId });
    expect(byOpenId.result.user.userId).toBe(u.userId);
    expect((await staff('find-user', { phone: '13800000000' })).error.code).toBe('not_found');
    expect((await staff('find-user', { userId: u.userId, phone: '13800000000' })).error.code).toBe('invalid_request');
    expect((await staff('find-user', { userId: u.userId, format: 'csv' })).result.csv).toContain(u.userId);

    const wd = await staff('list-withdrawals', { status: 'requested', limit: 5 });
    expect(wd.ok).toBe(true);
    expect(Array.isArray(wd.result.rows)).toBe(true);
    expect((await staff('list-withdrawals', { status: 'nope' })).error.code).toBe('invalid_request');

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const rep = await staff('daily-report', { date: today });
    expect(rep.ok).toBe(true);
    expect(rep.result.orders).toBeGreaterThan(0);
    expect(D(rep.result.sales).gt(0)).toBe(true);
    expect(D(rep.result.pointsIssued).gt(0)).toBe(true);
    expect(D(rep.result.priceClose).gte(rep.result.priceOpen)).toBe(true);
    const repCsv = await staff('daily-report', { date: today, format: 'csv' });
    const [head, row] = repCsv.result.csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(head.split(',')).toEqual(
      expect.arrayContaining(['sales', 'contributions', 'feesKept', 'dividends', 'priceOpen']),
    );
    expect(row.split(',')[head.split(',').indexOf('sales')]).toBe(rep.result.sales);
    const empty = await staff('daily-report', { date: '2020-01-01' });
    expect(empty.result).toMatchObject({ orders: 0, sales: '0.00', poolEvents: 0 });
    expect((await staff('daily-report', { date: '2026-13-01' })).error.code).toBe('invalid_request');
    await clean();
  });
});
