// Pure parts of the full programme, with hand-checked numbers.
import { defaultParams, emptyWallet, type Wallet } from '@greenpoints/shared';
import { chunkDividends, afterPaying } from '../../src/domain/programme/settlement';
import { parseLegacyFile, splitCsvLine } from '../../src/domain/programme/legacy';
import { bindingRefusal, referrerFromScene } from '../../src/domain/programme/referrals';
import { agentFor, regionPrefixes } from '../../src/domain/programme/agents';
import { maskName, topOf } from '../../src/domain/programme/levels';
import { configWarnings, changedKeys, WARN_TWO_LEVELS } from '../../src/domain/operator/config';
import { businessDate, daysBetween, lastDates, isValidDate, addDays } from '../../src/domain/calendar';
import { gsi, RANK_SHARDS, rankShard, sortablePoints, walletIndexAttrs } from '../../src/repo/keys';

const wallet = (o: Partial<Wallet>): Wallet => ({ ...emptyWallet(), ...o });

describe('settlement chunk math', () => {
  it('pays pro rata to the snapshot weights, floor2, capped at the quota left', () => {
    // Fund 100.00 over weights 10 + 20 + 30 = 60 (hand-checked):
    // a: 100 × 10/60 = 16.666… -> 16.66; b: 33.333… -> 33.33 but only 5.00 of quota left;
    // c: 50.00 exactly.
    const w = new Map([
      ['a', wallet({ quota: '200.00' })],
      ['b', wallet({ quota: '20.00', dividendsPaid: '15.00' })],
      ['c', wallet({ quota: '1000.00' })],
    ]);
    const pays = chunkDividends(
      '100.00',
      '60',
      [
        ['a', '10'],
        ['b', '20'],
        ['c', '30'],
      ],
      w,
    );
    expect(pays).toEqual([
      { userId: 'a', amount: '16.66' },
      { userId: 'b', amount: '5.00' },
      { userId: 'c', amount: '50.00' },
    ]);
  });

  it('pays nothing to a user whose quota is used up or who holds no weight', () => {
    const w = new Map([
      ['a', wallet({ quota: '10.00', dividendsPaid: '10.00' })],
      ['b', wallet({ quota: '10.00' })],
    ]);
    expect(
      chunkDividends(
        '50.00',
        '5',
        [
          ['a', '5'],
          ['b', '0'],
        ],
        w,
      ),
    ).toEqual([]);
  });

  it('goes on to exits only when they were enabled when the day opened', () => {
    expect(afterPaying({ exitEnabled: true })).toBe('exiting');
    expect(afterPaying({ exitEnabled: false })).toBe('done');
  });
});

describe('legacy file parsing', () => {
  it('reads a CSV with a header, quotes and blank lines; line numbers count the header', () => {
    const csv =
      'openid,phone,balance,points,nickname\n' +
      'oA1b2C3d4E5f6,,120.50,300,"王, 小明"\n' +
      '\n' +
      ',13800138000,0,12.5,\n';
    const { rows, errors } = parseLegacyFile('csv', csv);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, openid: 'oA1b2C3d4E5f6', balance: '120.50', points: '300', nickname: '王, 小明' },
      { line: 4, phone: '13800138000', balance: '0.00', points: '12.5', nickname: '' },
    ]);
  });

  it('reports every bad row by its line, duplicates included', () => {
    const csv = [
      'openid,phone,balance,points',
      'oGOOD000001,,10,1', // 2 good
      ',,10,1', // 3 no identity
      'oGOOD000002,12345,10,1', // 4 bad phone
      'oGOOD000003,,10.123,1', // 5 three decimals of money
      'oGOOD000004,,0,0', // 6 nothing to import
      'oGOOD000001,,5,5', // 7 duplicate of line 2
      'oGOOD000005,,1', // 8 field count
      'oGOOD000006,,-3,1', // 9 negative
      'oGOOD000007,,1,0.0000001', // 10 seven decimals of points
    ].join('\n');
    const { errors } = parseLegacyFile('csv', csv);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(errors.find((e) => e.line === 7)!.message).toMatch(/duplicate of line 2/);
    expect(errors.find((e) => e.line === 8)!.message).toMatch(/3 fields, the header has 4/);
  });

  it('refuses a CSV whose header names an unknown column', () => {
    expect(parseLegacyFile('csv', 'openid,amount\nx,1').errors).toEqual([
      { line: 1, message: expect.stringMatching(/header/) },
    ]);
  });

  it('reads a JSON array; amounts must be strings, positions count from 1', () => {
    const { rows, errors } = parseLegacyFile('json', [
      { openid: 'oJSON000001', balance: '8.80', points: '100' },
      { phone: '13900139000', balance: 8.8 },
      { openid: 'oJSON000003', points: '1', extra: 1 },
      'nope',
    ]);
    expect(rows).toEqual([{ line: 1, openid: 'oJSON000001', balance: '8.80', points: '100', nickname: '' }]);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(errors[0]!.message).toMatch(/not as a number/);
  });

  it('splits CSV lines with doubled quotes and refuses unbalanced ones', () => {
    expect(splitCsvLine('a,"b ""c""",d')).toEqual(['a', 'b "c"', 'd']);
    expect(splitCsvLine('a,"b')).toBeUndefined();
  });
});

