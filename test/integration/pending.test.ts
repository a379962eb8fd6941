// A pool event not decided within the wait answers 202 {eventId, status: "pending"}; the caller
// polls GET /events/{eventId}; replaying the key later gives the final answer. Run in-process
// with POOL_WAIT_MS=0 so the handler does not wait (the HTTP stack keeps its 5 s).
import { call, login, completedOrder, uniq, staff, lambdaPost } from './helpers';
import * as wallet from '../../functions/src/handlers/wallet';

const sellEvent = (token: string, key: string, points: string) => lambdaPost('/wallet/sell', token, { points }, key);

afterEach(() => {
  delete process.env.POOL_WAIT_MS;
});

it('202, poll, then the replayed key gives the final answer', async () => {
  const u = await login(uniq('pend'));
  await completedOrder(u.token, 'rice-10kg', 2);
  const key = uniq('k');
  process.env.POOL_WAIT_MS = '0';
  const first = await wallet.sell(sellEvent(u.token, key, '1'));
  expect(first.statusCode).toBe(202);
  const pending = JSON.parse(String(first.body));
  expect(pending.status).toBe('pending');
  expect(pending.poll).toBe(`/events/${pending.eventId}`);
  const polled = await call('GET', pending.poll, { token: u.token });
  expect(polled.status).toBe(200);
  expect(['pending', 'applied']).toContain(polled.body.status);
  // Anyone's drain (here the scheduled safety net) applies it.
  expect((await staff('drain-pool')).ok).toBe(true);
  const done = await call('GET', pending.poll, { token: u.token });
  expect(done.body.status).toBe('applied');
  delete process.env.POOL_WAIT_MS;
  const replay = await wallet.sell(sellEvent(u.token, key, '1'));
  expect(replay.statusCode).toBe(200);
  expect(JSON.parse(String(replay.body)).payout).toBe(done.body.outcome.payout);
  // Stored now: the HTTP replay gives the same answer.
  const http = await call('POST', '/wallet/sell', { token: u.token, body: { points: '1' }, key });
  expect(http.status).toBe(200);
  expect(http.body.payout).toBe(done.body.outcome.payout);
  const w = (await call('GET', '/wallet', { token: u.token })).body;
  expect(w.cash).toBe(done.body.outcome.payout);
});
