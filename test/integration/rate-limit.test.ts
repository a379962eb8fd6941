// Abuse limits over HTTP (issue 13 item 2): a second offline API on the same table with small
// limits (user 5, IP 8, login 4 per minute). Its requests come from local addresses (127.0.0.2–5)
// and users no other suite uses, so the counts are exact. Over a limit: 429 too_many_requests
// with Retry-After = the seconds left in the window.
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
function send(method: string, p: string, o: { token?: string; body?: unknown; from?: string } = {}): Promise<Answer> {
  const body = o.body === undefined ? undefined : JSON.stringify(o.body);
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

it('mutating calls: 5 a minute per user and 8 per IP; reads are not counted', async () => {
  const [a, b, c] = await Promise.all(
    ['a', 'b', 'c'].map((u) => signToken({ userId: `rl-${run}-${u}`, role: 'user' })),
  );
  const sell = (token: string, from = '127.0.0.4') => send('POST', '/wallet/sell', { token, body: {}, from });
  // A: five calls answered (400: the body is empty), the sixth refused before it is read.
  for (let i = 1; i <= 5; i++) expect((await sell(a)).code).toBe('invalid_request');
  const overUser = await sell(a);
  expect(overUser).toMatchObject({ status: 429, code: 'too_many_requests' });
  expect(Number(overUser.retryAfter)).toBeGreaterThanOrEqual(1);
  expect((await send('GET', '/wallet', { token: a, from: '127.0.0.4' })).status).toBe(200);
  // B from the same IP: the IP has counted 6; calls 7 and 8 pass, the 9th is over the IP limit.
  expect((await sell(b)).code).toBe('invalid_request');
  expect((await sell(b)).code).toBe('invalid_request');
  expect(await sell(b)).toMatchObject({ status: 429, code: 'too_many_requests' });
  // C from another address is unaffected; an anonymous POST is refused as before (401, not counted).
  expect((await sell(c, '127.0.0.5')).code).toBe('invalid_request');
  expect((await send('POST', '/wallet/sell', { body: {}, from: '127.0.0.4' })).status).toBe(401);
});
