// Referrals and agents on DynamoDB Local, hand-checked: binding once at the first login (share
// link or QR scene; no self, no cycle, no rebinding), point rewards of one or two levels inside
// the completion, cash commissions, the agent of the most specific region.
import { buy, fn, freshTable, login, ok, product, reconcileClean, setConfig, staff, wallet } from './world';
import { deps } from '../../ddb-deps';
import { keys } from '../../../functions/src/repo/keys';

let A = '';
let B = '';
let C = '';

beforeAll(async () => {
  await freshTable('ref');
  await product('p-100', '100.00', '30.00', '0.00');
});

async function referrerOf(userId: string): Promise<string | undefined> {
  return (await (await fn.repo()).getUser(userId))?.referrer;
}

describe('binding', () => {
  it('binds on the first login through the link or the QR scene, and never again', async () => {
    A = await login('ref-a');
    B = await login('ref-b', { referrer: A });
    C = await login('ref-c', { scene: encodeURIComponent(`r=${B}`) });
    expect(await referrerOf(B)).toBe(A);
    expect(await referrerOf(C)).toBe(B);
    // Rebinding: a later login with another referrer changes nothing.
    await login('ref-b', { referrer: C });
    expect(await referrerOf(B)).toBe(A);
  });

  it('refuses self-referral and unknown referrers (the login itself succeeds)', async () => {
    const { userIdFor } = await fn.auth();
    const self = userIdFor('dev:ref-self');
    expect(await login('ref-self', { referrer: self })).toBe(self);
    expect(await referrerOf(self)).toBeUndefined();
    const lost = await login('ref-lost', { referrer: 'u_doesnotexist0000000' });
    expect(await referrerOf(lost)).toBeUndefined();
  });

  it('refuses a cycle: a legacy member referred someone before their own first login', async () => {
    // X is imported (exists, never logged in); Y binds under X; X's first login names Y.
    const imp = await ok('import-legacy-members', {
      importId: 'ref-cycle',
      format: 'json',
      data: [{ openid: 'dev:ref-x', balance: '1.00' }],
    });
    const X = imp.users[0].userId;
    const Y = await login('ref-y', { referrer: X });
    expect(await referrerOf(Y)).toBe(X);
    expect(await login('ref-x', { referrer: Y })).toBe(X);
    expect(await referrerOf(X)).toBeUndefined();
    // …and that first login was the only chance.
    await login('ref-x', { referrer: A });
    expect(await referrerOf(X)).toBeUndefined();
  });

  it('a legacy member may bind a valid referrer at the first login', async () => {
    const imp = await ok('import-legacy-members', {
      importId: 'ref-first',
      format: 'json',
      data: [{ openid: 'dev:ref-z', balance: '1.00' }],
    });
    const Z = imp.users[0].userId;
    expect(await login('ref-z', { referrer: A })).toBe(Z);
    expect(await referrerOf(Z)).toBe(A);
  });
});

