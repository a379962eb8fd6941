// Legacy members on DynamoDB Local: a file with bad rows is refused whole, with line numbers;
// a good one becomes store credit and funded locked grants, idempotently, resumable after a
// crash mid-import; locked points are released once a day at the configured rate.
import { fn, freshTable, login, ok, reconcileClean, staff, wallet } from './world';
import { log } from '../../../functions/src/log';
import { partitions } from '../../../functions/src/repo/keys';

const GOOD = [
  'openid,phone,balance,points,nickname',
  'dev:old-1,,120.50,300,老王',
  ',13800138000,0,50,',
  'dev:old-3,13900139000,30,,',
].join('\n');

let countItems: () => Promise<number>;

beforeAll(async () => {
  await freshTable('legacy');
  const { scanAll } = await fn.ddb();
  countItems = async () => (await scanAll()).filter((i) => i.PK !== partitions.audit).length;
});

it('refuses a file with bad rows whole, naming each line, and writes nothing', async () => {
  const before = await countItems();
  const bad = [
    'openid,phone,balance,points',
    'dev:fine-1,,10.00,10', // 2: fine on its own
    'dev:fine-2,,ten,1', // 3: not a number
    ',,1,1', // 4: no identity
    'dev:fine-1,,2,2', // 5: duplicate of line 2
  ].join('\n');
  const r = await ok('import-legacy-members', { importId: 'bad-1', format: 'csv', data: bad });
  expect(r.status).toBe('rejected');
  expect(r.errors.map((e: any) => e.line)).toEqual([3, 4, 5]);
  expect(r.errors[2].message).toMatch(/duplicate of line 2/);
  expect(await countItems()).toBe(before);
});

it('imports: old balance -> store credit, points -> a funded locked grant', async () => {
  const quiet = jest.spyOn(log, 'error').mockImplementation(() => undefined);
  const { legacyHooks } = await fn.legacy();
  // Crash after the second row: the rerun must finish without doubling rows 2 and 3.
  legacyHooks.afterRow = (line) => {
    if (line === 3) throw new Error('injected crash mid-import');
  };
  const crashed = await staff('import-legacy-members', { importId: 'imp-1', format: 'csv', data: GOOD });
  expect(crashed.ok).toBe(false);
  legacyHooks.afterRow = undefined;
  quiet.mockRestore();
  const { getUserIdByOpenId } = await fn.repo();
  const first = (await getUserIdByOpenId('dev:old-1'))!;
  expect((await wallet(first)).storeCredit).toBe('120.50'); // applied before the crash
  expect(await getUserIdByOpenId('dev:old-3')).toBeUndefined(); // not reached

  const r = await ok('import-legacy-members', { importId: 'imp-1', format: 'csv', data: GOOD });
  // Empty pool at price 1: 300 points are funded with 300.00; the pool is then 300 / 300
  // (price 1), so 50 more are funded with 50.00.
  expect(r).toMatchObject({
    status: 'done',
    rows: 3,
    storeCredit: '150.50',
    pointsLocked: '350',
    grantFunding: '350.00',
  });
  const [u1, u2, u3] = r.users.map((u: any) => u.userId);
  expect(await wallet(u1)).toMatchObject({
    storeCredit: '120.50',
    equityLocked: '300',
    lockedGranted: '300',
    equity: '0',
  });
  expect(await wallet(u2)).toMatchObject({ storeCredit: '0.00', equityLocked: '50' });
  expect(await wallet(u3)).toMatchObject({ storeCredit: '30.00', equityLocked: '0' });
  const { getPool, getParams } = await fn.repo();
  expect(await getPool((await getParams()).params)).toMatchObject({
    fund: '350.00',
    grantFunding: '350.00',
    circulating: '350',
    issued: '350',
  });

  // The same file again: the stored report, nothing doubled.
  const again = await ok('import-legacy-members', { importId: 'imp-1', format: 'csv', data: GOOD });
  expect(again.storeCredit).toBe('150.50');
  expect((await wallet(u1)).storeCredit).toBe('120.50');
  // Under another import id: every row is already imported.
  const twice = await ok('import-legacy-members', { importId: 'imp-2', format: 'csv', data: GOOD });
  expect(twice.status).toBe('rejected');
  expect(twice.errors.map((e: any) => e.line)).toEqual([2, 3, 4]);
  // Another file under a used id is refused.
  const reused = await staff('import-legacy-members', {
    importId: 'imp-1',
    format: 'json',
    data: [{ openid: 'dev:other', balance: '1' }],
  });
  expect(reused.error.code).toBe('import_id_reused');

  // A later WeChat login with the openid finds the imported member.
  expect(await login('old-1')).toBe(u1);
  expect(await reconcileClean()).toEqual([]);
});

it('releases the configured daily share once a day', async () => {
  const day = '2031-01-01';
  const r = await ok('release-locked', { date: day });
  // 1 % of lockedGranted: 300 -> 3, 50 -> 0.5.
  expect(r).toMatchObject({ date: day, status: 'done', users: 2, released: '3.5' });
  const { getUserIdByOpenId } = await fn.repo();
  const u1 = (await getUserIdByOpenId('dev:old-1'))!;
  expect(await wallet(u1)).toMatchObject({ equity: '3', equityLocked: '297' });
  const same = await ok('release-locked', { date: day });
  expect(same.released).toBe('3.5');
  expect(await wallet(u1)).toMatchObject({ equity: '3', equityLocked: '297' });
  await ok('release-locked', { date: '2031-01-02' });
  expect(await wallet(u1)).toMatchObject({ equity: '6', equityLocked: '294' });
  expect(await reconcileClean()).toEqual([]);
});

it('a member imported by openid and phone cannot come back by phone alone', async () => {
  // dev:old-3 was imported with phone 13900139000 (line 4 of imp-1).
  const r = await ok('import-legacy-members', {
    importId: 'imp-3',
    format: 'json',
    data: [{ phone: '13900139000', balance: '30.00' }],
  });
  expect(r.status).toBe('rejected');
  expect(r.errors[0].message).toMatch(/already imported \(import imp-1, line 4\)/);
});
