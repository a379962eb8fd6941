// The members' use cases (legacy import, first-login claim and referral binding, agents, team) on
// the in-memory stores (test/doubles/memory-members.ts), amounts worked out by hand. Nothing here reaches
// DynamoDB: a call that did would fail to connect. The DynamoDB Local suites
// (test/integration/programme/legacy, referrals, http) stay the proof.
import { createHash } from 'crypto';
import { emptyWallet, type Wallet } from '@greenpoints/shared';
import type { Deps } from '../src/domain/deps';
import type { CommonState } from './doubles/memory-common';
import type { MembersState } from './doubles/memory-members';
import { memoryDeps, memoryState } from './doubles/world';
import { importLegacyMembers, legacyHooks } from '../src/domain/programme/legacy';
import { directReferrals, firstLoginOfExisting, referrersOf, withParties } from '../src/domain/programme/referrals';
import { assignAgent, findAgent, listAgents } from '../src/domain/programme/agents';
import { teamView } from '../src/domain/programme/team';
import { userIdFor } from '../src/domain/shop/auth';
import { Tx } from '../src/domain/tx';
import { DomainError } from '../src/domain/errors';

let common: CommonState;
let members: MembersState;
let deps: Deps;

beforeEach(() => {
  const st = memoryState();
  common = st;
  members = st.members;
  deps = memoryDeps(st);
});
afterEach(() => {
  legacyHooks.afterRow = undefined;
});

const phoneUser = (phone: string) => 'u_' + createHash('sha256').update(`phone:${phone}`).digest('hex').slice(0, 20);
const storeCredit = (u: string) => (common.wallets.get(u)?.wallet ?? emptyWallet()).storeCredit;
const ledgerOf = (u: string) => [...common.ledger.values()].filter((r) => r.userId === u);
/** A user as the login creates one (with its referrer bound then). */
const user = (userId: string, nickname: string, createdAt: string, referrer?: string) =>
  common.users.set(userId, { userId, openId: `o_${userId}`, role: 'user', nickname, createdAt, referrer });
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return 'resolved';
};

// Store credit only: a points row's locked grant goes through the pool applier (DynamoDB Local tests).
const FILE = [
  'openid,phone,balance,nickname',
  'dev:old-1,,120.50,老王',
  ',13800138000,30.00,',
  'dev:old-3,13900139000,0.25,阿三',
].join('\n');

