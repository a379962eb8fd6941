// Sealed paging cursors and path-id forms, without a database (issue 21 item 1).
import { openCursor, sealCursor, sealPage } from '../../src/http/cursor-seal';
import { checkPathId } from '../../src/http/ids';
import { DomainError } from '../../src/domain/errors';
import { newId } from '../../src/domain/ids';
import { eventIdFor } from '../../src/domain/idempotency';
import { keys } from '../../src/repo/keys';

const saved = { ...process.env };
beforeEach(() => {
  process.env = { ...saved, STAGE: 'local' };
  delete process.env.CURSOR_SECRET;
});
afterAll(() => {
  process.env = saved;
});

const code = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof DomainError ? e.code : `not a domain error: ${String(e)}`;
  }
};

const inner = JSON.stringify(keys.ledger('a', '2026-12-07T00:00:00.000Z', 'ev_1', 0));
const mine = { caller: 'a', list: 'GET /ledger' };

describe('sealed cursors', () => {
  it('open to what was sealed, for the same caller and list only', () => {
    const c = sealCursor(inner, mine)!;
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(c).not.toContain(Buffer.from(keys.user('a').PK).toString('base64url').slice(0, 6));
    expect(openCursor(c, mine)).toBe(inner);
    expect(code(() => openCursor(c, { ...mine, caller: 'b' }))).toBe('invalid_cursor');
    expect(code(() => openCursor(c, { ...mine, list: 'GET /orders' }))).toBe('invalid_cursor');
  });

  it('refuse every edit, a raw store key, garbage and oversize with invalid_cursor', () => {
    const c = sealCursor(inner, mine)!;
    const flipped = [...Buffer.from(c, 'base64url')];
    for (const at of [0, 12, 30, flipped.length - 1]) {
      const b = Buffer.from(flipped);
      b[at] = b[at]! ^ 1;
      expect(code(() => openCursor(b.toString('base64url'), mine))).toBe('invalid_cursor');
    }
    const raw = Buffer.from(inner).toString('base64url');
    for (const bad of [raw, 'x', '%%%', c + '=', 'A'.repeat(5000), c.slice(0, 30)])
      expect(code(() => openCursor(bad, mine))).toBe('invalid_cursor');
    expect(openCursor('', mine)).toBeUndefined();
    expect(openCursor(undefined, mine)).toBeUndefined();
  });

  it('another secret does not open it; production refuses to run without one', () => {
    process.env.CURSOR_SECRET = 'one secret of at least thirty-two bytes!!';
    const c = sealCursor(inner, mine)!;
    process.env.CURSOR_SECRET = 'another secret of at least thirty-two bytes';
    expect(code(() => openCursor(c, mine))).toBe('invalid_cursor');
    process.env.STAGE = 'prod';
    delete process.env.CURSOR_SECRET;
    expect(() => sealCursor(inner, mine)).toThrow('CURSOR_SECRET');
    process.env.CURSOR_SECRET = 'placeholder-CURSOR_SECRET-ci-only-0000000000000';
    expect(() => sealCursor(inner, mine)).toThrow('placeholder');
    process.env.CURSOR_SECRET = 'short';
    expect(() => sealCursor(inner, mine)).toThrow('32 bytes');
  });

  it('a page keeps its other fields; no cursor stays none', () => {
    const p = sealPage({ items: [1], cursor: inner }, mine) as { items: number[]; cursor: string };
    expect(p.items).toEqual([1]);
    expect(openCursor(p.cursor, mine)).toBe(inner);
    expect(sealPage({ items: [] }, mine)).toEqual({ items: [] });
    expect(sealPage([1, 2], mine)).toEqual([1, 2]);
  });
});

describe('path ids', () => {
  it('the forms the server gives pass', () => {
    expect(() => checkPathId('/orders/x', { id: newId('o') })).not.toThrow();
    expect(() => checkPathId('/after-sale/x', { id: newId('as') })).not.toThrow();
    expect(() => checkPathId('/events/x', { id: eventIdFor('u', 'k') })).not.toThrow();
    expect(() => checkPathId('/addresses/x', { id: 'a0123456789ab' })).not.toThrow();
    expect(() => checkPathId('/orders', {})).not.toThrow();
  });

  it('any other form is the 404 an unknown id gets', () => {
    const long = 'o' + 'a'.repeat(3000);
    expect(code(() => checkPathId('/orders/x', { id: long }))).toBe('not_found');
    expect(code(() => checkPathId('/orders/x/confirm', { id: 'O123' }))).toBe('not_found');
    expect(code(() => checkPathId('/orders/x', { id: newId('as') }))).toBe('not_found');
    expect(code(() => checkPathId('/after-sale/x', { id: 'as#1' }))).toBe('not_found');
    expect(code(() => checkPathId('/events/x', { id: 'ev_' + 'g'.repeat(32) }))).toBe('not_found');
    expect(code(() => checkPathId('/addresses/x', { id: 'a' + '0'.repeat(300) }))).toBe('address_not_found');
    expect(code(() => checkPathId('/other/x', { id: 'x'.repeat(65) }))).toBe('not_found');
  });
});
