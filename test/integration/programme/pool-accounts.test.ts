// Every yuan in the pool log (issue 21 item 6, docs/reliability.md "Every yuan in the log"): a
// dividend day, its carry, legacy credits and releases, grants, buybacks, withdrawals and quota
// resets each enter the hash chain, and replaying the log from genesis gives the pool item's fund,
// circulating, treasury and accounts digit for digit. A rewritten note fails the replay.
import { randomBytes } from 'crypto';
import { emptyAccounts, emptyPool, type LoggedNote, type PoolAccounts } from '@greenpoints/shared';
import { buy, fn, login, ok, reconcileClean, setConfig, settlementWorld, staff, wallet } from './world';
import { addDays, businessDate } from '../../../functions/src/domain/calendar';
import { keys } from '../../../functions/src/repo/keys';
import type { BatchLog } from '../../../functions/src/domain/wallet/ports';
import { deps } from '../../ddb-deps';

const noon = (d: string) => Date.parse(`${d}T12:00:00+08:00`);
let day = '';
const users: string[] = [];

/** The stored log replayed from genesis, as reconcile and `npm run verify-pool` replay it. */
async function replay() {
  const { scanAll, getItem } = await fn.ddb();
  const { toBatch } = await import('../../../functions/src/repo/poollog');
  const { publicBatch, verifyBatches } = await import('../../../functions/src/domain/wallet/poolhash');
  const { getParamsVersion } = await fn.repo();
  const batches: BatchLog[] = (await scanAll())
    .filter((i) => i.type === 'pool_batch')
    .map(toBatch)
    .sort((a, b) => a.batch - b.batch);
  const params = new Map<number, Awaited<ReturnType<typeof getParamsVersion>>>();
  for (const v of new Set([0, ...batches.map((b) => b.paramsVersion)])) params.set(v, await getParamsVersion(v));
  const start = { pool: emptyPool(params.get(0)!), hash: '', accounts: emptyAccounts() };
  const v = verifyBatches(
    batches.map((b) => publicBatch(b)),
    (n) => params.get(n)!,
    start,
  );
  const item = (await getItem(keys.pool()))!;
  return { ...v, batches, item, held: JSON.parse(String(item.accounts)) as PoolAccounts };
}

/** The replay gives what the pool item holds, digit for digit. */
async function expectReplayMatches() {
  const r = await replay();
  expect(r.problems).toEqual([]);
  for (const f of ['fund', 'circulating', 'treasury'] as const) expect(r.pool![f]).toBe(String(r.item[f]));
  expect(r.accounts).toEqual(r.held);
  expect(await reconcileClean()).toEqual([]);
  return r;
}

const notesOf = (bs: BatchLog[]) => bs.flatMap((b) => b.notes ?? []);
const walletNotes = (bs: BatchLog[], kind: string) =>
  notesOf(bs).filter((n): n is Extract<LoggedNote, { kind: 'wallet' }> & { queueRef: string } => {
    return n.kind === 'wallet' && n.event.kind === kind;
  });
const entriesOf = (bs: BatchLog[]) => bs.flatMap((b) => b.entries);
/** Money as integer fen and back, so a test's amounts are computed without floats. */
const fen = (s: string) => BigInt(s.replace(/[+.]/g, ''));
const yuan = (n: bigint) => {
  const t = n.toString().padStart(3, '0');
  return `${t.slice(0, -2)}.${t.slice(-2)}`;
};
const idem = (userId: string) => {
  const key = 'k' + randomBytes(8).toString('hex');
  return { userId, key, hash: key };
};

beforeAll(async () => {
  ({ day } = await settlementWorld('accounts'));
  for (const n of ['acc-a', 'acc-b', 'acc-c']) users.push(await login(n));
});

afterAll(async () => {
  (await import('../../../functions/src/domain/wallet/applier')).applierHooks.now = undefined;
  (await import('../../../functions/src/adapters/wechat')).setLocalWeChatTransfer(undefined);
});

