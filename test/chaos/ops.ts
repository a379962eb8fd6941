// The table of operations the randomized test draws from. Each entry picks its arguments from
// the actor's stream and what the world knows, makes its request(s) through the retrying client
// and records them. A new operation (e.g. after-sale requests) is one more entry in USER_OPS or
// STAFF_OPS: a name, a weight and a run function; the end checks see its requests in world.recs.
import { dec, truncate } from '@greenpoints/shared';
import { retrying, send, staffRetrying, type Req, type StaffAnswer } from './client';
import type { Rng } from './rng';
import type { OrderM, Tender, World } from './world';

export const addDays = (d: string, n: number): string => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};

export interface Ctx {
  rng: Rng;
  world: World;
  user: number; // the acting user (staff: a user the action is about)
  staff: (fn: string, input: Record<string, unknown>) => Promise<StaffAnswer>;
  /** The sandbox notify of an order, signed as the local WeChat signs it. */
  notify: (o: { orderId: string; amount: string; transactionId: string }) => {
    headers: Record<string, string>;
    body: string;
  };
  /** the settlement clock: the day after `lastDay`, at noon (China time) */
  setClock: (lastDay: string) => void;
}

export interface OpDef {
  name: string;
  weight: number;
  /** false when there is nothing to do (e.g. no order to ship): another entry is drawn */
  run: (c: Ctx) => Promise<boolean>;
}

/** With the receiver's phone: the SF shipping upload to WeChat needs it. */
export const ADDRESS = { name: '张三', phone: '13800138000', regionCode: '330106', detail: '文三路 1 号' };
const me = (c: Ctx) => c.world.users[c.user]!;
const newKey = (c: Ctx) => `c${c.rng.hex(20)}`;

async function http(c: Ctx, op: string, req: Req, bad = false, expect?: number[]) {
  const result = await retrying(req, c.rng);
  c.world.recs.push({ type: 'http', op, user: c.user, req, bad, expect, result });
  if (bad) c.world.badInputs++;
  return result.final;
}

async function staff(c: Ctx, op: string, fn: string, input: Record<string, unknown>, bad = false) {
  const result = await staffRetrying((e) => c.staff(fn, e), input, c.rng);
  c.world.recs.push({ type: 'staff', op, fn, input, bad, result });
  if (bad) c.world.badInputs++;
  return result.final;
}

async function wallet(c: Ctx): Promise<Record<string, string> | undefined> {
  const r = await retrying({ method: 'GET', path: '/wallet', token: me(c).token }, c.rng);
  return r.final?.status === 200 ? r.final.body : undefined;
}

/** A part of `total` with `dp` decimals, rounded down; sometimes more than all of it. */
function partOf(c: Ctx, total: string, dp: number, overP = 0.1): string | undefined {
  const t = dec(total || '0');
  if (c.rng.chance(overP)) return t.plus(dec(1).div(10 ** dp)).toFixed(dp);
  if (t.lte(0)) return undefined;
  const frac = c.rng.pick([0.1, 0.25, 0.5, 1]);
  const v = truncate(t.times(frac), dp);
  return v.gt(0) ? v.toFixed(dp) : undefined;
}

function orderBody(c: Ctx, payWith: Tender) {
  const ps = c.world.products;
  // The last product is scarce, the one before it cheap (points and wallet tenders mostly buy that).
  const p = c.rng.chance(0.2)
    ? ps[ps.length - 1]!
    : payWith !== 'wechat' && c.rng.chance(0.6)
      ? ps[ps.length - 2]!
      : c.rng.pick(ps.slice(0, -1));
  return { items: [{ productId: p.productId, qty: 1 + c.rng.int(2) }], payWith, address: ADDRESS };
}

function noteOrder(
  c: Ctx,
  body: ReturnType<typeof orderBody>,
  ans: { orderId: string; status: string; amount: string; pointsCost?: string },
) {
  if (c.world.orders.has(ans.orderId)) return;
  const o: OrderM = {
    orderId: ans.orderId,
    userId: me(c).userId,
    payWith: body.payWith,
    amount: ans.amount,
    pointsCost: ans.pointsCost,
    lines: body.items,
    status: ans.status,
  };
  c.world.orders.set(o.orderId, o);
}

/** After a refusal: what the table says the order is now (staff or the schedule moved it). */
async function refresh(c: Ctx, o: OrderM): Promise<void> {
  const r = await retrying({ method: 'GET', path: `/orders/${o.orderId}`, token: me(c).token }, c.rng);
  if (r.final?.status === 200) o.status = r.final.body.status;
}