describe('legacy import', () => {
  it('refuses a file with a bad row whole and writes nothing', async () => {
    const bad = ['openid,balance', 'dev:fine-1,10.00', 'dev:fine-2,ten'].join('\n');
    const r = await importLegacyMembers(deps, { importId: 'bad', format: 'csv', data: bad }, 'staff');
    expect(r.status).toBe('rejected');
    expect(r.errors!.map((e) => e.line)).toEqual([3]);
    expect(common.commits).toBe(0);
    expect(members.imports.size + members.markers.size + common.users.size).toBe(0);
  });

  it('turns old balances into store credit, one member per row, found later by openid or phone', async () => {
    const r = await importLegacyMembers(deps, { importId: 'imp-1', format: 'csv', data: FILE }, 'staff');
    // 120.50 + 30.00 + 0.25 = 150.75
    expect(r).toMatchObject({
      status: 'done',
      rows: 3,
      storeCredit: '150.75',
      pointsLocked: '0',
      grantFunding: '0.00',
    });
    const [u1, u2, u3] = r.users!.map((u) => u.userId);
    expect([u1, u2, u3]).toEqual([userIdFor('dev:old-1'), phoneUser('13800138000'), userIdFor('dev:old-3')]);
    expect([storeCredit(u1!), storeCredit(u2!), storeCredit(u3!)]).toEqual(['120.50', '30.00', '0.25']);
    // One ledger entry each, named after the import's line.
    expect(ledgerOf(u1!)).toEqual([
      expect.objectContaining({ field: 'storeCredit', delta: '+120.5', eventId: 'legacy_imp-1_2_credit' }),
    ]);
    // The login's lookups find the members; none has logged in yet.
    expect(await deps.users.idByOpenId('dev:old-1')).toBe(u1);
    expect(members.phones.get('13900139000')).toBe(u3);
    expect([...members.logins.values()].every((l) => l.loggedIn === false && l.origin === 'legacy')).toBe(true);
    expect(members.logins.get(u2!)?.phone).toBe('13800138000');
    // Four identities, each marked once (row 4 by openid and phone).
    expect([...members.markers.keys()].sort()).toEqual([
      'openid:dev:old-1',
      'openid:dev:old-3',
      'phone:13800138000',
      'phone:13900139000',
    ]);
    expect(members.imports.get('imp-1')).toMatchObject({ status: 'done', rows: 3, by: 'staff' });
  });

  it('a re-run answers the stored report and doubles nothing; another file under the id is refused', async () => {
    const first = await importLegacyMembers(deps, { importId: 'imp-1', format: 'csv', data: FILE }, 'staff');
    const commits = common.commits;
    const again = await importLegacyMembers(deps, { importId: 'imp-1', format: 'csv', data: FILE }, 'staff');
    expect(again).toEqual(first);
    expect(common.commits).toBe(commits);
    expect(storeCredit(first.users![0]!.userId)).toBe('120.50');
    // The same members under another import id: every row is already imported.
    const twice = await importLegacyMembers(deps, { importId: 'imp-2', format: 'csv', data: FILE }, 'staff');
    expect(twice.status).toBe('rejected');
    expect(twice.errors!.map((e) => e.message)).toEqual([
      'already imported (import imp-1, line 2)',
      'already imported (import imp-1, line 3)',
      'already imported (import imp-1, line 4)',
    ]);
    // By phone alone, a member imported by openid and phone cannot come back either.
    const byPhone = await importLegacyMembers(
      deps,
      { importId: 'imp-3', format: 'json', data: [{ phone: '13900139000', balance: '1.00' }] },
      'staff',
    );
    expect(byPhone.errors![0]!.message).toBe('already imported (import imp-1, line 4)');
    const reused = importLegacyMembers(
      deps,
      { importId: 'imp-1', format: 'json', data: [{ openid: 'dev:other', balance: '1' }] },
      'staff',
    );
    expect(await codeOf(reused)).toBe('import_id_reused');
    expect(common.commits).toBe(commits);
  });

  it('resumes after a crash mid-import without crediting a row twice', async () => {
    legacyHooks.afterRow = (line) => {
      if (line === 3) throw new Error('injected crash');
    };
    await expect(importLegacyMembers(deps, { importId: 'imp-c', format: 'csv', data: FILE }, 'staff')).rejects.toThrow(
      'injected crash',
    );
    expect(members.imports.get('imp-c')?.status).toBe('applying');
    expect(storeCredit(phoneUser('13800138000'))).toBe('30.00');
    expect(storeCredit(userIdFor('dev:old-3'))).toBe('0.00'); // not reached
    legacyHooks.afterRow = undefined;
    const r = await importLegacyMembers(deps, { importId: 'imp-c', format: 'csv', data: FILE }, 'staff');
    expect(r.storeCredit).toBe('150.75');
    expect(storeCredit(userIdFor('dev:old-1'))).toBe('120.50');
    expect(storeCredit(phoneUser('13800138000'))).toBe('30.00');
    expect(storeCredit(userIdFor('dev:old-3'))).toBe('0.25');
    // Three credits in the ledger in all, one per row.
    expect([...common.ledger.values()].map((e) => e.delta).sort()).toEqual(['+0.25', '+120.5', '+30']);
    expect(members.steps.size).toBe(3);
  });

  it('a row whose openid already logged in credits that user, and creates no second user', async () => {
    const existing = userIdFor('dev:seen');
    user(existing, '老客', '2030-01-01T00:00:00.000Z');
    common.openIds.set('dev:seen', existing);
    const r = await importLegacyMembers(
      deps,
      { importId: 'imp-s', format: 'json', data: [{ openid: 'dev:seen', balance: '8.80' }] },
      'staff',
    );
    expect(r.users).toEqual([{ line: 1, userId: existing }]);
    expect(storeCredit(existing)).toBe('8.80');
    expect(common.users.size).toBe(1);
    expect(members.logins.has(existing)).toBe(false); // not pre-created: no first-login binding later
  });
});

