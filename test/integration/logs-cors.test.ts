// Over HTTP on the local stack: the API's log lines (the offline process's output, captured by
// scripts/stack.js in STACK_LOG_FILE) are JSON with the request's keys and never carry a token,
// the JWT secret or a bearer header; CORS is granted to the configured H5 origins only.
import fs from 'fs';
import { API, call, completeNow, login, settled, shippedOrder } from './helpers';

const DEV_SECRET = 'greenpoints-local-dev-secret-not-for-production!'; // auth/token.ts, local stage
const logFile = () => {
  const f = process.env.STACK_LOG_FILE;
  if (!f) throw new Error('STACK_LOG_FILE is not set (run through npm test)');
  return f;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A complete JSON line's fields, or undefined (a line still being written, or not JSON). */
function parsed(line: string): Record<string, unknown> | undefined {
  if (!line.trim().startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * The log lines written since `from` (bytes), once the request line of each id in `ids` is there
 * whole (bounded wait: another line of the same request, or a half-flushed one, may come first).
 */
async function linesSince(from: number, ids: string[]): Promise<string[]> {
  for (let i = 0; i < 150; i++) {
    const lines = fs.readFileSync(logFile()).subarray(from).toString('utf8').split('\n');
    const done = new Set(lines.map(parsed).flatMap((e) => (e?.message === 'request' ? [String(e.requestId)] : [])));
    if (ids.every((id) => done.has(id))) return lines;
    await sleep(100);
  }
  throw new Error(`the request lines of ${ids.join(', ')} never reached ${logFile()}`);
}

describe('structured logs', () => {
  it('a scenario (login, order, pay, receipt, completion, sell) logs JSON lines with its keys and no secret', async () => {
    const from = fs.statSync(logFile()).size;
    const u = await login();
    const id = await shippedOrder(u.token);
    const c = await settled('POST', `/orders/${id}/confirm`, { token: u.token, body: {} });
    expect(c.status).toBe(200);
    if (c.body.status !== 'completed') await completeNow(id, c.body.completesAt); // the window closes
    const sell = await settled('POST', '/wallet/sell', { token: u.token, body: { points: '1' } });
    expect(sell.status).toBe(200);
    const bad = await call('GET', '/wallet', { headers: { Authorization: `Bearer ${u.token}x` } });
    expect(bad.status).toBe(401);
    const requestId = sell.headers.get('x-request-id');
    const badId = bad.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    expect(badId).toBeTruthy();
    expect(badId).not.toBe(requestId);

    const lines = await linesSince(from, [requestId!, badId!]);
    const text = lines.join('\n');
    expect(text).not.toContain(u.token);
    expect(text).not.toContain(u.token.split('.')[2]); // not even the signature part
    expect(text).not.toContain(DEV_SECRET);
    expect(text).not.toMatch(/Bearer\s+(?!\[redacted\])/);

    // Every complete JSON-looking line parses; the text after the last newline may still be being
    // written by a request of another suite.
    const complete = lines.slice(0, -1);
    const entries = complete
      .filter((l) => l.trim().startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = entries.filter((e) => e.message === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(5);
    for (const e of requests) {
      expect(e).toMatchObject({ level: 'INFO', service: 'greenpoints' });
      expect(typeof e.requestId).toBe('string');
      expect(typeof e.timestamp).toBe('string');
    }
    const sold = requests.find((e) => e.requestId === requestId);
    expect(sold).toMatchObject({ method: 'POST', path: '/wallet/sell', status: 200, userId: u.userId });
    expect(String(sold!.eventId)).toMatch(/^ev_/);
    const refused = requests.find((e) => e.requestId === badId);
    expect(refused).toMatchObject({ path: '/wallet', status: 401 });
    expect(refused!.userId).toBeUndefined();
  });
});

describe('CORS', () => {
  const origins = (process.env.CORS_ORIGINS ?? '').split(',').filter(Boolean);
  const foreign = 'https://evil.example';

  it('the stack is configured with the H5 and staff console origins, no wildcard', () => {
    expect(origins.length).toBe(4); // 127.0.0.1 and localhost of each
    expect(origins.some((o) => o.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(origins.some((o) => o.startsWith('http://localhost:'))).toBe(true);
    expect(origins).not.toContain('*');
  });

  it('an answer over HTTP grants each configured origin', async () => {
    for (const origin of origins) {
      const r = await fetch(`${API()}/pool`, { headers: { Origin: origin } });
      expect(r.status).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });

  // serverless-offline echoes any Origin on non-preflight answers whatever the configuration
  // (its onPreResponse hook; API Gateway does not), so the handler's own headers are read here
  // from the Lambda itself, with the stack's configuration.
  it("the handler's answer grants nothing to a foreign origin or to none", async () => {
    const { get } = await import('../../functions/src/handlers/pool');
    const ev = (origin?: string) =>
      ({
        rawPath: '/pool',
        headers: origin ? { origin } : {},
        requestContext: { http: { method: 'GET', path: '/pool' } },
      }) as unknown as Parameters<typeof get>[0];
    const mine = await get(ev(origins[0]));
    expect(mine.statusCode).toBe(200);
    expect(mine.headers?.['Access-Control-Allow-Origin']).toBe(origins[0]);
    const f = await get(ev(foreign));
    expect(f.statusCode).toBe(200); // the answer is the same; a browser will not expose it
    expect(f.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
    expect((await get(ev())).headers?.['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('a preflight is granted to the H5 origin only', async () => {
    const pre = (origin: string) =>
      fetch(`${API()}/wallet/sell`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
        },
      });
    const ok = await pre(origins[0]!);
    expect(ok.status).toBeLessThan(300);
    expect(ok.headers.get('access-control-allow-origin')).toBe(origins[0]);
    expect((ok.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain('idempotency-key');
    const bad = await pre(foreign);
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
  });
});
