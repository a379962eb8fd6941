// The HTTP wrapper without a database: size limit, JSON, schema, auth, error mapping, CORS.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { RuleError } from '@greenpoints/shared';
import { routes, MAX_BODY_BYTES } from '../../src/http/wrapper';
import { memoryDeps } from '../doubles/world';
import { DomainError, conflict } from '../../src/domain/errors';
import { signToken } from '../../src/auth/token';
import { decodeCursor, encodeCursor } from '../../src/repo/cursor';
import { keys, partitions } from '../../src/repo/keys';
import { requestHash, KEY_RE, eventIdFor } from '../../src/domain/idempotency';

process.env.STAGE = 'local';
// Without a database: the abuse limits (DynamoDB counters, tested over HTTP in
// test/integration/rate-limit.test.ts) are off here.
for (const k of ['RATE_LIMIT_USER_PER_MIN', 'RATE_LIMIT_IP_PER_MIN', 'RATE_LIMIT_LOGIN_PER_MIN']) process.env[k] = '0';

// No counter is read with the limits off; Idempotency-Keys would live in memory.
const route = routes({ ...memoryDeps(), rateCounters: { hit: async () => 0 } });

const ev = (body: string | undefined, headers: Record<string, string> = {}): APIGatewayProxyEventV2 =>
  ({
    rawPath: '/x',
    headers,
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path: '/x' } },
  }) as unknown as APIGatewayProxyEventV2;
const parse = (r: { body?: string }) => JSON.parse(r.body ?? '{}');

const echo = route({ auth: false, body: z.object({ n: z.number().int() }).strict() }, async (c) => ({
  body: { n: c.body.n },
}));