it('a dividend day with a carry, and the next day that takes the carry in, replay to the fund digit for digit', async () => {
  for (const u of users) await buy(u, 'div-100'); // 3 × 10.00 to the day's dividend fund
  const r = await ok('settle-day', { date: day });
  expect(r.status).toBe('done');
  expect(r.carried).not.toBe('0.00'); // floor2 of the pro rata shares leaves a carry
  const first = await expectReplayMatches();
  expect(first.accounts).toMatchObject({
    dividendIn: r.contributions,
    dividendTaken: r.contributions,
    dividendsPaid: r.paid,
    dividendCarry: r.carried,
    dividendDay: '0.00',
  });
  const notes = notesOf(first.batches);
  expect(notes.filter((n) => n.kind !== 'wallet')).toEqual([
    expect.objectContaining({ kind: 'day_open', date: day, contributions: r.contributions, carryIn: '0.00' }),
    expect.objectContaining({ kind: 'day_close', date: day, paid: r.paid, carryOut: r.carried }),
  ]);
  const paid = walletNotes(first.batches, 'dividend');
  expect(paid).toHaveLength(r.payees);
  for (const n of paid) expect((await wallet(n.user)).cash).toBe(n.event.kind === 'dividend' ? n.event.amount : '');

  // The next day: one more order, dated the day after; its settlement takes the carry in.
  const next = addDays(day, 1);
  (await import('../../../functions/src/domain/wallet/applier')).applierHooks.now = () => noon(next);
  await buy(users[0]!, 'div-100');
  (await fn.settlement()).settlementHooks.now = () => noon(addDays(next, 1));
  const r2 = await ok('settle-day', { date: next });
  expect(r2).toMatchObject({ status: 'done', carryIn: r.carried });
  const second = await expectReplayMatches();
  expect(notesOf(second.batches).filter((n) => n.kind === 'day_open')[1]).toMatchObject({ carryIn: r.carried });
  expect(second.accounts).toMatchObject({ dividendCarry: r2.carried, dividendDay: '0.00' });
});

it('a legacy import and release, a grant, a buyback, withdrawals and a quota reset each enter the chain', async () => {
  const today = businessDate(Date.now());
  const imp = await ok('import-legacy-members', {
    importId: 'acc-imp',
    format: 'csv',
    data: ['openid,phone,balance,points,nickname', 'dev:acc-old,,88.80,40,老李'].join('\n'),
  });
  expect(imp.status).toBe('done');
  const old = imp.users[0].userId as string;
  expect((await ok('release-locked', { date: today })).released).not.toBe('0');
  const [a, b] = users as [string, string];
  expect((await ok('grant', { userId: b, points: '2', reason: '活动', requestId: 'acc-g1' })).status).toBe('applied');
  expect((await ok('buyback', { userId: a, points: '1', requestId: 'acc-b1' })).status).toBe('applied');

  // Two withdrawals of a's cash: one paid out (WeChat says SUCCESS), one refused by staff.
  const { requestWithdrawal } = await import('../../../functions/src/domain/wallet/wallet');
  const w1 = (await requestWithdrawal(deps, a, idem(a), '5.00')).body as { withdrawalId: string };
  const w2 = (await requestWithdrawal(deps, a, idem(a), '2.00')).body as { withdrawalId: string };
  (await import('../../../functions/src/adapters/wechat')).setLocalWeChatTransfer({
    async transfer(o) {
      return { status: 'accepted', detail: 'scripted', bill: { withdrawalId: o.withdrawalId, state: 'SUCCESS' } };
    },
  });
  expect((await ok('approve-withdrawal', { withdrawalId: w1.withdrawalId })).status).toBe('approved');
  expect((await ok('approve-withdrawal', { withdrawalId: w2.withdrawalId, approve: false })).status).toBe('rejected');

  // An exit: a buyer whose quota (0.1 per yuan) the points' value reaches is sold out and reset.
  await setConfig({ quotaMultiplier: '0.1', exitEnabled: true });
  const later = addDays(day, 2);
  (await import('../../../functions/src/domain/wallet/applier')).applierHooks.now = () => noon(later);
  const exiting = await login('acc-exit');
  await buy(exiting, 'div-100');
  (await fn.settlement()).settlementHooks.now = () => noon(addDays(later, 1));
  expect((await ok('settle-day', { date: later })).exits).toBeGreaterThan(0);
  expect(await wallet(exiting)).toMatchObject({ quota: '0.00', equity: '0' });

  const r = await expectReplayMatches();
  const entries = entriesOf(r.batches);
  const has = (kind: string, pred: (e: any) => boolean = () => true) =>
    entries.some((e) => e.outcome && e.event.kind === kind && pred(e.event));
  expect(has('grant', (e) => e.user === old && e.reason === 'legacy' && e.locked)).toBe(true);
  expect(has('release_locked', (e) => e.user === old)).toBe(true);
  expect(has('grant', (e) => e.user === b && e.reason === '活动')).toBe(true);
  expect(has('sell', (e) => e.user === a && e.reason === 'buyback')).toBe(true);
  expect(walletNotes(r.batches, 'credit_store').map((n) => [n.user, n.outcome.changes[0]!.delta])).toEqual([
    [old, '+88.8'],
  ]);
  expect(walletNotes(r.batches, 'withdraw_request').map((n) => n.eventId)).toEqual([w1.withdrawalId, w2.withdrawalId]);
  expect(walletNotes(r.batches, 'withdraw_approve').map((n) => n.eventId)).toEqual([`${w1.withdrawalId}:approved`]);
  expect(walletNotes(r.batches, 'withdraw_reject').map((n) => n.eventId)).toEqual([`${w2.withdrawalId}:rejected`]);
  expect(walletNotes(r.batches, 'quota_reset').map((n) => n.user)).toEqual([exiting]);
  expect(r.accounts).toMatchObject({ withdrawn: '5.00', cashPending: '0.00', storeCreditIn: '88.80' });
});

