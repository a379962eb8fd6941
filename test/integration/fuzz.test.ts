// Bad input never reaches the store (issue 21 item 1): every route of serverless.yml, over real
// HTTP, gets malformed path ids, cursors, query strings, headers and bodies, with and without a
// token, and must answer below 500 each time. The staff functions that page or take dates get
// malformed cursors and dates in-process and must answer a documented error, never `internal`.
// Bounded runs with a fixed seed (FUZZ_SEED overrides; printed), so a failure is repeatable.
import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { call, login, staff, uniq } from './helpers';
import { indexKeys, keys } from '../../functions/src/repo/keys';

const SEED = Number(process.env.FUZZ_SEED || 20261207);
const RUNS = Number(process.env.FUZZ_RUNS || 10);

interface Route {
  method: string;
  path: string;
}

/** Every HTTP route declared in serverless.yml (a new route is fuzzed without a change here). */
function routes(): Route[] {
  const yml = fs.readFileSync(path.join(__dirname, '../../serverless.yml'), 'utf8');
  const re = /httpApi:\s*\{\s*method:\s*([A-Z]+),\s*path:\s*(?:'([^']+)'|([^\s'}]+))\s*\}/g;
  return [...yml.matchAll(re)].map((m) => ({ method: m[1]!, path: (m[2] ?? m[3])! }));
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');

let tokens: string[] = [];
/** A second API on the same table with the abuse limits off: the fuzz's ~2,000 calls a minute
 * from 127.0.0.1 must not use up the shared API's per-IP limit for the suites running beside it. */
let base = '';
let api: { stop: () => Promise<void> } | undefined;
afterAll(async () => {
  await api?.stop();
});
let realCursors: string[] = [];
let userIds: string[] = [];

beforeAll(async () => {
  process.stdout.write(`[fuzz] seed ${SEED}, ${RUNS} runs a route and part\n`);
  const { freePort, startOffline } = require(path.join(__dirname, '../../scripts/stack.js'));
  const saved = { ...process.env };
  Object.assign(process.env, {
    RATE_LIMIT_USER_PER_MIN: '0',
    RATE_LIMIT_IP_PER_MIN: '0',
    RATE_LIMIT_LOGIN_PER_MIN: '0',
  });
  const port = await freePort();
  api = await startOffline({
    apiPort: port,
    ddbEndpoint: process.env.DDB_ENDPOINT,
    tableName: process.env.TABLE_NAME || 'greenpoints-local',
  });
  process.env = saved;
  base = `http://127.0.0.1:${port}`;
  const users = await Promise.all([login(uniq('fuzz-a')), login(uniq('fuzz-b'))]);
  tokens = users.map((u) => u.token);
  userIds = users.map((u) => u.userId);
  // Genuine sealed cursors (of another user or list than the one they are sent to, mostly).
  for (const u of users) {
    for (const p of ['/ledger?limit=1', '/orders?limit=1']) {
      const c = (await call('GET', p, { token: u.token })).body?.cursor;
      if (typeof c === 'string') realCursors.push(c);
    }
  }
  realCursors = realCursors.length ? realCursors : ['A'.repeat(60)];
}, 120_000);

const idArb = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.fullUnicodeString({ maxLength: 40 }),
  fc.stringOf(fc.constantFrom('o', 'a', 's', 'e', 'v', '_', '#', '0', '9', 'f', 'z', '-'), { maxLength: 70 }),
  // The known troublemakers and ids longer than a key, each twice as likely as the above.
  nasty(),
  nasty(),
  longId(),
  longId(),
);

/** An id longer than DynamoDB's 2,048-byte partition key, behind one of our prefixes. */
function longId() {
  return fc
    .tuple(fc.constantFrom('o', 'as', 'ev_', 'a', 'w', ''), fc.integer({ min: 2100, max: 6000 }))
    .map(([prefix, n]) => prefix + 'x'.repeat(n));
}

function nasty() {
  return fc.constantFrom(
    'o' + 'x'.repeat(3000),
    'ev_' + '0'.repeat(32),
    'ev_' + 'g'.repeat(32),
    'o' + '1'.repeat(20),
    'as' + '1'.repeat(20),
    'a0123456789ab',
    keys.user('x').PK,
    '../../etc/passwd',
    "' OR 1=1 --",
    '{"S":"x"}',
  );
}

