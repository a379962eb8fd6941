// Many writers at once: nothing lost, nothing doubled, the price never falls, invariants hold.
import { dec, truncate, ZERO } from '@greenpoints/shared';
import { call, login, shippedOrder, completedOrder, pool, staff, uniq } from './helpers';

async function settle(r: { status: number; body: any }, token: string) {
  // A 202 is polled until the event is decided (bounded).
  if (r.status !== 202) return r;
  for (let i = 0; i < 100; i++) {
    const e = await call('GET', `/events/${r.body.eventId}`, { token });
    if (e.body.status !== 'pending')
      return { status: e.body.status === 'applied' ? 200 : 422, body: e.body.outcome ?? { error: e.body.error } };
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('event still pending');
}

async function history(): Promise<Array<{ seq: number; price: string }>> {
  return (await call('GET', '/pool/history?limit=100')).body;
}

describe('concurrency', () => {
  // Exempt goods (veg-box) complete at receipt, so 50 confirms are 50 pool events at once.
  it('50 concurrent order completions: each applied once, seq +50, fund +1500', async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => login(uniq('cc'))));
    const orders: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < 50; i++) {
      const u = users[i % users.length]!;
      orders.push({ id: await shippedOrder(u.token, 'veg-box'), token: u.token });
    }
    const before = await pool();
    const results = await Promise.all(
      orders.map((o) =>
        call('POST', `/orders/${o.id}/confirm`, { token: o.token, body: {} }).then((r) => settle(r, o.token)),
      ),
    );
    for (const r of results) expect(r.status).toBe(200);
    const after = await pool();
    expect(after.seq - before.seq).toBe(50);
    expect(dec(after.fund).minus(before.fund).toFixed(2)).toBe('1500.00');
    const granted = results.reduce((s, r) => s.plus(r.body.pointsGranted), ZERO);
    expect(dec(after.circulating).minus(before.circulating).eq(granted)).toBe(true);
    // Each order completed exactly once, with its own grant.
    for (const o of orders) {
      const g = await call('GET', `/orders/${o.id}`, { token: o.token });
      expect(g.body.status).toBe('completed');
      expect(dec(g.body.pointsGranted).gt(0)).toBe(true);
    }
    const h = await history();
    const seqs = h.map((x) => x.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    const prices = h
      .slice()
      .reverse()
      .map((x) => dec(x.price));
    for (let i = 1; i < prices.length; i++) expect(prices[i]!.gte(prices[i - 1]!)).toBe(true);
    const rec = await staff('reconcile');
    expect(rec.result.problems).toEqual([]);
  });

  it('20 concurrent sells from one wallet: exactly the points held are sold, cash = Σ payouts', async () => {
    const u = await login(uniq('seller'));
    const done = await completedOrder(u.token, 'rice-10kg', 2);
    const held = dec(done.pointsGranted);
    // Ten sells of a tenth use up the wallet; the other ten must be refused.
    const tenth = truncate(held.div(10), 6);
    const rest = held.minus(tenth.times(9)); // the tenth sell takes the remainder
    const amounts = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? tenth : rest).toFixed());
    const before = await pool();
    const results = await Promise.all(
      amounts.map((p) =>
        call('POST', '/wallet/sell', { token: u.token, body: { points: p } }).then((r) => settle(r, u.token)),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    for (const r of refused) {
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('insufficient_points');
    }
    const soldPoints = ok.reduce((s, r) => s.plus(r.body.points), ZERO);
    const payouts = ok.reduce((s, r) => s.plus(r.body.payout), ZERO);
    expect(soldPoints.lte(held)).toBe(true);
    const w = await call('GET', '/wallet', { token: u.token });
    expect(dec(w.body.equity).plus(soldPoints).eq(held)).toBe(true);
    expect(dec(w.body.cash).eq(payouts)).toBe(true);
    const after = await pool();
    expect(after.seq - before.seq).toBe(ok.length);
    expect(dec(before.fund).minus(after.fund).eq(payouts)).toBe(true);
    // Every sell saw a price no lower than the one before it.
    const prices = ok.map((r) => dec(r.body.priceBefore));
    for (const r of ok) expect(dec(r.body.priceAfter).gte(r.body.priceBefore)).toBe(true);
    expect(prices.length).toBeGreaterThan(0);
    const rec = await staff('reconcile');
    expect(rec.result.problems).toEqual([]);
  });

  it('mixed at once on one wallet: sells, conversions and redemption holds; every point accounted for', async () => {
    const u = await login(uniq('mixed'));
    await completedOrder(u.token, 'rice-10kg', 30);
    const w0 = (await call('GET', '/wallet', { token: u.token })).body;
    const start = dec(w0.equity);
    const small = truncate(start.div(40), 6).toFixed();
    const reqs = [
      ...Array.from({ length: 6 }, () =>
        call('POST', '/wallet/sell', { token: u.token, body: { points: small } })
          .then((r) => settle(r, u.token))
          .then((r) => ({ kind: 'sell', r })),
      ),
      ...Array.from({ length: 6 }, () =>
        call('POST', '/wallet/convert', { token: u.token, body: { points: small } })
          .then((r) => settle(r, u.token))
          .then((r) => ({ kind: 'convert', r })),
      ),
      ...Array.from({ length: 6 }, () =>
        call('POST', '/orders', {
          token: u.token,
          body: {
            items: [{ productId: 'bamboo-towel-3', qty: 1 }],
            payWith: 'equity',
            address: { region: '浙江省', detail: '1 号' },
          },
        }).then((r) => ({ kind: 'redeem', r })),
      ),
    ];
    const results = await Promise.all(reqs);
    for (const { kind, r } of results)
      expect({ kind, status: r.status, body: r.status >= 300 ? r.body : null }).toEqual({
        kind,
        status: kind === 'redeem' ? 201 : 200,
        body: null,
      });
    const sold = results.filter((x) => x.kind === 'sell').reduce((s, x) => s.plus(x.r.body.points), ZERO);
    const converted = results.filter((x) => x.kind === 'convert').reduce((s, x) => s.plus(x.r.body.points), ZERO);
    const held = results.filter((x) => x.kind === 'redeem').reduce((s, x) => s.plus(x.r.body.pointsCost), ZERO);
    const w1 = (await call('GET', '/wallet', { token: u.token })).body;
    expect(dec(w1.equity).plus(sold).plus(converted).plus(held).eq(start)).toBe(true);
    expect(dec(w1.equityHeld).eq(held)).toBe(true);
    const payouts = results.filter((x) => x.kind === 'sell').reduce((s, x) => s.plus(x.r.body.payout), ZERO);
    expect(dec(w1.cash).eq(payouts)).toBe(true);
    const credited = results.filter((x) => x.kind === 'convert').reduce((s, x) => s.plus(x.r.body.constant), ZERO);
    expect(dec(w1.constant).eq(credited)).toBe(true);
    const rec = await staff('reconcile');
    expect(rec.result.problems).toEqual([]);
  });
});
