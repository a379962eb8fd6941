// Idempotency-Key: the same key and body give the same answer and change nothing more;
// another body under the same key is 409 idempotency_mismatch.
import { dec } from '@greenpoints/shared';
import { call, login, completedOrder, shippedOrder, pool, newKey, uniq, sellHalf, ADDRESS } from './helpers';

const body = (qty = 1) => ({ items: [{ productId: 'honey-500g', qty }], payWith: 'wechat', address: ADDRESS });

async function stock(id: string): Promise<number> {
  return (await call('GET', '/products')).body.find((p: { productId: string }) => p.productId === id).stock;
}

describe('idempotency', () => {
  it('POST /orders replayed: same order, stock taken once', async () => {
    const u = await login(uniq('idem'));
    const key = newKey();
    const s0 = await stock('honey-500g');
    const first = await call('POST', '/orders', { token: u.token, body: body(2), key });
    const again = await call('POST', '/orders', { token: u.token, body: body(2), key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await stock('honey-500g')).toBe(s0 - 2);
    const list = await call('GET', '/orders', { token: u.token });
    expect(list.body.orders).toHaveLength(1);
  });

  it('same key, another body -> 409 idempotency_mismatch, nothing changes', async () => {
    const u = await login(uniq('idem'));
    const key = newKey();
    const first = await call('POST', '/orders', { token: u.token, body: body(1), key });
    expect(first.status).toBe(201);
    const s1 = await stock('honey-500g');
    const other = await call('POST', '/orders', { token: u.token, body: body(3), key });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_mismatch');
    expect(await stock('honey-500g')).toBe(s1);
  });

  it('keys are per user: another user may use the same key', async () => {
    const [u, v] = await Promise.all([login(uniq('idem')), login(uniq('idem'))]);
    const key = newKey();
    const a = await call('POST', '/orders', { token: u.token, body: body(1), key });
    const b = await call('POST', '/orders', { token: v.token, body: body(1), key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.orderId).not.toBe(a.body.orderId);
  });

  it('a sell replayed, even concurrently, is applied once', async () => {
    const u = await login(uniq('idem'));
    await completedOrder(u.token, 'rice-10kg', 10);
    const key = newKey();
    const p0 = await pool();
    const rs = await Promise.all(
      Array.from({ length: 6 }, () => call('POST', '/wallet/sell', { token: u.token, body: { points: '5' }, key })),
    );
    for (const r of rs) expect(r.status).toBe(200);
    for (const r of rs) expect(r.body).toEqual(rs[0]!.body);
    const p1 = await pool();
    expect(p1.seq - p0.seq).toBe(1);
    const w = await call('GET', '/wallet', { token: u.token });
    expect(w.body.cash).toBe(rs[0]!.body.payout);
    const later = await call('POST', '/wallet/sell', { token: u.token, body: { points: '5' }, key });
    expect(later.body).toEqual(rs[0]!.body);
    const mismatch = await call('POST', '/wallet/sell', { token: u.token, body: { points: '6' }, key });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.error.code).toBe('idempotency_mismatch');
  });

  it('a confirm replayed completes the order once (exempt goods complete at receipt)', async () => {
    const u = await login(uniq('idem'));
    const id = await shippedOrder(u.token, 'veg-box');
    const key = newKey();
    const p0 = await pool();
    const a = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {}, key });
    const b = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {}, key });
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect((await pool()).seq - p0.seq).toBe(1);
    // A new key on a completed order is a state conflict, not a second completion.
    const c = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {} });
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('invalid_status');
    const w = await call('GET', '/wallet', { token: u.token });
    expect(dec(w.body.equity).eq(a.body.pointsGranted)).toBe(true);
  });

  it('a confirm replayed opens the window once and answers the same', async () => {
    const u = await login(uniq('idem'));
    const id = await shippedOrder(u.token);
    const key = newKey();
    const a = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {}, key });
    const b = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {}, key });
    expect(a.status).toBe(200);
    expect(a.body.status).toBe('received');
    expect(b.body).toEqual(a.body);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const c = await call('POST', `/orders/${id}/confirm`, { token: u.token, body: {} });
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('invalid_status');
  });

  it('a withdrawal replayed is requested once', async () => {
    const u = await login(uniq('idem'));
    await completedOrder(u.token, 'rice-10kg', 5);
    await sellHalf(u.token);
    const key = newKey();
    const a = await call('POST', '/withdrawals', { token: u.token, body: { amount: '5.00' }, key });
    const b = await call('POST', '/withdrawals', { token: u.token, body: { amount: '5.00' }, key });
    expect(a.status).toBe(201);
    expect(b.body).toEqual(a.body);
    const w = await call('GET', '/wallet', { token: u.token });
    expect(w.body.cashPending).toBe('5.00');
  });
});