async function placeOrder(c: Ctx, payWith: Tender): Promise<boolean> {
  const body = orderBody(c, payWith);
  const req: Req = { method: 'POST', path: '/orders', token: me(c).token, body, key: newKey(c) };
  const a = await http(c, `order:${payWith}`, req);
  if (a?.status === 201) noteOrder(c, body, a.body);
  return true;
}

function ownOrder(c: Ctx, status: string[], payWith?: Tender): OrderM | undefined {
  const os = c.world.ordersOf(c.user, status).filter((o) => !payWith || o.payWith === payWith);
  return os.length ? c.rng.pick(os) : undefined;
}

async function poolRequest(c: Ctx, op: string, path: string, body: Record<string, string>): Promise<boolean> {
  const req: Req = { method: 'POST', path, token: me(c).token, body, key: newKey(c) };
  const a = await http(c, op, req);
  if (a?.status === 200) c.world.usedKeys.push({ user: c.user, req });
  return true;
}

export const USER_OPS: OpDef[] = [
  { name: 'order:wechat', weight: 6, run: (c) => placeOrder(c, 'wechat') },
  { name: 'order:constant', weight: 2, run: (c) => placeOrder(c, 'constant') },
  { name: 'order:storeCredit', weight: 2, run: (c) => placeOrder(c, 'storeCredit') },
  { name: 'order:equity', weight: 2, run: (c) => placeOrder(c, 'equity') },
  {
    name: 'pay',
    weight: 5,
    run: async (c) => {
      const o = ownOrder(c, ['created'], 'wechat');
      if (!o) return false;
      const a = await http(c, 'pay', {
        method: 'POST',
        path: `/orders/${o.orderId}/pay`,
        token: me(c).token,
        body: {},
      });
      if (a?.status === 200) o.status = 'paid';
      return true;
    },
  },
  {
    // WeChat delivers the same notice more than once (and keeps repeating until it gets a 2xx).
    name: 'notify',
    weight: 5,
    run: async (c) => {
      const o = ownOrder(c, ['created'], 'wechat');
      if (!o) return false;
      const n = c.notify({ orderId: o.orderId, amount: o.amount, transactionId: `tx${o.orderId}` });
      const req: Req = { method: 'POST', path: '/pay/wechat/notify', rawBody: n.body, headers: n.headers };
      const copies = 1 + c.rng.int(3);
      const as = await Promise.all(Array.from({ length: copies }, () => http(c, 'notify', req)));
      if (as.some((a) => a?.status === 200)) o.status = 'paid';
      return true;
    },
  },
  {
    name: 'confirm',
    weight: 8,
    run: async (c) => {
      const o = ownOrder(c, ['shipped']);
      if (!o) return false;
      const req: Req = {
        method: 'POST',
        path: `/orders/${o.orderId}/confirm`,
        token: me(c).token,
        body: {},
        key: newKey(c),
      };
      const a = await http(c, 'confirm', req);
      if (a?.status === 200)
        o.status = String(a.body.status); // received (the after-sale window opens) or completed
      else await refresh(c, o);
      return true;
    },
  },
  {
    name: 'refund',
    weight: 2,
    run: async (c) => {
      const o = ownOrder(c, ['created', 'paid', 'shipped']);
      if (!o) return false;
      const req: Req = {
        method: 'POST',
        path: `/orders/${o.orderId}/refund`,
        token: me(c).token,
        body: {},
        key: newKey(c),
      };
      const a = await http(c, 'refund', req);
      if (a?.status === 200) o.status = 'refunded';
      else await refresh(c, o);
      return true;
    },
  },
  {
    name: 'sell',
    weight: 4,
    run: async (c) => {
      const w = await wallet(c);
      const points = w && partOf(c, w.equity!, 6);
      if (!points) return false;
      return poolRequest(c, 'sell', '/wallet/sell', { points });
    },
  },
  {
    name: 'convert',
    weight: 3,
    run: async (c) => {
      const w = await wallet(c);
      const points = w && partOf(c, w.equity!, 6);
      if (!points) return false;
      return poolRequest(c, 'convert', '/wallet/convert', { points });
    },
  },
  {
    name: 'convertBack',
    weight: 3,
    run: async (c) => {
      const w = await wallet(c);
      const amount = w && partOf(c, w.constant!, 2);
      if (!amount) return false;
      return poolRequest(c, 'convertBack', '/wallet/convert-back', { amount });
    },
  },
  {
    name: 'withdraw',
    weight: 3,
    run: async (c) => {
      const w = await wallet(c);
      const amount = w && partOf(c, w.cash!, 2);
      if (!amount) return false;
      const req: Req = { method: 'POST', path: '/withdrawals', token: me(c).token, body: { amount }, key: newKey(c) };
      const a = await http(c, 'withdraw', req);
      if (a?.status === 201)
        c.world.withdrawals.set(a.body.withdrawalId, {
          userId: me(c).userId,
          amount: a.body.amount,
          status: 'requested',
        });
      return true;
    },
  },
  {
    // A double tap: the same request, same key, twice at once. One effect.
    name: 'doubleTap',
    weight: 2,
    run: async (c) => {
      const w = await wallet(c);
      const points = w && partOf(c, w.equity!, 6, 0);
      const req: Req = points
        ? { method: 'POST', path: '/wallet/sell', token: me(c).token, body: { points }, key: newKey(c) }
        : { method: 'POST', path: '/orders', token: me(c).token, body: orderBody(c, 'wechat'), key: newKey(c) };
      const as = await Promise.all([http(c, 'doubleTap', req), http(c, 'doubleTap', req)]);
      const ok = as.find((a) => a?.status === 201);
      if (ok && !points) noteOrder(c, req.body as ReturnType<typeof orderBody>, ok.body);
      return true;
    },
  },
  {
    // 售后: a request on a received order (its window open): a refund of part of it, or a return.
    name: 'afterSale',
    weight: 2,
    run: async (c) => {
      const o = ownOrder(c, ['received']);
      if (!o) return false;
      const line = c.rng.pick(o.lines);
      const body = {
        kind: c.rng.chance(0.5) ? 'refund_only' : 'return',
        items: [{ productId: line.productId, qty: 1 + c.rng.int(line.qty) }],
        reason: '不想要了',
      };
      const req: Req = {
        method: 'POST',
        path: `/orders/${o.orderId}/after-sale`,
        token: me(c).token,
        body,
        key: newKey(c),
      };
      const a = await http(c, 'afterSale', req);
      if (a && a.status < 300 && a.body?.requestId)
        c.world.afterSales.push({
          requestId: a.body.requestId,
          orderId: o.orderId,
          user: c.user,
          status: String(a.body.status ?? 'requested'),
        });
      await refresh(c, o);
      return true;
    },
  },
  {
    name: 'shipBack',
    weight: 1,
    run: async (c) => {
      const rs = c.world.afterSales.filter((r) => r.user === c.user && r.status === 'approved');
      if (!rs.length) return false;
      const r = c.rng.pick(rs);
      const req: Req = {
        method: 'POST',
        path: `/after-sale/${r.requestId}/ship-back`,
        token: me(c).token,
        body: { carrier: '顺丰', trackingNo: `SF${c.rng.hex(10)}` },
        key: newKey(c),
      };
      const a = await http(c, 'shipBack', req);
      if (a?.status === 200) r.status = String(a.body?.status ?? 'returning');
      return true;
    },
  },
  { name: 'bad', weight: 5, run: (c) => badInput(c) },
];