describe('claiming at the first login, and the referral bound once', () => {
  const A = 'u_a';
  const importOne = async (openid: string) =>
    (
      await importLegacyMembers(
        deps,
        { importId: `imp-${openid.slice(4)}`, format: 'json', data: [{ openid, balance: '1.00' }] },
        'staff',
      )
    ).users![0]!.userId;

  it('binds a valid referrer at the first login, lists it under the referrer, and never rebinds', async () => {
    user(A, '阿甲', '2030-01-01T00:00:00.000Z');
    user('u_b', '乙', '2030-01-02T00:00:00.000Z');
    const Z = await importOne('dev:old-z');
    expect(await firstLoginOfExisting(deps, Z, A)).toEqual({ bound: A, refusal: undefined });
    expect((await deps.users.get(Z))?.referrer).toBe(A);
    expect(members.logins.get(Z)).toMatchObject({ loggedIn: true });
    expect((await directReferrals(deps, A)).map((d) => d.userId)).toEqual([Z]);
    // The first login was the only chance.
    expect(await firstLoginOfExisting(deps, Z, 'u_b')).toEqual({});
    expect((await deps.users.get(Z))?.referrer).toBe(A);
  });

  it('two first logins at once: exactly one of them binds', async () => {
    user(A, '阿甲', '2030-01-01T00:00:00.000Z');
    user('u_b', '乙', '2030-01-02T00:00:00.000Z');
    const Z = await importOne('dev:old-z2');
    const both = await Promise.all([firstLoginOfExisting(deps, Z, A), firstLoginOfExisting(deps, Z, 'u_b')]);
    expect(both.filter((r) => r.bound).length).toBe(1);
    expect((await deps.users.get(Z))?.referrer).toBe(both.find((r) => r.bound)!.bound);
  });

  it('refuses self-referral, an unknown referrer and a cycle; the login still counts', async () => {
    const X = await importOne('dev:old-x');
    expect(await firstLoginOfExisting(deps, X, X)).toEqual({ bound: undefined, refusal: 'self_referral' });
    const W = await importOne('dev:old-w');
    expect(await firstLoginOfExisting(deps, W, 'u_nobody')).toEqual({ bound: undefined, refusal: 'unknown_referrer' });
    // Y bound under V before V's first login; V naming Y (or Y's referral) would close a loop.
    const V = await importOne('dev:old-v');
    user('u_y', '小Y', '2030-02-01T00:00:00.000Z', V);
    user('u_y2', '小Y二', '2030-02-02T00:00:00.000Z', 'u_y');
    expect(await firstLoginOfExisting(deps, V, 'u_y2')).toEqual({ bound: undefined, refusal: 'referral_cycle' });
    expect((await deps.users.get(V))?.referrer).toBeUndefined();
    expect(members.logins.get(V)?.loggedIn).toBe(true);
  });

  it('an order completion names both referrer levels and the most specific agent', async () => {
    user('u_top', '顶', '2030-01-01T00:00:00.000Z');
    user('u_mid', '中', '2030-01-02T00:00:00.000Z', 'u_top');
    user('u_buyer', '买', '2030-01-03T00:00:00.000Z', 'u_mid');
    user('u_agent', '代', '2030-01-04T00:00:00.000Z');
    await assignAgent(deps, { region: '浙江省杭州市', userId: 'u_agent' }, 'staff');
    expect(await referrersOf(deps, 'u_buyer')).toEqual({ l1: 'u_mid', l2: 'u_top' });
    expect(await referrersOf(deps, 'u_top')).toEqual({});
    const e = await withParties(
      deps,
      {
        kind: 'order_completed',
        orderId: 'o1',
        buyer: 'u_buyer',
        amount: '100.00',
        contribution: '30.00',
        dividendContribution: '0',
      },
      '浙江省杭州市西湖区',
    );
    expect(e).toMatchObject({ referrers: { l1: 'u_mid', l2: 'u_top' }, agent: 'u_agent' });
  });
});