const keyJson = fc.oneof(
  fc.object(),
  fc.record({ PK: fc.string(), SK: fc.oneof(fc.string(), fc.integer(), fc.boolean()) }),
  fc.tuple(fc.string(), fc.anything()).map(([p, x]) => ({ ...keys.product(p), ...indexKeys.product(p), x })),
);
/** A raw key of the caller's own partition in another shape (issue 21: these reached DynamoDB). */
const ownKeyJson = fc
  .tuple(fc.nat(), fc.oneof(fc.string(), fc.integer(), fc.boolean()), fc.option(fc.anything({ maxDepth: 1 })))
  .map(([i, sk, extra]) => {
    const u = userIds[0] ?? 'u'; // the caller's own partition: the token sent with it is users[0]'s
    return i % 2
      ? { ...keys.wallet(u), SK: sk, ...(extra === null ? {} : { x: extra }) }
      : {
          ...keys.order('o1'),
          ...indexKeys.order({ userId: u, status: 'paid', createdAt: String(sk), orderId: 'o1' }),
        };
  });
const cursorArb = fc.oneof(
  fc.string({ maxLength: 120 }),
  ownKeyJson.map((o) => b64(JSON.stringify(o))),
  ownKeyJson.map((o) => b64(JSON.stringify(o))),
  ownKeyJson.map((o) => b64(JSON.stringify(o))),
  keyJson.map((o) => b64(JSON.stringify(o))),
  fc.uint8Array({ minLength: 20, maxLength: 300 }).map((u) => Buffer.from(u).toString('base64url')),
  fc.constantFrom(...['', '%%%', 'A'.repeat(2500), '=', 'null']),
  fc.nat().map((i) => realCursors[i % realCursors.length]!),
  fc.tuple(fc.nat(), fc.nat()).map(([i, at]) => {
    const c = realCursors[i % realCursors.length]!;
    const k = at % c.length;
    return c.slice(0, k) + (c[k] === 'A' ? 'B' : 'A') + c.slice(k + 1);
  }),
);
const limitArb = fc.oneof(fc.integer().map(String), fc.string({ maxLength: 10 }), fc.double().map(String));
const qs = (o: Record<string, string>) => new URLSearchParams(o).toString();
/** One query part broken at a time (a bad limit would hide a bad cursor), or all of them. */
const queryArb = fc.oneof(
  cursorArb.map((cursor) => qs({ cursor })),
  cursorArb.map((cursor) => qs({ limit: '2', cursor })),
  limitArb.map((limit) => qs({ limit })),
  fc
    .record({
      cursor: cursorArb,
      limit: limitArb,
      from: fc.oneof(fc.integer().map(String), fc.string({ maxLength: 10 })),
      extra: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    })
    .map(({ extra, ...q }) => qs({ ...extra, ...q })),
);

const amount = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.double().map(String),
  fc.integer(),
  fc.double(),
  fc.constantFrom('1e3', '-0', '0.0000001', '١٢', 'NaN', '1'.repeat(45), '0x10'),
);
const bodyArb = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 200 }),
  fc.record({ points: amount, amount }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
  fc
    .record(
      {
        items: fc.array(fc.record({ productId: idArb, qty: fc.oneof(fc.integer(), fc.string(), fc.double()) })),
        payWith: fc.oneof(fc.string(), fc.constantFrom('wechat', 'equity')),
        address: fc.anything({ maxDepth: 2 }),
        addressId: idArb,
        kind: fc.constantFrom('return', 'refund_only', 'x'),
        reason: fc.string(),
        carrier: fc.string(),
        trackingNo: fc.string(),
        devOpenId: fc.string({ maxLength: 70 }),
        nickname: fc.fullUnicodeString({ maxLength: 30 }),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
  fc.constantFrom(
    '{"a":',
    '['.repeat(3000),
    '{"__proto__":{"x":1}}',
    'null',
    '"str"',
    '123',
    '\u0000',
    '{"points":"1"}',
  ),
);
const headersArb = fc.record({
  token: fc.oneof(
    fc.nat().map((i) => tokens[i % tokens.length]!),
    fc.constant(undefined),
    fc.string({ maxLength: 60 }),
    fc.constantFrom('a.b.c', 'Bearer', 'eyJhbGciOiJub25lIn0.e30.'),
  ),
  key: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 70 }), fc.hexaString({ minLength: 1, maxLength: 64 })),
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
});

type Headers_ = { token: string | undefined; key: string | undefined; contentType: string };

/** The route's path with its parameters replaced by the generated id (percent-encoded). */
function fill(p: string, id: string): string {
  const enc = encodeURIComponent(id) || 'x';
  return p.replace('{key+}', enc).replace(/\{[a-z]+\}/gi, enc);
}