// ---------- bad inputs: each must be refused with a 4xx and change nothing ----------

interface Bad {
  name: string;
  make: (c: Ctx) => Req | undefined;
  expect: number[];
}
/** null: no Idempotency-Key at all */
const sellReq = (c: Ctx, body: unknown, key: string | null = newKey(c)): Req => ({
  method: 'POST',
  path: '/wallet/sell',
  token: me(c).token,
  body,
  ...(key === null ? {} : { key }),
});
const otherUser = (c: Ctx) => (c.user + 1 + c.rng.int(c.world.users.length - 1)) % c.world.users.length;

export const BAD_INPUTS: Bad[] = [
  { name: 'negative points', make: (c) => sellReq(c, { points: '-1' }), expect: [400] },
  { name: 'points not a number', make: (c) => sellReq(c, { points: 'abc' }), expect: [400] },
  { name: '7 decimals', make: (c) => sellReq(c, { points: '1.1234567' }), expect: [400] },
  { name: 'zero points', make: (c) => sellReq(c, { points: '0' }), expect: [400] },
  { name: 'no Idempotency-Key', make: (c) => sellReq(c, { points: '1' }, null), expect: [400] },
  { name: 'bad Idempotency-Key', make: (c) => sellReq(c, { points: '1' }, 'no spaces!'), expect: [400] },
  { name: 'extra field', make: (c) => sellReq(c, { points: '1', user: 'x' }), expect: [400] },
  {
    name: 'malformed JSON',
    make: (c) => ({
      method: 'POST',
      path: '/wallet/convert',
      token: me(c).token,
      rawBody: '{"points":',
      key: newKey(c),
    }),
    expect: [400],
  },
  { name: 'sell more than held', make: (c) => sellReq(c, { points: '100000000' }), expect: [422] },
  {
    name: 'convert back more than held',
    make: (c) => ({
      method: 'POST',
      path: '/wallet/convert-back',
      token: me(c).token,
      body: { amount: '99999999.00' },
      key: newKey(c),
    }),
    expect: [422],
  },
  {
    name: 'withdraw 3 decimals',
    make: (c) => ({
      method: 'POST',
      path: '/withdrawals',
      token: me(c).token,
      body: { amount: '1.001' },
      key: newKey(c),
    }),
    expect: [400],
  },
  {
    name: 'withdraw more than cash',
    make: (c) => ({
      method: 'POST',
      path: '/withdrawals',
      token: me(c).token,
      body: { amount: '99999999.00' },
      key: newKey(c),
    }),
    expect: [422],
  },
  {
    name: 'unknown product',
    make: (c) => ({
      method: 'POST',
      path: '/orders',
      token: me(c).token,
      body: { items: [{ productId: 'no-such-product', qty: 1 }], payWith: 'wechat', address: ADDRESS },
      key: newKey(c),
    }),
    expect: [404],
  },
  {
    name: 'qty 0',
    make: (c) => ({
      method: 'POST',
      path: '/orders',
      token: me(c).token,
      body: { items: [{ productId: c.world.products[0]!.productId, qty: 0 }], payWith: 'wechat', address: ADDRESS },
      key: newKey(c),
    }),
    expect: [400],
  },
  {
    name: 'unknown tender',
    make: (c) => ({
      method: 'POST',
      path: '/orders',
      token: me(c).token,
      body: { items: [{ productId: c.world.products[0]!.productId, qty: 1 }], payWith: 'bitcoin', address: ADDRESS },
      key: newKey(c),
    }),
    expect: [400],
  },
  {
    name: 'more than the scarce stock',
    make: (c) => ({
      method: 'POST',
      path: '/orders',
      token: me(c).token,
      body: {
        items: [{ productId: c.world.products[c.world.products.length - 1]!.productId, qty: 99 }],
        payWith: 'wechat',
        address: ADDRESS,
      },
      key: newKey(c),
    }),
    expect: [409],
  },
  {
    name: 'confirm an unshipped order',
    make: (c) => {
      const o = ownOrder(c, ['created']); // paid ones may be shipping right now
      return (
        o && { method: 'POST', path: `/orders/${o.orderId}/confirm`, token: me(c).token, body: {}, key: newKey(c) }
      );
    },
    expect: [409],
  },
  {
    name: "confirm another user's order",
    make: (c) => {
      const os = c.world.ordersOf(otherUser(c), ['shipped', 'paid']);
      const o = os.length ? c.rng.pick(os) : undefined;
      return (
        o && { method: 'POST', path: `/orders/${o.orderId}/confirm`, token: me(c).token, body: {}, key: newKey(c) }
      );
    },
    expect: [404],
  },
  {
    name: "pay another user's order",
    make: (c) => {
      const os = c.world.ordersOf(otherUser(c), ['created']);
      const o = os.length ? c.rng.pick(os) : undefined;
      return o && { method: 'POST', path: `/orders/${o.orderId}/pay`, token: me(c).token, body: {} };
    },
    expect: [404],
  },
  {
    name: 'refund a completed order',
    make: (c) => {
      const o = ownOrder(c, ['completed']);
      return o && { method: 'POST', path: `/orders/${o.orderId}/refund`, token: me(c).token, body: {}, key: newKey(c) };
    },
    expect: [409],
  },
  { name: 'no token', make: (c) => ({ ...sellReq(c, { points: '1' }), token: undefined }), expect: [401] },
  {
    name: 'tampered token',
    make: (c) => {
      const t = me(c).token;
      return { ...sellReq(c, { points: '1' }), token: t.slice(0, -3) + (t.endsWith('AAA') ? 'BBB' : 'AAA') };
    },
    expect: [401],
  },
  {
    name: 'same key, another body',
    make: (c) => {
      const used = c.world.usedKeys.filter((k) => k.user === c.user);
      if (!used.length) return undefined;
      const k = c.rng.pick(used).req;
      return { ...k, body: { points: '0.000001' } };
    },
    expect: [409, 400],
  },
  {
    name: 'notify with a bad signature',
    make: (c) => {
      const o = ownOrder(c, ['created'], 'wechat');
      if (!o) return undefined;
      const n = c.notify({ orderId: o.orderId, amount: o.amount, transactionId: `tx${o.orderId}` });
      return {
        method: 'POST',
        path: '/pay/wechat/notify',
        rawBody: n.body.replace('SUCCESS', 'SUCCESS '),
        headers: n.headers,
      };
    },
    expect: [400, 401, 403],
  },
  {
    name: 'notify of another amount',
    make: (c) => {
      const o = ownOrder(c, ['created'], 'wechat');
      if (!o) return undefined;
      const n = c.notify({
        orderId: o.orderId,
        amount: dec(o.amount).plus('0.01').toFixed(2),
        transactionId: `tx${o.orderId}`,
      });
      return { method: 'POST', path: '/pay/wechat/notify', rawBody: n.body, headers: n.headers };
    },
    expect: [400],
  },
];

