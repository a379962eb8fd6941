// docs/rules.md's seed table, end to end over HTTP: 100 buyers each complete one 100-yuan order
// (poolContribution 30, rewardRatio 0.7), then the first buyer sells 21 points.
// Expected figures are docs/rules.md's, not computed here.
import { call, login, completedOrder, pool, staff, uniq } from './helpers';

describe('seed scenario', () => {
  let own: { stop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    // The figures hold from an empty pool only, and other suites (e2e, client) may share the
    // stack at the same time: this scenario always runs on a fresh stack of its own.

    const { startStack } = require('../../scripts/stack.js');
    const s = await startStack({ inMemory: true, withH5: false, log: () => undefined });
    process.env.API_URL = s.apiUrl;
    process.env.DDB_ENDPOINT = s.ddbEndpoint;
    own = s;
  });
  afterAll(async () => {
    await own?.stop();
  });

  it('100 orders of 100 yuan give price 5.1731; buyer A sells 21 points for 97.77', async () => {
    const start = await pool();
    expect(start.seq).toBe(0);
    expect(start.priceDisplay).toBe('1.0000');

    const buyers: Array<{ token: string; userId: string }> = [];
    const granted: string[] = [];
    const prices: string[] = [];
    for (let n = 1; n <= 100; n++) {
      const b = await login(uniq(`seed${n}-`));
      buyers.push(b);
      const done = await completedOrder(b.token);
      expect(done.status).toBe('completed');
      granted.push(done.pointsGranted);
      if (n <= 4) prices.push((await pool()).priceDisplay);
    }
    expect(granted.slice(0, 4)).toEqual(['21', '14.7', '12.495', '11.2455']);
    expect(prices).toEqual(['1.4286', '1.6807', '1.8674', '2.0188']);
    const after100 = await pool();
    expect(after100.priceDisplay).toBe('5.1731');
    expect(after100.seq).toBe(100);
    expect(after100.fund).toBe('3000.00');

    const a = buyers[0]!;
    const w = await call('GET', '/wallet', { token: a.token });
    expect(w.body.equity).toBe('21');
    const sold = await call('POST', '/wallet/sell', { token: a.token, body: { points: '21' } });
    expect(sold.status).toBe(200);
    expect(sold.body.payout).toBe('97.77');
    expect(Number(sold.body.gross).toFixed(4)).toBe('108.6346');
    expect(Number(sold.body.priceAfter).toFixed(4)).toBe('5.1925');
    expect((await pool()).priceDisplay).toBe('5.1925');

    const w2 = await call('GET', '/wallet', { token: a.token });
    expect(w2.body.equity).toBe('0');
    expect(w2.body.cash).toBe('97.77');

    // The buyer's own order shows what it granted.
    const orders = await call('GET', '/orders', { token: a.token });
    expect(orders.body.orders[0].pointsGranted).toBe('21');

    const rec = await staff('reconcile');
    expect(rec.ok).toBe(true);
    expect(rec.result.problems).toEqual([]);
  });
});