describe('rewards and commissions on completion', () => {
  let G = '';
  let H = '';

  it('two levels: points at the pre-order price, commissions floor2, the most specific agent', async () => {
    G = await login('ref-agent-province');
    H = await login('ref-agent-city');
    await ok('assign-agent', { region: '浙江省', userId: G });
    await ok('assign-agent', { region: '浙江省杭州市', userId: H });
    const cfg = await setConfig({
      referralLevels: 2,
      referralL1Rate: '0.1',
      referralL2Rate: '0.05',
      commissionL1Rate: '0.05',
      commissionL2Rate: '0.02',
      agentRate: '0.01',
    });
    expect(cfg.warnings.join()).toMatch(/多级分销/);
    expect(cfg.changed).toEqual(expect.arrayContaining(['referralLevels', 'agentRate']));

    // Empty pool, price 1: C gets 30 × 0.7 = 21, B (l1) 30 × 0.1 = 3, A (l2) 30 × 0.05 = 1.5.
    // Cash: B 100 × 0.05 = 5.00, A 100 × 0.02 = 2.00, H (浙江省杭州市 ⊂ address) 1.00, G nothing.
    expect((await buy(C, 'p-100')).pointsGranted).toBe('21');
    expect(await wallet(B)).toMatchObject({ equity: '3', cash: '5.00' });
    expect(await wallet(A)).toMatchObject({ equity: '1.5', cash: '2.00' });
    expect((await wallet(H)).cash).toBe('1.00');
    expect((await wallet(G)).cash).toBe('0.00');
    const { getPool, getParams } = await fn.repo();
    expect(await getPool((await getParams()).params)).toMatchObject({ fund: '30.00', circulating: '25.5' });
  });

  it('back to one level: only the direct referrer, at the new price; another region pays its own agent', async () => {
    await setConfig({ referralLevels: 1, referralL2Rate: '0', commissionL2Rate: '0' });
    // Fund 30, circulating 25.5: C 21 × 25.5/30 = 17.85, B 3 × 25.5/30 = 2.55; A nothing.
    // Delivered to 浙江省宁波市: only the province agent G matches.
    expect((await buy(C, 'p-100', 1, '浙江省宁波市海曙区')).pointsGranted).toBe('17.85');
    expect(await wallet(B)).toMatchObject({ equity: '5.55', cash: '10.00' });
    expect(await wallet(A)).toMatchObject({ equity: '1.5', cash: '2.00' });
    expect((await wallet(G)).cash).toBe('1.00');
    expect((await wallet(H)).cash).toBe('1.00');
  });

  it('the team shows both levels and the commissions; the leaderboard masks names', async () => {
    const { teamView } = await import('../../../functions/src/domain/programme/team');
    const tb = await teamView(deps, B);
    expect(tb.direct.map((d) => d.userId)).toEqual([C]);
    expect(tb.commissions).toBe('10.00');
    expect(tb.referralPoints).toEqual({ l1: '5.55', l2: '0' });
    const ta = await teamView(deps, A);
    expect(ta.direct.map((d) => d.userId).sort()).toEqual([B, await (await fn.auth()).userIdFor('dev:ref-z')].sort());
    expect(ta.second.map((s) => s.userId)).toEqual([C]);
    expect(ta.commissionsByKind).toEqual({ l1: '0.00', l2: '2.00', agent: '0.00' });

    const { leaderboard } = await import('../../../functions/src/domain/programme/levels');
    const top = await leaderboard(deps, C);
    expect(top[0]).toMatchObject({ rank: 1, equity: '38.85', me: true, level: '普通会员' });
    expect(top.map((t) => t.equity)).toEqual(['38.85', '5.55', '1.5']);
    expect(top.every((t) => t.name.includes('*'))).toBe(true);
  });

  it('config: refused when rewards exceed the contribution; versions are kept, never edited', async () => {
    const bad = await staff('set-config', { change: { rewardRatio: '0.95', referralL1Rate: '0.1' } });
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('invalid_params');
    const { getItem } = await fn.ddb();
    const current = await getItem(keys.config());
    expect(current!.version).toBe(2);
    const v1 = JSON.parse(String((await getItem(keys.configVersion(1)))!.params));
    const v2 = JSON.parse(String((await getItem(keys.configVersion(2)))!.params));
    expect([v1.referralLevels, v2.referralLevels]).toEqual([2, 1]);
    // Each change: its request (awaiting_approval), then its run once approved by a second member.
    const log = await ok('audit-log', { fn: 'set-config' });
    const runs = log.entries.filter((e: any) => e.outcome !== 'awaiting_approval');
    expect(runs.map((e: any) => e.ok)).toEqual([false, true, true]);
    expect(runs[1].result).toMatchObject({ version: 2, previousVersion: 1 });
    expect(runs[1]).toMatchObject({ requester: 'staff-prog', approver: 'staff-prog-2' });
  });

  it('reconcile is clean: I6 counts the commissions', async () => {
    expect(await reconcileClean()).toEqual([]);
  });
});