async function badInput(c: Ctx): Promise<boolean> {
  for (let i = 0; i < 5; i++) {
    const b = c.rng.pick(BAD_INPUTS);
    const req = b.make(c);
    if (!req) continue;
    await http(c, `bad:${b.name}`, req, true, b.expect);
    return true;
  }
  return false;
}

// ---------- staff ----------

const anyOrder = (c: Ctx, status: string[]) => {
  const os = c.world.ordersIn(status);
  return os.length ? c.rng.pick(os) : undefined;
};
const staffUser = (c: Ctx) => c.world.users[c.rng.int(c.world.users.length)]!;

/** Parameter changes within the rules, and a few outside them (refused, nothing changes). */
const CONFIG_CHANGES: Array<{ change: Record<string, unknown>; bad: boolean }> = [
  { change: { sellFeeRate: '0.08' }, bad: false },
  { change: { sellFeeRate: '0.12' }, bad: false },
  { change: { sellFeeRate: '0.1' }, bad: false },
  { change: { rewardRatio: '0.6' }, bad: false },
  { change: { rewardRatio: '0.7' }, bad: false },
  { change: { commissionL1Rate: '0.02' }, bad: false },
  { change: { commissionL1Rate: '0' }, bad: false },
  { change: { quotaMultiplier: '3' }, bad: false },
  { change: { quotaMultiplier: '2' }, bad: false },
  { change: { rewardRatio: '1.5' }, bad: true },
  { change: { sellFeeRate: '1' }, bad: true },
  { change: { referralL2Rate: '0.05' }, bad: true },
  { change: { autoCompleteDays: 0 }, bad: true },
];

