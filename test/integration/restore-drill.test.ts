// The restore drill (issue 21 item 5): a table that has been used (orders completed, a day
// settled, legacy members imported, points released) is written to a backup file with parallel
// paged Scan segments, loaded into a fresh table with BatchWriteItem, and the copy is the same
// item for item; `reconcile` is clean on the copy and `verify-pool` over an API serving the copy
// agrees with its pool log. A truncated file and an existing table are refused.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { backupTable, opsClient, restoreTable } from '../../functions/src/ops/backup';
import { verifyPool } from '../../functions/src/staff/verify-pool';
import { buy, login, ok, product, reconcileClean, settlementWorld } from './programme/world';

const root = path.join(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-drill-'));
let source = '';
let api: { stop: () => Promise<void> } | undefined;

afterAll(async () => {
  await api?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every item of a table as its DynamoDB JSON, sorted: two tables compare line for line. */
async function dump(table: string): Promise<string[]> {
  const c = opsClient();
  const out: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const r = await c.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const i of r.Items ?? []) out.push(JSON.stringify(Object.fromEntries(Object.entries(i).sort())));
    start = r.LastEvaluatedKey;
  } while (start);
  c.destroy();
  return out.sort();
}

beforeAll(async () => {
  const { day } = await settlementWorld('drill');
  source = process.env.TABLE_NAME!;
  await product('drill-tea', '58.00', '12.00', '3.00');
  const a = await login('drill-a');
  const b = await login('drill-b', { referrer: a });
  await buy(a, 'div-100', 2);
  await buy(b, 'drill-tea');
  await buy(b, 'div-100');
  await ok('import-legacy-members', {
    importId: 'drill-1',
    format: 'csv',
    data: 'openid,phone,balance,points\ndev:drill-old,,12.00,40',
  });
  await ok('release-locked', {});
  expect(await ok('settle-day', { date: day })).toMatchObject({ status: 'done' });
  expect(await reconcileClean()).toEqual([]);
}, 180_000);

it('backs up a used table and restores it into a fresh one, item for item', async () => {
  const file = path.join(dir, 'drill.jsonl');
  // Small pages and three segments, so paging and the parallel segments are both exercised.
  const b = await backupTable(source, file, { segments: 3, pageSize: 7 });
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  expect(b.items).toBeGreaterThan(30);
  expect(lines.length).toBe(b.items + 2); // header, items, closing count
  expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'greenpoints-backup/1', table: source, segments: 3 });
  expect(JSON.parse(lines[lines.length - 1]!)).toEqual({ end: true, items: b.items });

  const copy = `${source}-copy`;
  const r = await restoreTable(file, copy, { concurrency: 3 });
  expect(r.items).toBe(b.items);
  const [want, got] = await Promise.all([dump(source), dump(copy)]);
  expect(got.length).toBe(b.items);
  expect(got).toEqual(want);

  // The copy holds: reconcile (I1–I7, the replay, the programme) …
  process.env.TABLE_NAME = copy;
  try {
    expect(await reconcileClean()).toEqual([]);
  } finally {
    process.env.TABLE_NAME = source;
  }
  // … and verify-pool over an API serving the copy.
  const { freePort, startOffline } = require(path.join(root, 'scripts/stack.js'));
  const port = await freePort();
  api = await startOffline({ apiPort: port, ddbEndpoint: process.env.DDB_ENDPOINT, tableName: copy });
  const v = await verifyPool(`http://127.0.0.1:${port}`);
  expect(v.problems).toEqual([]);
  expect(v.ok).toBe(true);
  expect(v.events).toBeGreaterThan(3);
}, 240_000);

it('refuses a truncated file and a table that exists, and creates nothing', async () => {
  const file = path.join(dir, 'whole.jsonl');
  await backupTable(source, file);
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  const cut = path.join(dir, 'cut.jsonl');
  fs.writeFileSync(cut, lines.slice(0, -3).join('\n') + '\n'); // lost its last items and the closing line
  await expect(restoreTable(cut, `${source}-cut`)).rejects.toThrow(/incomplete/);
  const short = path.join(dir, 'short.jsonl');
  fs.writeFileSync(short, [...lines.slice(0, 3), lines[lines.length - 1]].join('\n') + '\n'); // count says more
  await expect(restoreTable(short, `${source}-short`)).rejects.toThrow(/incomplete/);
  await expect(restoreTable(file, source)).rejects.toThrow(/exists/);
  await expect(backupTable(source, file)).rejects.toThrow(); // never overwrites a backup
  const { ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
  const c = opsClient();
  const names = (await c.send(new ListTablesCommand({}))).TableNames ?? [];
  c.destroy();
  expect(names).not.toContain(`${source}-cut`);
  expect(names).not.toContain(`${source}-short`);
});