describe('route()', () => {
  it('grants CORS to the configured origins only, never to any origin', async () => {
    process.env.CORS_ORIGINS = 'http://127.0.0.1:10086, http://localhost:10086';
    const r = await echo(ev('{"n":1}', { origin: 'http://localhost:10086' }));
    expect(r.statusCode).toBe(200);
    expect(r.headers?.['Access-Control-Allow-Origin']).toBe('http://localhost:10086');
    expect(String(r.headers?.['Access-Control-Allow-Headers'])).toContain('Idempotency-Key');
    expect(r.headers?.Vary).toBe('Origin');
    const foreign = await echo(ev('{"n":1}', { origin: 'https://evil.example' }));
    expect(foreign.statusCode).toBe(200);
    expect(foreign.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
    process.env.CORS_ORIGINS = '*';
    const wild = await echo(ev('{"n":1}', { origin: 'https://evil.example' }));
    expect(wild.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
    delete process.env.CORS_ORIGINS;
  });

  it('413 just above 64 KB, not at it (bytes, not characters)', async () => {
    const pad = (len: number) => JSON.stringify({ n: 1, p: 'x'.repeat(len) });
    const at = pad(MAX_BODY_BYTES - JSON.stringify({ n: 1, p: '' }).length);
    expect(Buffer.byteLength(at)).toBe(MAX_BODY_BYTES);
    expect((await echo(ev(at))).statusCode).toBe(400); // in size, but `p` is not allowed
    const over = await echo(ev(at + ' '));
    expect(over.statusCode).toBe(413);
    expect(parse(over).error.code).toBe('payload_too_large');
    const wide = JSON.stringify({ n: 1, p: '积'.repeat(22000) }); // 66 KB in UTF-8, 22 k characters
    expect((await echo(ev(wide))).statusCode).toBe(413);
  });

  it('400 malformed_json, 400 invalid_request', async () => {
    expect(parse(await echo(ev('{"n":'))).error.code).toBe('malformed_json');
    expect(parse(await echo(ev('{"n":"1"}'))).error.code).toBe('invalid_request');
    expect(parse(await echo(ev('{"n":1,"x":2}'))).error.code).toBe('invalid_request');
  });

  it('maps errors by kind: RuleError 422 (invalid_amount 400), DomainError by its kind, anything else 500', async () => {
    const thrower = (e: unknown) =>
      route({ auth: false }, async () => {
        throw e;
      });
    const r1 = await thrower(new RuleError('insufficient_points', 'no'))(ev(undefined));
    expect([r1.statusCode, parse(r1).error.code]).toEqual([422, 'insufficient_points']);
    const r2 = await thrower(new RuleError('invalid_amount', 'bad'))(ev(undefined));
    expect(r2.statusCode).toBe(400);
    const r3 = await thrower(conflict('out_of_stock', 'gone'))(ev(undefined));
    expect([r3.statusCode, parse(r3).error.code]).toEqual([409, 'out_of_stock']);
    const r3b = await thrower(new DomainError('not_found', 'product_not_found', 'no'))(ev(undefined));
    expect([r3b.statusCode, parse(r3b).error.code]).toEqual([404, 'product_not_found']);
    const r4 = await thrower(new Error('boom'))(ev(undefined));
    expect([r4.statusCode, parse(r4).error.code]).toEqual([500, 'internal']);
    expect(r4.body).not.toContain('boom');
  });

  it('401 without or with a bad token; the claims reach the handler', async () => {
    const me = route({}, async (c) => ({ body: { userId: c.userId, role: c.role } }));
    expect(parse(await me(ev(undefined))).error.code).toBe('invalid_token');
    expect((await me(ev(undefined, { Authorization: 'Bearer x.y.z' }))).statusCode).toBe(401);
    const t = await signToken({ userId: 'u_1', role: 'user' });
    expect(parse(await me(ev(undefined, { Authorization: `Bearer ${t}` })))).toEqual({ userId: 'u_1', role: 'user' });
  });

  it('a deleted account: its still valid token answers 401 invalid_token, before the handler runs', async () => {
    const deleted = new Set(['u_gone']);
    const asked: string[] = [];
    const withCheck = routes({
      ...memoryDeps(),
      rateCounters: { hit: async () => 0 },
      accounts: {
        deletedAt: async (u) => {
          asked.push(u);
          return deleted.has(u) ? '2026-12-01T00:00:00.000Z' : undefined;
        },
      },
    });
    let ran = 0;
    const me = withCheck({}, async (c) => ((ran += 1), { body: { userId: c.userId } }));
    const gone = await signToken({ userId: 'u_gone', role: 'user' });
    const r = await me(ev(undefined, { Authorization: `Bearer ${gone}` }));
    expect([r.statusCode, parse(r).error.code]).toEqual([401, 'invalid_token']);
    expect(ran).toBe(0);
    const here = await signToken({ userId: 'u_here', role: 'user' });
    expect(parse(await me(ev(undefined, { Authorization: `Bearer ${here}` })))).toEqual({ userId: 'u_here' });
    // Staff tokens are not shoppers' accounts: not asked.
    await me(ev(undefined, { Authorization: `Bearer ${await signToken({ userId: 'ops', role: 'staff' })}` }));
    expect(asked).toEqual(['u_gone', 'u_here']);
  });

  it('idempotent routes check the key before touching anything', async () => {
    const t = await signToken({ userId: 'u_1', role: 'user' });
    const r = route({ idempotent: true, body: z.object({}) }, async () => ({ body: {} }));
    expect(parse(await r(ev('{}', { Authorization: `Bearer ${t}` }))).error.code).toBe('idempotency_key_required');
    expect(parse(await r(ev('{}', { Authorization: `Bearer ${t}`, 'Idempotency-Key': 'a b' }))).error.code).toBe(
      'invalid_idempotency_key',
    );
  });
});

describe('idempotency and cursors', () => {
  it('the key format is 1-64 of [A-Za-z0-9_-]', () => {
    expect(KEY_RE.test('a'.repeat(64))).toBe(true);
    expect(KEY_RE.test('a'.repeat(65))).toBe(false);
    expect(KEY_RE.test('')).toBe(false);
    expect(KEY_RE.test('ok_key-1')).toBe(true);
    expect(KEY_RE.test('no/slash')).toBe(false);
  });
  it('the request hash depends on route and body; event ids on user and key', () => {
    expect(requestHash('POST', '/a', { x: 1 })).toBe(requestHash('POST', '/a', { x: 1 }));
    expect(requestHash('POST', '/a', { x: 1 })).not.toBe(requestHash('POST', '/b', { x: 1 }));
    expect(requestHash('POST', '/a', { x: 1 })).not.toBe(requestHash('POST', '/a', { x: 2 }));
    expect(eventIdFor('u1', 'k')).toBe(eventIdFor('u1', 'k'));
    expect(eventIdFor('u1', 'k')).not.toBe(eventIdFor('u2', 'k'));
  });
  it('a cursor only opens its own partition', () => {
    const last = { ...keys.ledger('a', '2026-01-01T00:00:00Z', 'e1', 0) };
    const c = encodeCursor(last)!;
    expect(decodeCursor(c, partitions.user('a'))).toEqual(last);
    expect(() => decodeCursor(c, partitions.user('b'))).toThrow(DomainError);
    expect(() => decodeCursor('%%%', partitions.user('a'))).toThrow(DomainError);
  });
});