export const STAFF_OPS: OpDef[] = [
  {
    // The warehouse ships a few paid orders in one call.
    name: 'ship',
    weight: 12,
    run: async (c) => {
      const paid = c.world.ordersIn(['paid']);
      if (!paid.length) return false;
      const os = Array.from({ length: Math.min(paid.length, 1 + c.rng.int(5)) }, () => c.rng.pick(paid));
      const ids = [...new Set(os.map((o) => o.orderId))];
      const parcel = (orderId: string) => ({ orderId, carrier: '顺丰', trackingNo: `SF${orderId.slice(-10)}` });
      const a = await staff(c, 'ship', 'ship-order', ids.length === 1 ? parcel(ids[0]!) : { orders: ids.map(parcel) });
      const results = a?.ok ? (Array.isArray(a.result) ? a.result : [a.result]) : [];
      for (const r of results as Array<{ orderId: string; status?: string }>)
        if (r.status === 'shipped') c.world.orders.get(r.orderId)!.status = 'shipped';
      return true;
    },
  },
  {
    name: 'complete',
    weight: 2,
    run: async (c) => {
      const o = anyOrder(c, ['shipped']);
      if (!o) return false;
      const a = await staff(c, 'complete', 'complete-order', { orderId: o.orderId });
      if (a?.ok && a.result?.status === 'completed') o.status = 'completed';
      return true;
    },
  },
  {
    // The schedule, run as if every window had closed: receipt of shipped orders, completion of received ones.
    name: 'completeDue',
    weight: 0.5,
    run: async (c) => {
      const now = new Date(Date.now() + 91 * 86400_000).toISOString();
      await staff(c, 'completeDue', 'complete-due', { now, max: 3 });
      return true;
    },
  },
  {
    // The staff decides an after-sale request: approve (refund_only: money back now; return: the
    // shopper ships it back, the staff receives it) or refuse.
    name: 'reviewAfterSale',
    weight: 2,
    run: async (c) => {
      const open = c.world.afterSales.filter((r) => r.status === 'requested');
      if (!open.length) return false;
      const r = c.rng.pick(open);
      const a = await staff(c, 'reviewAfterSale', 'review-after-sale', {
        requestId: r.requestId,
        approve: c.rng.chance(0.75),
        note: '已审核',
      });
      if (a?.ok) r.status = String(a.result?.status ?? 'decided');
      return true;
    },
  },
  {
    name: 'receiveReturn',
    weight: 1,
    run: async (c) => {
      const back = c.world.afterSales.filter((r) => r.status === 'returning' || r.status === 'approved');
      if (!back.length) return false;
      const r = c.rng.pick(back);
      const a = await staff(c, 'receiveReturn', 'receive-return', { requestId: r.requestId });
      if (a?.ok) r.status = String(a.result?.status ?? 'refunded');
      return true;
    },
  },
  {
    name: 'approveWithdrawal',
    weight: 3,
    run: async (c) => {
      const ws = [...c.world.withdrawals.entries()].filter(([, w]) => w.status === 'requested');
      if (!ws.length) return false;
      const [withdrawalId, w] = c.rng.pick(ws);
      const approve = c.rng.chance(0.8);
      // Two operators at once now and then, sometimes deciding differently: one decision.
      const decisions = c.rng.chance(0.25) ? [approve, c.rng.chance(0.5) ? approve : !approve] : [approve];
      const as = await Promise.all(
        decisions.map((d) => staff(c, 'approveWithdrawal', 'approve-withdrawal', { withdrawalId, approve: d })),
      );
      const ok = as.find((a) => a?.ok);
      if (ok) w.status = ok.result.status;
      return true;
    },
  },
  {
    name: 'grant',
    weight: 2,
    run: async (c) => {
      const u = staffUser(c);
      const points = `${1 + c.rng.int(5)}`;
      await staff(c, 'grant', 'grant', { userId: u.userId, points, reason: '活动', requestId: `g${c.rng.hex(16)}` });
      return true;
    },
  },
  {
    name: 'buyback',
    weight: 1,
    run: async (c) => {
      const u = staffUser(c);
      const points = `${c.rng.pick(['0.5', '1', '2', '1000000'])}`; // the last one is refused
      await staff(c, 'buyback', 'buyback', { userId: u.userId, points, requestId: `b${c.rng.hex(16)}` });
      return true;
    },
  },
  {
    name: 'setConfig',
    weight: 1,
    run: async (c) => {
      const ch = c.rng.pick(CONFIG_CHANGES);
      await staff(c, 'setConfig', 'set-config', { change: ch.change }, ch.bad);
      return true;
    },
  },
  {
    name: 'drainPool',
    weight: 2,
    run: async (c) => {
      await staff(c, 'drainPool', 'drain-pool', {});
      return true;
    },
  },
  {
    // The next day to settle (run again now and then: its stored report), or the day after the
    // last one allowed, too early (refused). Ahead (the soak's own stack): today while orders keep
    // completing, their late contributions going to the next day's, the days after at the end.
    // On the shared stack only days already over: settling ahead of the orders' own dates would
    // strand the late contributions of every suite after this one, which a real clock never does.
    name: 'settleDay',
    weight: 1,
    run: async (c) => {
      const w = c.world;
      const early = w.simDay > w.settleUntil || c.rng.chance(0.3);
      const day = early ? addDays(w.settleUntil, 1) : w.simDay;
      c.setClock(w.settleUntil);
      const a = await staff(c, 'settleDay', 'settle-day', { date: day }, early);
      if (!early && a?.ok && a.result?.status === 'done' && w.simDay < w.settleUntil && c.rng.chance(0.7))
        w.simDay = addDays(w.simDay, 1);
      return true;
    },
  },
  {
    name: 'staffRefund',
    weight: 1,
    run: async (c) => {
      const o = anyOrder(c, ['paid', 'shipped']);
      if (!o) return false;
      const a = await staff(c, 'staffRefund', 'refund-order', { orderId: o.orderId });
      if (a?.ok && a.result?.status === 'refunded') o.status = 'refunded';
      return true;
    },
  },
];

/** An HTTP GET the end checks use (no retry budget needed: faults are off by then). */
export const get = (path: string, token: string) => send({ method: 'GET', path, token });
