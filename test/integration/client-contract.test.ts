// What the client's screens read from the API, over real HTTP on the shared stack: the live
// rules in GET /pool (the sell preview must use the fee that is really charged), the wallet's
// programme fields, the team and the leaderboard.
import { dec, truncate } from '@greenpoints/shared';
import { call, completedOrder, login, pool, uniq } from './helpers';

const DEC = /^(0|[1-9]\d*)(\.\d+)?$/;

describe('GET /pool carries the live rules', () => {
  it('sellFeeRate, rewardRatio, issuePrice are the stored parameters, as decimal strings', async () => {
    const p = await pool();
    for (const f of ['sellFeeRate', 'rewardRatio', 'issuePrice', 'supplyCap']) expect(p[f]).toMatch(DEC);
    const { getParams } = await import('../../functions/src/repo/repository');
    const { params } = await getParams(true);
    expect({
      sellFeeRate: p.sellFeeRate,
      rewardRatio: p.rewardRatio,
      issuePrice: p.issuePrice,
      supplyCap: p.supplyCap,
    }).toEqual({
      sellFeeRate: params.sellFeeRate,
      rewardRatio: params.rewardRatio,
      issuePrice: params.issuePrice,
      supplyCap: params.supplyCap,
    });
  });

  it('the fee a real sell charges is the sellFeeRate GET /pool announced', async () => {
    const u = await login(uniq('contract'));
    await completedOrder(u.token);
    const announced = (await pool()).sellFeeRate as string;
    const r = await call('POST', '/wallet/sell', { token: u.token, body: { points: '1' } });
    expect(r.status).toBe(200);
    // docs/rules.md event 2: payout = floor2(gross × (1 − sellFeeRate)), the rest is the fee.
    const payout = truncate(dec(r.body.gross).mul(dec(1).minus(announced)), 2);
    expect(r.body.payout).toBe(payout.toFixed(2));
    // The fee is shown to the fen: with the payout it adds up to the gross within one fen.
    expect(dec(r.body.fee).plus(r.body.payout).minus(r.body.gross).abs().lt('0.01')).toBe(true);
  });
});

describe('the programme reads the client shows', () => {
  it('wallet: quota, dividends paid and a level name; team: commissions by kind; leaderboard: masked top 10', async () => {
    const u = await login(uniq('contract'));
    await completedOrder(u.token);
    const w = (await call('GET', '/wallet', { token: u.token })).body;
    expect(w.quota).toMatch(/^\d+\.\d{2}$/);
    expect(dec(w.quota).gt(0)).toBe(true); // spending earned a quota
    expect(w.dividendsPaid).toMatch(/^\d+\.\d{2}$/);
    expect(typeof w.level).toBe('string');
    expect(w.level.length).toBeGreaterThan(0);

    const t = await call('GET', '/team', { token: u.token });
    expect(t.status).toBe(200);
    expect(t.body.commissionsByKind).toEqual({
      l1: expect.stringMatching(/^\d+\.\d{2}$/),
      l2: expect.stringMatching(/^\d+\.\d{2}$/),
      agent: expect.stringMatching(/^\d+\.\d{2}$/),
    });
    expect(Array.isArray(t.body.direct)).toBe(true);

    const lb = await call('GET', '/leaderboard', { token: u.token });
    expect(lb.status).toBe(200);
    const top = lb.body.top as Array<{ rank: number; name: string; equity: string; level: string; me?: boolean }>;
    expect(top.length).toBeGreaterThan(0);
    expect(top.length).toBeLessThanOrEqual(10);
    top.forEach((row, i) => {
      expect(row.rank).toBe(i + 1);
      expect(row.name).toContain('*');
      expect(row.equity).toMatch(DEC);
      if (i > 0) expect(dec(row.equity).lte(top[i - 1].equity)).toBe(true);
    });
    expect(top.filter((r) => r.me).length).toBeLessThanOrEqual(1);
  });
});
