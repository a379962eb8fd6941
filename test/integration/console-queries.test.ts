// The staff console's queries (docs/staff.md "Console queries") over HTTP on DynamoDB Local:
// liabilities from the pool and the sum of every wallet, users by nickname, a user's ledger and
// team two levels down, the parameters' versions, every product, orders filtered on the server,
// one order's timeline with its after-sale history, the legacy import's dry run (nothing written,
// no second signature); read-only functions cannot write; the audit entry of a business call is
// in its transaction (a failed one leaves no "ok" entry, a successful one exactly one).
import { dec, valueOf, emptyWallet, type PoolState } from '@greenpoints/shared';
import { call, completedOrder, login, sellHalf, shippedOrder, staff, uniq, ADDRESS, PARCEL } from './helpers';
import { staffOnce } from '../staff-call';
import { getItem, scanAll, putItem } from '../../functions/src/repo/ddb';
import { inWriteScope } from '../../functions/src/repo/write-scope';
import { auditChainsOf } from '../../functions/src/repo/audit-chain';
import { chainProblems } from '../../functions/src/domain/operator/audit-chain';
import { keys } from '../../functions/src/repo/keys';

async function ok(name: string, input: Record<string, unknown> = {}) {
  const r = await staff(name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r)}`);
  return r.result;
}

describe('liabilities', () => {
  it('are the pool item and the exact sums of every wallet; a sell and a withdrawal move them', async () => {
    const before = await ok('liabilities');
    const a = await login(uniq('liab'));
    await completedOrder(a.token);
    const sold = await sellHalf(a.token);
    const w = await call('POST', '/withdrawals', { token: a.token, body: { amount: '1.00' } });
    expect(w.status).toBe(201);
    const after = await ok('liabilities');
    expect(dec(after.cashOwed).minus(before.cashOwed).toFixed(2)).toBe(dec(sold.payout).toFixed(2));
    expect(dec(after.pendingWithdrawals).minus(before.pendingWithdrawals).toFixed(2)).toBe('1.00');
    // The sums equal an independent read of every wallet item.
    const wallets = (await scanAll()).filter((i) => i.type === 'wallet');
    const sum = (...f: string[]) =>
      wallets.reduce((s, i) => f.reduce((t, k) => t.plus(String(i[k] ?? '0')), s), dec(0)).toFixed(2);
    expect(after.cashOwed).toBe(sum('cash', 'cashPending'));
    expect(after.constantOutstanding).toBe(sum('constant', 'constantReserved'));
    expect(after.storeCredit).toBe(sum('storeCredit'));
    expect(after.wallets).toBe(wallets.length);
    const pool = (await call('GET', '/pool')).body;
    expect(after.circulating).toBe(pool.circulating);
    const state = { ...pool, lastPrice: pool.price } as unknown as PoolState;
    expect(after.circulatingValue).toBe(valueOf(state, pool.circulating));
    expect(Object.keys(emptyWallet())).toContain('cashPending');
  });
});

describe('users', () => {
  it('find-user by nickname, then the ledger (paged) and the team two levels down', async () => {
    const nick = `查${uniq('n').slice(1, 7)}`;
    const a = await login(uniq('usr'));
    expect((await call('PUT', '/profile', { token: a.token, body: { nickname: nick } })).status).toBe(200);
    const found = await ok('find-user', { nickname: nick.slice(0, 4) });
    expect(found.rows.map((r: any) => r.userId)).toContain(a.userId);
    expect((await staff('find-user', { nickname: nick, userId: a.userId })).error.code).toBe('invalid_request');

    await completedOrder(a.token);
    await sellHalf(a.token);
    const first = await ok('user-ledger', { userId: a.userId, limit: 1 });
    expect(first.rows).toHaveLength(1);
    expect(first.cursor).toBeDefined();
    const next = await ok('user-ledger', { userId: a.userId, limit: 50, cursor: first.cursor });
    expect(next.rows.length).toBeGreaterThan(0);
    expect(next.rows.map((r: any) => r.eventId + r.field)).not.toContain(first.rows[0].eventId + first.rows[0].field);
    expect((await staff('user-ledger', { userId: 'u_nobody' })).error.code).toBe('not_found');

    const b = await call('POST', '/auth/login', { body: { devOpenId: uniq('b'), scene: `r=${a.userId}` }, key: null });
    const c = await call('POST', '/auth/login', {
      body: { devOpenId: uniq('c'), scene: `r=${b.body.userId}` },
      key: null,
    });
    const team = await ok('user-referrals', { userId: a.userId });
    expect(team.rows).toEqual([
      expect.objectContaining({ userId: b.body.userId, level: 1, via: '' }),
      expect.objectContaining({ userId: c.body.userId, level: 2, via: b.body.userId }),
    ]);
    expect(team.counts).toEqual({ level1: 1, level2: 1 });

    // A nickname cleared leaves the index.
    await call('PUT', '/profile', { token: a.token, body: { nickname: `x${nick}` } });
    expect((await ok('find-user', { nickname: nick })).rows.map((r: any) => r.userId)).not.toContain(a.userId);
  });
});

describe('programme and catalogue', () => {
  it('get-config answers the parameters and each version with what it changed', async () => {
    const cur = await ok('get-config');
    const fee = cur.params.withdrawSecondSignAbove === '500.00' ? '600.00' : '500.00';
    await ok('set-config', { change: { withdrawSecondSignAbove: fee } });
    const now = await ok('get-config', { limit: 2 });
    expect(now.version).toBe(cur.version + 1);
    expect(now.params.withdrawSecondSignAbove).toBe(fee);
    expect(now.history[0]).toMatchObject({ version: now.version, changed: 'withdrawSecondSignAbove' });
    expect((await staff('get-config', { limit: 0 })).error.code).toBe('invalid_request');
  });

  it('list-products includes inactive products; the shop does not', async () => {
    const productId = uniq('off');
    await ok('upsert-product', {
      productId,
      name: '下架商品',
      price: '9.90',
      poolContribution: '1.00',
      stock: 1,
      active: false,
    });
    const rows = (await ok('list-products')).rows;
    expect(rows.find((p: any) => p.productId === productId)).toMatchObject({ active: false });
    expect((await call('GET', '/products')).body.map((p: any) => p.productId)).not.toContain(productId);
  });

  it('the legacy import dry run answers what it would do, writes nothing and needs no second signature', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const data = `openid,phone,balance,points,nickname\n,${phone},12.50,3,老张`;
    const r = await staffOnce('dry-run-staff', 'import-legacy-members', {
      importId: uniq('dry'),
      format: 'csv',
      data,
      dryRun: true,
    });
    expect(r).toMatchObject({
      ok: true,
      result: { status: 'dry_run', rows: 1, storeCredit: '12.50', pointsLocked: '3', newUsers: 1, errors: [] },
    });
    expect((await scanAll()).some((i) => i.PK === keys.phone(phone).PK)).toBe(false);
  });
});

describe('orders', () => {
  it('list-orders filters by user, product and dates on the server; get-order has the after-sale history', async () => {
    const a = await login(uniq('ord'));
    const id = await shippedOrder(a.token);
    const byUser = await ok('list-orders', { userId: a.userId });
    expect(byUser.rows.map((r: any) => r.orderId)).toEqual([id]);
    expect((await ok('list-orders', { userId: a.userId, productId: 'no-such' })).rows).toEqual([]);
    expect(
      (await ok('list-orders', { userId: a.userId, productId: 'rice-10kg', status: 'shipped' })).rows,
    ).toHaveLength(1);
    const tomorrow = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
    expect((await ok('list-orders', { status: 'shipped', from: tomorrow })).rows).toEqual([]);
    const today = await ok('list-orders', {
      status: 'shipped',
      from: new Date(Date.now() - 86400_000).toISOString(),
      limit: 500,
    });
    expect(today.rows.map((r: any) => r.orderId)).toContain(id);
    expect((await staff('list-orders', { productId: 'rice-10kg' })).error.code).toBe('invalid_request');
    expect((await staff('list-orders', { status: 'shipped', from: 'yesterday' })).error.code).toBe('invalid_request');

    await call('POST', `/orders/${id}/confirm`, { token: a.token, body: {} });
    const req = await call('POST', `/orders/${id}/after-sale`, {
      token: a.token,
      body: { kind: 'refund_only', items: [{ productId: 'rice-10kg', qty: 1 }], reason: '坏了' },
    });
    expect(req.status).toBe(201);
    await ok('review-after-sale', { requestId: req.body.requestId, approve: false, note: '照片不清楚' });
    const d = await ok('get-order', { orderId: id });
    expect(d.order).toMatchObject({ orderId: id, userId: a.userId, carrier: PARCEL.carrier, address: ADDRESS.detail });
    expect(d.afterSale).toEqual([
      expect.objectContaining({ requestId: req.body.requestId, status: 'refused', history: expect.any(Array) }),
    ]);
    const what = d.timeline.map((s: any) => s.what);
    expect(what.slice(0, 4)).toEqual(['下单', '付款', `发货 ${PARCEL.carrier} ${PARCEL.trackingNo}`, '确认收货']);
    expect(d.timeline.find((s: any) => s.note === '照片不清楚')).toBeDefined();
    expect((await staff('get-order', { orderId: 'nope' })).error.code).toBe('not_found');
  });
});

describe('the audit entry is in the business transaction', () => {
  const entries = async (actor: string) => (await ok('audit-log', { fn: 'ship-order', actor, limit: 50 })).entries;

  it('a failed ship leaves no "ok" entry; a successful one has exactly one', async () => {
    const a = await login(uniq('aud'));
    const o = await call('POST', '/orders', {
      token: a.token,
      body: { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat', address: ADDRESS },
    });
    const actor = uniq('auditor-');
    const refused = await staffOnce(actor, 'ship-order', { orderId: o.body.orderId, ...PARCEL });
    expect(refused.ok).toBe(false); // not paid: the ship transaction's guard fails
    let log = await entries(actor);
    expect(log.map((e: any) => e.outcome)).toEqual(['error']);

    await call('POST', `/orders/${o.body.orderId}/pay`, { token: a.token, body: {}, key: null });
    const shipped = await staffOnce(actor, 'ship-order', { orderId: o.body.orderId, ...PARCEL });
    expect(shipped.ok).toBe(true);
    log = await entries(actor);
    expect(log.map((e: any) => e.outcome)).toEqual(['ok', 'error']);
    expect(log[0]).toMatchObject({ actor, fn: 'ship-order', ok: true });
    // Written with the ship's own transaction (joined before the answer existed).
    expect(JSON.stringify(log[0].result)).toContain('inTransaction');
  });

  it('concurrent writing calls each commit one entry with their change, and the chains stay linked', async () => {
    const actor = uniq('burst-');
    const ids = Array.from({ length: 8 }, () => uniq('burst'));
    const answers = await Promise.all(
      ids.map((productId) =>
        staffOnce(actor, 'upsert-product', {
          productId,
          name: '并发',
          price: '1.00',
          poolContribution: '0.10',
          stock: 1,
        }),
      ),
    );
    expect(answers.map((a) => a.ok)).toEqual(ids.map(() => true));
    const log = (await ok('audit-log', { fn: 'upsert-product', actor, limit: 50 })).entries;
    expect(log).toHaveLength(8);
    expect(log.every((e: any) => e.outcome === 'ok' && JSON.stringify(e.result).includes('inTransaction'))).toBe(true);
    const { entries, heads } = auditChainsOf(await scanAll());
    const mine = new Set(entries.filter((e) => e.actor === actor).map((e) => String(e.chain)));
    const problems = chainProblems(entries, heads).filter((p) => [...mine].some((c) => p.includes(`chain ${c} `)));
    expect(problems).toEqual([]);
  });

  it('a read-only function cannot write', async () => {
    const probe = keys.product(uniq('read-only-probe'));
    await expect(inWriteScope({ readOnly: 'list-orders' }, () => putItem({ ...probe, type: 'probe' }))).rejects.toThrow(
      /read-only/,
    );
    expect(await getItem(probe)).toBeUndefined();
  });
});
