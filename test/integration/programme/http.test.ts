// The programme's shopper routes over real HTTP on the shared local stack: binding through the
// login body, /team, /leaderboard, and the wallet's quota and level.
import { dec } from '@greenpoints/shared';
import { call, completedOrder, login, uniq } from '../helpers';

it('binds through the login, lists the team, shows quota and level, ranks holders with masked names', async () => {
  const r = await login(uniq('http-r-'));
  const s = await call('POST', '/auth/login', { body: { devOpenId: uniq('http-s-'), referrer: r.userId }, key: null });
  expect(s.status).toBe(200);
  const t = await call('GET', '/team', { token: r.token });
  expect(t.status).toBe(200);
  expect(t.body.direct.map((d: any) => d.userId)).toEqual([s.body.userId]);
  expect(t.body.direct[0].name).toMatch(/\*/);
  expect(t.body.commissions).toBe('0.00');

  await completedOrder(s.body.token); // 100 yuan: quota 2 × 100
  const w = await call('GET', '/wallet', { token: s.body.token });
  expect(w.body).toMatchObject({ quota: '200.00', dividendsPaid: '0.00', level: '普通会员' });

  const lb = await call('GET', '/leaderboard', { token: s.body.token });
  expect(lb.status).toBe(200);
  const top = lb.body.top as Array<{ rank: number; name: string; equity: string }>;
  expect(top.length).toBeGreaterThan(0);
  expect(top.length).toBeLessThanOrEqual(10);
  expect(top.map((x) => x.rank)).toEqual(top.map((_, i) => i + 1));
  for (let i = 1; i < top.length; i++) expect(dec(top[i - 1]!.equity).gte(top[i]!.equity)).toBe(true);
  expect(top.every((x) => x.name.includes('*'))).toBe(true);

  expect((await call('GET', '/team')).status).toBe(401);
});
