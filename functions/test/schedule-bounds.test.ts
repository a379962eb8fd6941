// Bounded schedules (issue 21 item 2): dates up to today (China time), releases only from a
// holder's grant day, the stand-in clock on the local stage only.
import { dateUpTo, grantedBy, type LockedSinceStore } from '../src/domain/programme/schedule-bounds';
import { standInNow } from '../src/staff/clock';
import { DomainError } from '../src/domain/errors';

const saved = process.env.STAGE;
afterAll(() => {
  process.env.STAGE = saved;
});

const code = (f: () => unknown) => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('dateUpTo', () => {
  // 2026-12-07 23:30 UTC is already 2026-12-08 in China.
  const now = Date.parse('2026-12-07T23:30:00Z');
  it('defaults to today in China and accepts any real day up to it', () => {
    expect(dateUpTo(undefined, now)).toBe('2026-12-08');
    expect(dateUpTo('2026-12-08', now)).toBe('2026-12-08');
    expect(dateUpTo('1991-01-01', now)).toBe('1991-01-01'); // bounded per holder by the grant
  });
  it('refuses a day after today and a day that does not exist', () => {
    expect(code(() => dateUpTo('2026-12-09', now))).toBe('date_in_future');
    expect(code(() => dateUpTo('2400-01-01', now))).toBe('date_in_future');
    expect(code(() => dateUpTo('2026-02-30', now))).toBe('invalid_date');
    expect(code(() => dateUpTo('20261208', now))).toBe('invalid_date');
  });
});

describe('grantedBy', () => {
  const since = new Map([
    ['a', '2026-12-07T15:59:59.000Z'], // 2026-12-07 23:59:59 in China
    ['b', '2026-12-07T16:00:00.000Z'], // 2026-12-08 00:00 in China
    ['c', 'not a time'],
  ]);
  const deps = {
    locked: {
      lockedSince: async (ids: string[]) =>
        new Map(ids.flatMap((u) => (since.has(u) ? [[u, since.get(u)!] as [string, string]] : []))),
    } satisfies LockedSinceStore,
  };
  it('keeps the holders granted on or before the day, by China date; unknown ones are left out', async () => {
    expect(await grantedBy(deps, '2026-12-06', ['a', 'b', 'c', 'd'])).toEqual([]);
    expect(await grantedBy(deps, '2026-12-07', ['a', 'b', 'c', 'd'])).toEqual(['a']);
    expect(await grantedBy(deps, '2026-12-08', ['a', 'b', 'c', 'd'])).toEqual(['a', 'b']);
    expect(await grantedBy(deps, '2026-12-08', [])).toEqual([]);
  });
});

describe('standInNow', () => {
  it('is an ISO instant, accepted on the local stage only', () => {
    process.env.STAGE = 'local';
    expect(standInNow.safeParse('2031-01-02T04:00:00.000Z').success).toBe(true);
    expect(standInNow.safeParse(undefined).success).toBe(true);
    expect(standInNow.safeParse('tomorrow').success).toBe(false);
    process.env.STAGE = 'prod';
    expect(standInNow.safeParse('2031-01-02T04:00:00.000Z').success).toBe(false);
    expect(standInNow.safeParse(undefined).success).toBe(true);
  });
});