describe('agents', () => {
  beforeEach(() => {
    for (const u of ['u_g', 'u_h', 'u_k']) user(u, u, '2030-01-01T00:00:00.000Z');
  });

  it('the longest assigned prefix of the delivery region wins', async () => {
    await assignAgent(deps, { region: '浙江省', userId: 'u_g' }, 'staff');
    await assignAgent(deps, { region: '浙江省杭州市', userId: 'u_h' }, 'staff');
    await assignAgent(deps, { region: '4401', userId: 'u_k' }, 'staff');
    expect(await findAgent(deps, '浙江省杭州市西湖区')).toBe('u_h');
    expect(await findAgent(deps, '浙江省宁波市')).toBe('u_g');
    expect(await findAgent(deps, '440106')).toBe('u_k');
    expect(await findAgent(deps, '44')).toBeUndefined();
    expect(await findAgent(deps, '广东省')).toBeUndefined();
    expect(await findAgent(deps, undefined)).toBeUndefined();
    expect((await listAgents(deps)).map((a) => a.region)).toEqual(['4401', '浙江省', '浙江省杭州市']);
  });

  it('reassigns under the version read, removes, and refuses what it must', async () => {
    expect(await assignAgent(deps, { region: '浙江省', userId: 'u_g' }, 'staff')).toMatchObject({ previous: null });
    expect(await assignAgent(deps, { region: '浙江省', userId: 'u_h' }, 'staff')).toMatchObject({ previous: 'u_g' });
    expect(members.agents.get('浙江省')).toMatchObject({ userId: 'u_h', version: 2, by: 'staff' });
    expect(await assignAgent(deps, { region: '浙江省', remove: true }, 'staff')).toMatchObject({ removed: 'u_h' });
    expect(await findAgent(deps, '浙江省杭州市')).toBeUndefined();
    expect(await codeOf(assignAgent(deps, { region: '浙江省', remove: true }, 'staff'))).toBe('not_found');
    expect(await codeOf(assignAgent(deps, { region: '浙江省', userId: 'u_nobody' }, 'staff'))).toBe('not_found');
    expect(await codeOf(assignAgent(deps, { region: '浙 江', userId: 'u_g' }, 'staff'))).toBe('invalid_region');
    expect(members.agents.size).toBe(0);
  });

  it('two assignments of a new region at once: one wins, the other is a conflict', async () => {
    const r = await Promise.allSettled([
      assignAgent(deps, { region: '江苏省', userId: 'u_g' }, 'staff'),
      assignAgent(deps, { region: '江苏省', userId: 'u_h' }, 'staff'),
    ]);
    expect(r.filter((x) => x.status === 'fulfilled').length).toBe(1);
    const lost = r.find((x) => x.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as DomainError).code).toBe('conflict');
    expect(members.agents.get('江苏省')?.version).toBe(1);
  });
});

describe('team', () => {
  it('two levels of referrals, masked, and the earnings summed by kind from the ledger', async () => {
    user('u_me', '我', '2030-01-01T00:00:00.000Z');
    user('u_d1', '张三丰', '2030-01-02T00:00:00.000Z', 'u_me');
    user('u_d2', '李四', '2030-01-03T00:00:00.000Z', 'u_me');
    user('u_s1', '王小二', '2030-01-04T00:00:00.000Z', 'u_d1');
    const at = '2030-02-01T00:00:00.000Z';
    const c = (field: keyof Wallet, delta: string, why: string) => ({ user: 'u_me', field, delta, why });
    await new Tx(deps.tx)
      .addAll(
        deps.ledger.entries('ev1', 'order_completed', at, [
          c('cash', '+1.5', 'commission_l1'),
          c('equity', '+10.5', 'referral_l1'),
          c('cash', '+0.25', 'commission_l2'),
        ]),
      )
      .addAll(
        deps.ledger.entries('ev2', 'order_completed', at, [
          c('cash', '+2', 'agent_commission'),
          c('equity', '+0.25', 'referral_l2'),
          c('cash', '-9', 'sell'), // not an earning
        ]),
      )
      .commit();
    const t = await teamView(deps, 'u_me');
    expect(t.referrer).toBeNull();
    // Newest first; 张三丰 -> 张*丰, 李四 -> 李*, 王小二 -> 王*二.
    expect(t.direct).toEqual([
      { userId: 'u_d2', name: '李*', joinedAt: '2030-01-03T00:00:00.000Z' },
      { userId: 'u_d1', name: '张*丰', joinedAt: '2030-01-02T00:00:00.000Z' },
    ]);
    expect(t.second).toEqual([{ userId: 'u_s1', name: '王*二', joinedAt: '2030-01-04T00:00:00.000Z', via: '张*丰' }]);
    expect(t.counts).toEqual({ direct: 2, second: 1 });
    // 1.50 + 0.25 + 2.00 = 3.75 cash; points 10.5 and 0.25.
    expect(t.commissions).toBe('3.75');
    expect(t.commissionsByKind).toEqual({ l1: '1.50', l2: '0.25', agent: '2.00' });
    expect(t.referralPoints).toEqual({ l1: '10.5', l2: '0.25' });
    expect(t.partial).toBeUndefined();
    expect((await teamView(deps, 'u_s1')).referrer).toEqual({ userId: 'u_d1' });
  });
});