async function send(r: Route, id: string, q: string, body: string, h: Headers_) {
  const headers: Record<string, string> = {};
  if (h.token !== undefined) headers.Authorization = h.token.includes('.') ? `Bearer ${h.token}` : h.token;
  if (h.key !== undefined) headers['Idempotency-Key'] = h.key.replace(/[^\x20-\x7e]/g, '');
  if (h.contentType) headers['Content-Type'] = h.contentType;
  const hasBody = r.method !== 'GET' && r.method !== 'DELETE';
  const url = `${base}${fill(r.path, id)}${q ? `?${q}` : ''}`;
  const res = await fetch(url, { method: r.method, headers, body: hasBody ? body : undefined });
  const text = await res.text();
  return { status: res.status, text, url: url.slice(0, 300) };
}

/** What a run breaks: one part at a time (a bad token or body would hide a bad id), or all. */
const PARTS = ['id', 'query', 'body', 'headers', 'all'] as const;
const VALID_ID = 'o1234567890abcdefghij'; // of the order form, naming nothing

describe('every route, malformed input: no 5xx', () => {
  it.each(routes().map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s',
    async (_name, r) => {
      expect(routes().length).toBeGreaterThanOrEqual(30);
      expect(routes().every((x) => /^\/[A-Za-z0-9/_{}+-]*$/.test(x.path) && !/\{[^}]*$/.test(x.path))).toBe(true);
      for (const broken of PARTS)
        await fc.assert(
          fc.asyncProperty(
            idArb,
            queryArb,
            bodyArb,
            headersArb,
            fc.hexaString({ minLength: 8, maxLength: 64 }),
            async (id, q, body, h, key) => {
              const all = broken === 'all';
              const a = await send(
                r,
                all || broken === 'id' ? id : VALID_ID,
                all || broken === 'query' ? q : '',
                all || broken === 'body' ? body : '{}',
                all || broken === 'headers' ? h : { token: tokens[0], key, contentType: 'application/json' },
              );
              if (a.status >= 500)
                throw new Error(`${r.method} ${a.url} answered ${a.status}: ${a.text.slice(0, 300)}`);
            },
          ),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
    },
    180_000,
  );
});

describe('staff functions, malformed cursors and dates: documented errors only', () => {
  const paged = ['list-orders', 'list-after-sale', 'list-withdrawals', 'audit-log'];

  it.each(paged)(
    '%s',
    async (name) => {
      const good = await staff(name, { status: 'paid', limit: 1 });
      const cursors = typeof good.result?.cursor === 'string' ? [good.result.cursor as string] : [];
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(cursorArb, fc.constantFrom(...(cursors.length ? cursors : ['x']))),
          fc.oneof(fc.integer(), fc.string({ maxLength: 5 })),
          async (cursor, limit) => {
            const out = await staff(name, { status: 'paid', cursor, limit });
            if (!out.ok && (out.error?.code === 'internal' || !out.error?.code))
              throw new Error(`${name} answered ${JSON.stringify(out.error)}`);
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // The genuine cursor opens for its own staff member and function only.
      if (cursors.length) {
        const other = await staff(
          paged.find((n) => n !== name)!,
          { status: 'paid', cursor: cursors[0] },
        );
        expect(other).toMatchObject({ ok: false, error: { code: 'invalid_cursor' } });
      }
    },
    120_000,
  );

  // Reads take any date; on the shared table the schedules get only days that have not come
  // (and malformed ones): those must be refused, so the fuzz moves no points and opens no day.
  const dateArb = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31') }).map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom('2400-01-01', '2026-02-30', '1991-06-01', '9999-99-99'),
  );
  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  it.each(['daily-report', 'settlement-report'])(
    '%s',
    async (name) => {
      await fc.assert(
        fc.asyncProperty(dateArb, async (date) => {
          const out = await staff(name, { date });
          if (!out.ok && (out.error?.code === 'internal' || !out.error?.code))
            throw new Error(`${name} ${date} answered ${JSON.stringify(out.error)}`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    120_000,
  );

  it.each(['release-locked', 'settle-day'])(
    '%s refuses every day that has not come',
    async (name) => {
      const notYet = fc.oneof(
        fc.string({ maxLength: 12 }),
        fc
          .integer({ min: 1, max: 3_000_000 })
          .map((d) => new Date(Date.now() + 8 * 3600_000 + d * 86400_000).toISOString().slice(0, 10)),
        fc.constantFrom('2400-01-01', '2026-02-30', '9999-99-99', ''),
      );
      await fc.assert(
        fc.asyncProperty(notYet, async (date) => {
          const out = await staff(name, { date });
          expect(out.ok).toBe(false);
          expect(['invalid_date', 'invalid_request', 'date_in_future', 'day_not_over']).toContain(out.error?.code);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(await staff(name, { date: '2400-01-01' })).toMatchObject({ ok: false });
      expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    },
    120_000,
  );
});
