// Exits (docs/rules.md 8b), hand-checked: quotaMultiplier 0.1 makes a 100-yuan order earn 10.00 of
// quota, so both holders reach their quota left and are sold out, in ascending userId.
import { buy, login, ok, reconcileClean, settlementWorld, wallet } from './world';

it('pays capped dividends, then sells both holders out in ascending userId and resets their quota', async () => {
  const { day, cfg } = await settlementWorld('exit', { quotaMultiplier: '0.1', exitEnabled: true });
  expect(cfg.warnings.join()).toMatch(/出局/);

  const a = await login('exit-a');
  const b = await login('exit-b');
  await buy(a, 'div-100'); // 21 points, quota 10.00
  await buy(b, 'div-100'); // 14.7 points, quota 10.00; pool: fund 60, circulating 35.7
  expect((await wallet(a)).quota).toBe('10.00');

  const r = await ok('settle-day', { date: day });
  // Dividends: fund 20 over 35.7: A 11.76 capped to 10.00; B 20 × 14.7/35.7 = 8.2352… -> 8.23.
  expect(r).toMatchObject({ paid: '18.23', carried: '1.77', exits: 2, exitPoints: '35.7', status: 'done' });
  // Both reach the quota left (A: 0; B: 1.77). Sells at fund 60 / circulating 35.7, fee 10 %:
  //  A first: A 21 × 0.9 × 60/35.7 = 31.7647… -> 31.76, then fund 28.24 / 14.7: B 14.7 × 0.9 × 28.24/14.7 = 25.416 -> 25.41
  //  B first: B 14.7 × 0.9 × 60/35.7 = 22.2352… -> 22.23, then fund 37.77 / 21: A 21 × 0.9 × 37.77/21 = 33.993 -> 33.99
  const aFirst = a < b;
  const payA = aFirst ? '31.76' : '33.99';
  const payB = aFirst ? '25.41' : '22.23';
  expect(r.exitPayout).toBe(aFirst ? '57.17' : '56.22');
  const wa = await wallet(a);
  const wb = await wallet(b);
  expect(wa).toMatchObject({ equity: '0', quota: '0.00', dividendsPaid: '0.00', cash: addMoney('10.00', payA) });
  expect(wb).toMatchObject({ equity: '0', quota: '0.00', dividendsPaid: '0.00', cash: addMoney('8.23', payB) });
  expect(r.exitList.map((e: any) => e.userId)).toEqual([a, b].sort());

  // Rerun: nothing moves.
  const again = await ok('settle-day', { date: day });
  expect(again.exitPayout).toBe(r.exitPayout);
  expect(await wallet(a)).toEqual(wa);
  expect(await reconcileClean()).toEqual([]);
});

function addMoney(x: string, y: string): string {
  // Integer fen, so the expected value is computed without floats.
  const f = (s: string) => BigInt(s.replace('.', ''));
  const t = (f(x) + f(y)).toString().padStart(3, '0');
  return `${t.slice(0, -2)}.${t.slice(-2)}`;
}