describe('referral binding rules', () => {
  it('refuses self, rebinding, unknown referrers and cycles', () => {
    expect(bindingRefusal('u1', undefined, 'u1', true, [])).toBe('self_referral');
    expect(bindingRefusal('u1', 'u9', 'u2', true, [])).toBe('already_bound');
    expect(bindingRefusal('u1', undefined, 'u2', false, [])).toBe('unknown_referrer');
    // u2's chain goes u3 -> u1: binding u1 under u2 would close the loop.
    expect(bindingRefusal('u1', undefined, 'u2', true, ['u3', 'u1'])).toBe('referral_cycle');
    expect(bindingRefusal('u1', undefined, 'u2', true, ['u3'])).toBeUndefined();
  });

  it('reads the referrer from a mini-program scene', () => {
    expect(referrerFromScene('r%3Du_abc123')).toBe('u_abc123');
    expect(referrerFromScene('r=u_abc123&x=1')).toBe('u_abc123');
    expect(referrerFromScene('u_abc123')).toBe('u_abc123');
    expect(referrerFromScene('x=1')).toBeUndefined();
    expect(referrerFromScene('r=bad id')).toBeUndefined();
    expect(referrerFromScene(undefined)).toBeUndefined();
  });
});

describe('regional agents', () => {
  it('the most specific assigned prefix wins', () => {
    const assigned = new Map([
      ['44', 'prov'],
      ['4401', 'city'],
      ['浙江省', 'zj'],
    ]);
    expect(agentFor('440106', assigned)).toBe('city');
    expect(agentFor('440300', assigned)).toBe('prov');
    expect(agentFor('4401', assigned)).toBe('city');
    expect(agentFor('310101', assigned)).toBeUndefined();
    expect(agentFor('浙江省杭州市西湖区', assigned)).toBe('zj');
    assigned.set('440106', 'district');
    expect(agentFor('440106', assigned)).toBe('district');
  });

  it('lists prefixes longest first, at least 2 characters', () => {
    expect(regionPrefixes('44010')).toEqual(['44010', '4401', '440', '44']);
    expect(regionPrefixes('4')).toEqual([]);
  });
});

describe('names, levels, leaderboard merge', () => {
  it('masks names so nobody is identified', () => {
    expect(maskName('张三丰', 'u_1')).toBe('张*丰');
    expect(maskName('李四', 'u_1')).toBe('李*');
    expect(maskName('Alexander', 'u_1')).toBe('A***r');
    expect(maskName('', 'u_0123456789abcdef')).toBe('用户****cdef');
  });

  it('merges shard lists by equity, descending, exact decimals', () => {
    const top = topOf(
      [
        [
          { userId: 'a', weight: '10.5' },
          { userId: 'b', weight: '2' },
        ],
        [{ userId: 'c', weight: '10.500001' }],
        [{ userId: 'd', weight: '9.999999' }],
      ],
      3,
    );
    expect(top.map((t) => t.userId)).toEqual(['c', 'a', 'd']);
  });

  it('sortable points compare as strings the way the numbers do', () => {
    const xs = ['0.000001', '9.5', '10', '100000000', '12.345678'];
    const sorted = [...xs].sort((a, b) => (sortablePoints(a) < sortablePoints(b) ? -1 : 1));
    expect(sorted).toEqual(['0.000001', '9.5', '10', '12.345678', '100000000']);
  });

  it('wallet index attributes: holder while quota > 0, ranked while holding equity', () => {
    expect(walletIndexAttrs('u1', wallet({}))).toEqual({});
    const a = walletIndexAttrs('u1', wallet({ quota: '2.00', equity: '1.5', equityLocked: '2' }));
    expect(a.GSI2PK).toBe(gsi.holders);
    expect(a.GSI2SK).toBe('u1');
    expect(a.GSI1SK).toBe(`${sortablePoints('3.5')}#u1`);
    expect(a.GSI1PK).toBe(gsi.rank(rankShard('u1')));
    expect(rankShard('u1')).toBeGreaterThanOrEqual(0);
    expect(rankShard('u1')).toBeLessThan(RANK_SHARDS);
  });
});

describe('config warnings', () => {
  it('warns in zh-CN about two referral levels on the WeChat platform', () => {
    const next = { ...defaultParams, referralLevels: 2 as const, referralL2Rate: '0.02' };
    const w = configWarnings(defaultParams, next);
    expect(w).toContain(WARN_TWO_LEVELS);
    expect(WARN_TWO_LEVELS).toMatch(/多级分销/);
    expect(changedKeys(defaultParams, next).sort()).toEqual(['referralL2Rate', 'referralLevels']);
    expect(configWarnings(defaultParams, { ...defaultParams, referralLevels: 1 })).toEqual([]);
  });
});

describe('business days (China time)', () => {
  it('a day runs from 16:00 UTC to 16:00 UTC', () => {
    expect(businessDate('2026-11-24T15:59:59.999Z')).toBe('2026-11-24');
    expect(businessDate('2026-11-24T16:00:00.000Z')).toBe('2026-11-25');
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(lastDates('2026-11-21', '2026-11-23', 10)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
    expect(lastDates('2026-11-21', '2026-11-23', 2)).toEqual(['2026-11-22', '2026-11-23']);
    expect(lastDates('2026-11-24', '2026-11-23', 10)).toEqual([]);
    expect(daysBetween('2026-11-21', '2026-11-23')).toBe(3);
    expect(daysBetween('2025-11-23', '2026-11-23')).toBe(366);
    expect(daysBetween('2026-11-24', '2026-11-23')).toBe(0);
  });
});
