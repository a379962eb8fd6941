// Who drains (docs/performance.md "Who drains"), on DynamoDB Local with a private table and the
// backend in process. In `drainer` mode (always so inside Lambda) a handler never drains: it waits
// for its own event, bounded, and answers 202 with the event id; the drainer function drains in
// the foreground and has released the lease when it answers; the caller's key then answers the
// outcome (rebuilt from the event's record), and the pool moved once.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { keys } from '../../functions/src/repo/keys';
import { buy, fn, freshTable, product, reconcileClean } from './programme/world';
import { deps } from '../ddb-deps';

const applier = () => import('../../functions/src/domain/wallet/applier');

function httpEvent(method: string, path: string, token: string, o: { key?: string; body?: unknown } = {}) {
  const id = path.split('/')[2];
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(o.key ? { 'idempotency-key': o.key } : {}),
    },
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    ...(path.startsWith('/events/') ? { pathParameters: { id } } : {}),
    isBase64Encoded: false,
    requestContext: { http: { method, path, sourceIp: '10.9.8.7' }, requestId: `r-${Math.random()}` },
  } as unknown as APIGatewayProxyEventV2;
}

const saved = { mode: process.env.POOL_DRAIN, wait: process.env.POOL_WAIT_MS };
afterAll(() => {
  process.env.POOL_DRAIN = saved.mode;
  process.env.POOL_WAIT_MS = saved.wait;
});

describe('the drainer owns the drain', () => {
  it('a handler answers 202 without draining; the drainer drains, frees the lease; the key then answers', async () => {
    await freshTable('drainer');
    await product('dr-100', '100.00', '30.00', '0.00');
    const { login } = await fn.auth();
    const u = await login(deps, { devOpenId: 'drainer-1' });
    await buy(u.userId, 'dr-100'); // points to sell (drained inline, as the local stack does)

    const a = await applier();
    process.env.POOL_DRAIN = 'drainer';
    process.env.POOL_WAIT_MS = '400';
    expect(a.drainMode()).toBe('drainer');
    const wallet = await import('../../functions/src/handlers/wallet');
    const events = await import('../../functions/src/handlers/events');
    const { getItem } = await fn.ddb();
    const batches0 = a.drainStats.batches;
    const { seq: seq0 } = await (await import('../../functions/src/domain/wallet/pool')).poolView(deps);

    const sell = httpEvent('POST', '/wallet/sell', u.token, { key: 'dr-sell-1', body: { points: '1' } });
    const first = await wallet.sell(sell);
    expect(first.statusCode).toBe(202);
    const pending = JSON.parse(first.body as string);
    expect(pending).toMatchObject({ status: 'pending', poll: `/events/${pending.eventId}` });
    // Nothing drained here, and no lease is held by anyone.
    expect(a.drainStats.batches).toBe(batches0);
    expect(await getItem(keys.poolLease())).toBeUndefined();
    const polled = await events.get(httpEvent('GET', `/events/${pending.eventId}`, u.token));
    expect(JSON.parse(polled.body as string)).toMatchObject({ eventId: pending.eventId, status: 'pending' });

    const { handler } = await import('../../functions/src/handlers/drainer');
    const r = await handler({ Records: [] }, { getRemainingTimeInMillis: () => 40_000, awsRequestId: 'drain-1' });
    expect(r.drained).toBe(true);
    expect(a.drainStats.batches).toBeGreaterThan(batches0);
    expect(await getItem(keys.poolLease())).toBeUndefined();

    const done = await events.get(httpEvent('GET', `/events/${pending.eventId}`, u.token));
    const rec = JSON.parse(done.body as string);
    expect(rec).toMatchObject({ eventId: pending.eventId, status: 'applied' });
    const again = await wallet.sell(sell);
    expect(again.statusCode).toBe(200);
    expect(again.headers?.['Idempotent-Replayed']).toBe('true');
    expect(JSON.parse(again.body as string)).toMatchObject({ points: '1', payout: rec.outcome.payout });
    const { seq } = await (await import('../../functions/src/domain/wallet/pool')).poolView(deps);
    expect(Number(seq) - Number(seq0)).toBe(1);

    process.env.POOL_DRAIN = saved.mode;
    expect(await reconcileClean()).toEqual([]);
  });

  it('inside Lambda the mode is always drainer, whatever POOL_DRAIN says', async () => {
    const { drainMode } = await applier();
    expect(drainMode({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', POOL_DRAIN: 'inline' })).toBe('drainer');
    expect(drainMode({ AWS_LAMBDA_FUNCTION_NAME: 'f', IS_OFFLINE: 'true' })).toBe('inline');
    expect(drainMode({ POOL_DRAIN: 'drainer' })).toBe('drainer');
    expect(drainMode({})).toBe('inline');
  });
});
