// reconcile must name what breaks: run it over an in-memory copy of the real table with one
// thing changed at a time (the table itself stays untouched).
import { login, completedOrder, sellHalf, uniq } from './helpers';
import { scanAll, type Item } from '../../functions/src/repo/ddb';
import { isKey, keys } from '../../functions/src/repo/keys';
import { reconcile } from '../../functions/src/repo/reconcile';

let items: Item[];
let userId: string;

beforeAll(async () => {
  const u = await login(uniq('rec'));
  userId = u.userId;
  await completedOrder(u.token, 'rice-10kg', 3);
  await sellHalf(u.token);
  items = await scanAll();
});

const copy = () => items.map((i) => ({ ...i }));

it('is clean on the real table', async () => {
  expect((await reconcile(copy())).problems).toEqual([]);
});

it('a wallet that does not match its ledger breaks I5 and I1', async () => {
  const t = copy();
  const w = t.find((i) => i.type === 'wallet' && i.userId === userId)!;
  w.equity = (Number(w.equity) + 1).toString();
  const p = (await reconcile(t)).problems.join('\n');
  expect(p).toMatch(/I5 wallet .*equity/);
  expect(p).toMatch(/I1 circulating/);
});

it('a pool fund that differs from its events breaks I2 and I5', async () => {
  const t = copy();
  const pool = t.find((i) => isKey(i, keys.pool()))!;
  pool.fund = (Number(pool.fund) + 1).toFixed(2);
  const p = (await reconcile(t)).problems.join('\n');
  expect(p).toMatch(/I2 fund/);
  expect(p).toMatch(/I5 pool\.fund/);
});

it('a lost ledger entry of cash breaks I5 and I6', async () => {
  const t = copy();
  const i = t.findIndex((x) => x.type === 'ledger' && x.userId === userId && x.field === 'cash');
  const w = t.find((x) => x.type === 'wallet' && x.userId === userId)!;
  w.cash = '0.00';
  t.splice(i, 1);
  const p = (await reconcile(t)).problems.join('\n');
  expect(p).toMatch(/I6/);
});

it('a tampered pool event does not replay and breaks the hash chain', async () => {
  const t = copy();
  // The last batch with an applied event (a batch may hold only notes: domain/wallet/notes.ts).
  const b = t
    .filter((x) => x.type === 'pool_batch')
    .filter((x) => JSON.parse(String(x.body)).entries.some((e: { outcome?: unknown }) => e.outcome))
    .pop()!;
  b.body = String(b.body).replace(/"priceAfter":"[0-9.]+"/, '"priceAfter":"999"');
  const p = (await reconcile(t)).problems.join('\n');
  expect(p).toMatch(/replays to another outcome/);
  expect(p).toMatch(/hash does not match/);
});
