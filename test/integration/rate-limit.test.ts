// Abuse limits over HTTP (issue 13 item 2, issue 21 item 4): a second offline API on the same
// table with small limits (user 5, IP 8, login 4 per minute). Its requests come from local
// addresses (127.0.0.2–6) and users no other suite uses, so the counts are exact. Every call
// counts against its IP before anything is read (malformed and unauthenticated ones too);
// mutating calls count against their user once the token is verified. Over a limit: 429
// too_many_requests with Retry-After = the seconds left in the window. The sharded IP counter of
// large limits is checked in-process on the same table.
import http from 'http';
import path from 'path';
import { signToken } from '../../functions/src/auth/token';

const root = path.join(__dirname, '../..');
const LIMITS = { RATE_LIMIT_USER_PER_MIN: '5', RATE_LIMIT_IP_PER_MIN: '8', RATE_LIMIT_LOGIN_PER_MIN: '4' };
let api: { stop: () => Promise<void> } | undefined;
let port = 0;

interface Answer {
  status: number;
  code?: string;
  retryAfter?: string;
}

/** One request from a chosen local address (127.0.0.x all reach the loopback server). */
function send(
  method: string,
  p: string,
  o: { token?: string; body?: unknown; raw?: string; from?: string } = {},
): Promise<Answer> {
  const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: p,
        localAddress: o.from ?? '127.0.0.1',
        agent: false,
        headers: {
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...(o.token ? { Authorization: `Bearer ${o.token}` } : {}),
          ...(method === 'POST' ? { 'Idempotency-Key': `rl-${Math.random().toString(36).slice(2)}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let code: string | undefined;
          try {
            code = JSON.parse(text)?.error?.code;
          } catch {
            /* not JSON */
          }
          const ra = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, code, retryAfter: Array.isArray(ra) ? ra[0] : ra });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  const { freePort, startOffline } = require(path.join(root, 'scripts/stack.js'));
  const tableName = process.env.TABLE_NAME || 'greenpoints-local';
  const saved = { ...process.env };
  Object.assign(process.env, LIMITS);
  port = await freePort();
  api = await startOffline({ apiPort: port, ddbEndpoint: process.env.DDB_ENDPOINT, tableName });
  process.env = saved;
  // The counts below must fall in one window: start with at least 15 s of it left.
  const left = 60 - (Math.floor(Date.now() / 1000) % 60);
  if (left < 15) await new Promise((r) => setTimeout(r, left * 1000 + 200));
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

const run = Date.now().toString(36); // fresh users on every run, even on a kept table
const retryAfterNow = () => 60 - (Math.floor(Date.now() / 1000) % 60);

it('login: 4 a minute per IP, the 5th is refused with Retry-After and creates no user', async () => {
  for (let i = 1; i <= 4; i++)
    expect(
      (await send('POST', '/auth/login', { body: { devOpenId: `rl-${run}-${i}` }, from: '127.0.0.2' })).status,
    ).toBe(200);
  const over = await send('POST', '/auth/login', { body: { devOpenId: `rl-${run}-5` }, from: '127.0.0.2' });
  expect(over).toMatchObject({ status: 429, code: 'too_many_requests' });
  expect(Math.abs(Number(over.retryAfter) - retryAfterNow())).toBeLessThanOrEqual(1);
  const { getUserIdByOpenId } = await import('../../functions/src/repo/repository');
  expect(await getUserIdByOpenId(`dev:rl-${run}-5`)).toBeUndefined();
  expect(await getUserIdByOpenId(`dev:rl-${run}-4`)).toBeDefined();
  // Another address logs in as usual.
  expect((await send('POST', '/auth/login', { body: { devOpenId: `rl-${run}-6` }, from: '127.0.0.3' })).status).toBe(
    200,
  );
});

it('mutating calls: 5 a minute per user; every call, reads too, 8 per IP', async () => {
  const [a, b, c] = await Promise.all(
    ['a', 'b', 'c'].map((u) => signToken({ userId: `rl-${run}-${u}`, role: 'user' })),
  );
  const sell = (token: string, from = '127.0.0.4') => send('POST', '/wallet/sell', { token, body: {}, from });
  // A: five calls answered (400: the body is empty), the sixth refused before it is read.
  for (let i = 1; i <= 5; i++) expect((await sell(a)).code).toBe('invalid_request');
  const overUser = await sell(a);
  expect(overUser).toMatchObject({ status: 429, code: 'too_many_requests' });
  expect(Number(overUser.retryAfter)).toBeGreaterThanOrEqual(1);
  // A read is not counted against the user, but against the IP (its 7th call).
  expect((await send('GET', '/wallet', { token: a, from: '127.0.0.4' })).status).toBe(200);
  // B from the same IP: call 8 passes, the 9th is over the IP limit, a read as well.
  expect((await sell(b)).code).toBe('invalid_request');
  expect(await sell(b)).toMatchObject({ status: 429, code: 'too_many_requests' });
  expect(await send('GET', '/wallet', { token: b, from: '127.0.0.4' })).toMatchObject({ status: 429 });
  // C from another address is unaffected.
  expect((await sell(c, '127.0.0.5')).code).toBe('invalid_request');
});

it('malformed and unauthenticated calls count against the IP before they are read', async () => {
  const from = '127.0.0.6';
  const answers = [
    await send('POST', '/wallet/sell', { body: {}, from }), // no token
    await send('POST', '/wallet/sell', { token: 'not.a.token', body: { points: '1' }, from }),
    await send('POST', '/orders', { raw: '{not json', from }),
    await send('POST', '/orders', { raw: 'x'.repeat(70 * 1024), from }), // over 64 KB
    await send('GET', '/ledger?cursor=%%%', { from }),
    await send('GET', `/orders/${'o'.repeat(3000)}`, { from }),
    await send('POST', '/auth/login', { raw: '[]', from }),
    await send('GET', '/pool', { from }),
  ];
  expect(answers.map((r) => r.status)).toEqual([401, 401, 400, 413, 401, 401, 400, 200]);
  // The ninth call from that address is refused whatever it is, a good one with a token too.
  const good = await signToken({ userId: `rl-${run}-d`, role: 'user' });
  expect(await send('GET', '/wallet', { token: good, from })).toMatchObject({ status: 429, code: 'too_many_requests' });
  expect(await send('POST', '/wallet/sell', { raw: '{', from })).toMatchObject({ status: 429 });
});

describe('the sharded IP counter (in-process, same table)', () => {
  const saved = process.env.RATE_LIMIT_IP_PER_MIN;
  afterAll(() => {
    if (saved === undefined) delete process.env.RATE_LIMIT_IP_PER_MIN;
    else process.env.RATE_LIMIT_IP_PER_MIN = saved;
  });
  const window = () => Math.floor(Date.now() / 1000 / 60);

  it('a large limit spreads one address over several items; their sum is every call', async () => {
    const { rateLimit, shardsOf, MAX_SHARDS } = await import('../../functions/src/http/rate-limit');
    const { rateCounters } = await import('../../functions/src/repo/rate');
    const { getItem } = await import('../../functions/src/repo/ddb');
    const { keys } = await import('../../functions/src/repo/keys');
    process.env.RATE_LIMIT_IP_PER_MIN = '6000';
    expect(shardsOf('ip', 6000)).toBe(MAX_SHARDS);
    expect(shardsOf('ip', 8)).toBe(1); // small limits count exactly
    expect(shardsOf('user', 6000)).toBe(1);
    const ip = `10.21.${run.length}.${Math.floor(Math.random() * 250)}-${run}`;
    const now = Date.now();
    for (let i = 0; i < 80; i++) expect(await rateLimit(rateCounters, [['ip', ip]], now)).toBeUndefined();
    const w = Math.floor(now / 1000 / 60);
    const hits = await Promise.all(
      Array.from({ length: MAX_SHARDS }, async (_, n) => Number((await getItem(keys.rate('ip', ip, w, n)))?.hits ?? 0)),
    );
    expect(hits.reduce((x, y) => x + y, 0)).toBe(80);
    expect(hits.filter((h) => h > 0).length).toBeGreaterThan(1);
    expect(await getItem(keys.rate('ip', ip, w))).toBeUndefined(); // no unsharded item
  });

  it('a shard over its share of the limit refuses the call', async () => {
    const { rateLimit, MAX_SHARDS } = await import('../../functions/src/http/rate-limit');
    const { rateCounters } = await import('../../functions/src/repo/rate');
    const { putItem } = await import('../../functions/src/repo/ddb');
    const { keys } = await import('../../functions/src/repo/keys');
    process.env.RATE_LIMIT_IP_PER_MIN = '4000'; // 8 shards of 500
    const ip = `10.22.0.1-${run}`;
    const w = window();
    for (let n = 0; n < MAX_SHARDS; n++)
      await putItem({ ...keys.rate('ip', ip, w, n), type: 'rate_counter', hits: 500, expiresAt: (w + 2) * 60 });
    expect(await rateLimit(rateCounters, [['ip', ip]], w * 60_000 + 1000)).toMatchObject({ scope: 'ip', limit: 4000 });
  });
});