it('a rewritten note fails the replay at its batch, even with the hash chain rebuilt after it', async () => {
  const { putItem, getItem, scanAll } = await fn.ddb();
  const stored = (await scanAll()).filter((i) => i.type === 'pool_batch');
  const byBatch = new Map(stored.map((i) => [Number(i.batch), i]));
  const { batches } = await replay();
  const target = batches.find((b) => (b.notes ?? []).some((n) => n.kind === 'wallet' && n.event.kind === 'dividend'))!;
  const poolBefore = (await getItem(keys.pool()))!;
  // One dividend paid 1 fen more: the event and its changes, consistently (the engine agrees).
  const body = JSON.parse(String(byBatch.get(target.batch)!.body));
  const note = body.notes.find((n: any) => n.kind === 'wallet' && n.event.kind === 'dividend');
  const more = (s: string) => yuan(fen(s) + 1n);
  note.event.amount = more(note.event.amount);
  for (const c of note.outcome.changes) c.delta = `+${more(c.delta)}`;
  try {
    await putItem({ ...byBatch.get(target.batch)!, body: JSON.stringify(body) });
    const plain = await replay();
    expect(plain.problems[0]).toBe(`batch ${target.batch}: its hash does not match its contents`);

    // Whoever can write the table rebuilds every hash from there on, and the head: the chain
    // holds, but the accounts do not.
    const { toBatch } = await import('../../../functions/src/repo/poollog');
    const { hashBatch } = await import('../../../functions/src/domain/wallet/poolhash');
    let prev = target.batch > 1 ? String(byBatch.get(target.batch - 1)!.hash) : '';
    for (let n = target.batch; byBatch.has(n); n++) {
      const item = n === target.batch ? { ...byBatch.get(n)!, body: JSON.stringify(body) } : byBatch.get(n)!;
      const b = { ...toBatch(item), prevHash: prev };
      const hash = hashBatch(b);
      await putItem({ ...item, prevHash: prev, hash });
      prev = hash;
    }
    await putItem({ ...poolBefore, hash: prev });
    const rebuilt = await replay();
    expect(rebuilt.problems[0]).toMatch(new RegExp(`^batch ${target.batch}: `));
    const after = target.accountsAfter!;
    const named = rebuilt.problems.find((p) =>
      p.startsWith(`batch ${target.batch}: accountsAfter is not what its events and notes give (`),
    );
    expect(named).toContain(`dividendsPaid ${after.dividendsPaid} ≠ ${yuan(fen(after.dividendsPaid) + 1n)}`);
    expect(named).toContain(`cash ${after.cash} ≠ ${yuan(fen(after.cash) + 1n)}`);
    expect(await reconcileClean()).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^I5 pool log batch ${target.batch}: accountsAfter`))]),
    );
  } finally {
    for (const item of stored) await putItem(item);
    await putItem(poolBefore);
  }
  expect(await reconcileClean()).toEqual([]);
});

it('a withdrawal refused by the engine leaves no note (nothing changed, nothing logged)', async () => {
  const [, , c] = users as [string, string, string];
  const before = notesOf((await replay()).batches).length;
  const { requestWithdrawal } = await import('../../../functions/src/domain/wallet/wallet');
  const cash = (await wallet(c)).cash;
  await expect(requestWithdrawal(deps, c, idem(c), yuan(fen(cash) + 100n))).rejects.toMatchObject({
    code: 'insufficient_cash',
  });
  expect(notesOf((await replay()).batches).length).toBe(before);
  await staff('drain-pool');
  expect(await reconcileClean()).toEqual([]);
});
