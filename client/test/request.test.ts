// The real API module over Taro's H5 request (fetch); only fetch itself is faked.
import Taro from '@tarojs/taro';
import { api, ApiError } from '../src/api';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

let seen: Seen[] = [];
let answers: Array<{ status: number; body: unknown } | Error> = [];

function response(status: number, body: unknown) {
  const text = JSON.stringify(body);
  return {
    status,
    ok: status < 300,
    headers: new Map([['content-type', 'application/json']]),
    json: async () => JSON.parse(text),
    text: async () => text,
  };
}

beforeEach(() => {
  seen = [];
  answers = [];
  (globalThis as { fetch?: unknown }).fetch = jest.fn(
    async (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => {
      seen.push({ url, method: init.method, headers: init.headers, body: init.body ?? '' });
      const a = answers.length > 1 ? answers.shift()! : answers[0];
      if (a instanceof Error) throw a;
      return response(a.status, a.body);
    },
  );
  Taro.setStorageSync('gp.token', 'tok');
});

test('a 202 pending answer is resumed with the same key and body until final', async () => {
  answers = [
    { status: 202, body: { eventId: 'ev1', status: 'pending', poll: '/events/ev1' } },
    {
      status: 200,
      body: {
        points: '21',
        gross: '108.6346',
        fee: '10.86',
        payout: '97.77',
        priceBefore: '5.1731',
        priceAfter: '5.1925',
      },
    },
  ];
  const r = await api.sell('21', 'key-1');
  expect(r.payout).toBe('97.77');
  expect(seen).toHaveLength(2);
  for (const s of seen) {
    expect(s.url).toBe('/api/wallet/sell');
    expect(s.method).toBe('POST');
    expect(s.headers['Idempotency-Key']).toBe('key-1');
    expect(s.headers.Authorization).toBe('Bearer tok');
    expect(JSON.parse(s.body)).toEqual({ points: '21' });
  }
});

test('API errors keep their code; a failed fetch is a retryable network error', async () => {
  answers = [{ status: 422, body: { error: { code: 'insufficient_points', message: 'not enough' } } }];
  await expect(api.sell('1', 'k')).rejects.toMatchObject({ status: 422, code: 'insufficient_points' });
  answers = [new TypeError('Failed to fetch')];
  const e = await api.wallet().catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ApiError);
  expect(e).toMatchObject({ status: 0, code: 'network' });
});

test('public reads send no token; calls without a login fail before the network', async () => {
  answers = [{ status: 200, body: [] }];
  await api.products();
  expect(seen[0].headers.Authorization).toBeUndefined();
  Taro.removeStorageSync('gp.token');
  await expect(api.wallet()).rejects.toMatchObject({ status: 401, code: 'not_logged_in' });
  expect(seen).toHaveLength(1);
});
