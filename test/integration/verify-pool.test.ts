// Anyone can check the pool: `npm run verify-pool` downloads GET /pool/log, checks the hash chain
// and replays it with the engine to the published pool. One tampered stored event fails it at
// that batch (the item is restored afterwards, so the shared table stays clean).
import { call, completedOrder, login, sellHalf, uniq } from './helpers';
import { scanAll, putItem } from '../../functions/src/repo/ddb';
import { verifyPool } from '../../functions/src/staff/verify-pool';

const api = () => process.env.API_URL!;

it('the public log verifies, hides user ids, and a tampered event fails at its batch', async () => {
  const u = await login(uniq('verify'));
  await completedOrder(u.token, 'rice-10kg', 1);
  await sellHalf(u.token);
  const good = await verifyPool(api());
  expect(good.problems).toEqual([]);
  expect(good.ok).toBe(true);
  expect(good.events).toBeGreaterThan(1);
  const page = await call('GET', '/pool/log?from=1&limit=20');
  expect(page.status).toBe(200);
  expect(JSON.stringify(page.body)).not.toContain(u.userId);

  const items = (await scanAll()).filter((i) => i.type === 'pool_batch');
  const target = items.sort((a, b) => Number(a.batch) - Number(b.batch))[Math.floor(items.length / 2)]!;
  const original = { ...target };
  const body = JSON.parse(String(target.body));
  const entry = body.entries.find((e: { outcome?: unknown }) => e.outcome);
  entry.outcome.priceAfter = '9.99';
  try {
    await putItem({ ...target, body: JSON.stringify(body) });
    const bad = await verifyPool(api());
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatch(new RegExp(`^batch ${Number(target.batch)}: `));
  } finally {
    await putItem(original);
  }
  expect((await verifyPool(api())).ok).toBe(true);
});
