// DynamoDB Local never raises TransactionConflictException or throttling (one SQLite thread),
// so these are injected in the repository layer; the handlers run in-process against the
// real DynamoDB Local with the injector set.
import { login, completedOrder, uniq, call, pool, lambdaPost as httpEvent } from './helpers';
import { setFaultInjector, awsError, retryStats } from '../../functions/src/repo/ddb';
import { keys } from '../../functions/src/repo/keys';
import * as wallet from '../../functions/src/handlers/wallet';

afterEach(() => setFaultInjector(undefined));

describe('retries in the repository layer', () => {
  it('transaction conflicts and throttles are retried: the sell is applied once', async () => {
    const u = await login(uniq('retry'));
    await completedOrder(u.token, 'rice-10kg', 4);
    const p0 = await pool();
    const seen: string[] = [];
    // The first two attempts of every transaction conflict, the first read is throttled.
    setFaultInjector((op, attempt) => {
      if (op === 'TransactWriteItems' && attempt <= 2) {
        seen.push(`${op}#${attempt}`);
        return attempt === 1
          ? awsError('TransactionConflictException', 'injected conflict')
          : awsError('TransactionCanceledException', 'injected', {
              CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
            });
      }
      if (op === 'GetItem' && attempt === 1 && seen.length < 3) {
        seen.push(`${op}#${attempt}`);
        return awsError('ThrottlingException', 'injected throttle');
      }
      return undefined;
    });
    const before = retryStats.retries;
    const r = await wallet.sell(httpEvent('/wallet/sell', u.token, { points: '1' }, uniq('k')));
    setFaultInjector(undefined);
    expect(r.statusCode).toBe(200);
    expect(retryStats.retries - before).toBeGreaterThanOrEqual(2);
    expect(seen.some((s) => s.startsWith('TransactWriteItems'))).toBe(true);
    const p1 = await pool();
    expect(p1.seq - p0.seq).toBe(1);
    const w = (await call('GET', '/wallet', { token: u.token })).body;
    expect(w.cash).toBe(JSON.parse(String(r.body)).payout);
  });

  it('a conflict that never ends is bounded: 429 busy and nothing changes', async () => {
    const u = await login(uniq('retry'));
    await completedOrder(u.token, 'rice-10kg', 2);
    const w0 = (await call('GET', '/wallet', { token: u.token })).body;
    const p0 = await pool();
    let attempts = 0;
    setFaultInjector((op) => {
      if (op !== 'TransactWriteItems') return undefined;
      attempts++;
      return awsError('TransactionConflictException', 'injected forever');
    });
    const t0 = Date.now();
    const r = await wallet.sell(httpEvent('/wallet/sell', u.token, { points: '1' }, uniq('k')));
    setFaultInjector(undefined);
    expect(r.statusCode).toBe(429);
    expect(JSON.parse(String(r.body)).error.code).toBe('busy');
    expect(attempts).toBeLessThanOrEqual(10);
    expect(Date.now() - t0).toBeLessThan(10000);
    expect((await call('GET', '/wallet', { token: u.token })).body).toEqual(w0);
    expect((await pool()).seq).toBe(p0.seq);
  });

  it('a condition failure is not retried', async () => {
    const { transact, TxCancelled } = await import('../../functions/src/repo/ddb');
    const before = retryStats.retries;
    await expect(transact([{ op: 'create', item: { ...keys.product('rice-10kg'), x: '1' } }])).rejects.toBeInstanceOf(
      TxCancelled,
    );
    expect(retryStats.retries).toBe(before);
  });

  it('a dropped connection is asked again on a read, never on a write (the write may have landed)', async () => {
    const { getItem, putItem } = await import('../../functions/src/repo/ddb');
    const reset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    let reads = 0;
    setFaultInjector((op, attempt) => (op === 'GetItem' && attempt === 1 && ++reads ? reset() : undefined));
    await expect(getItem(keys.product('rice-10kg'))).resolves.toMatchObject({ productId: 'rice-10kg' });
    expect(reads).toBe(1);
    let writes = 0;
    setFaultInjector((op) => (op === 'PutItem' && ++writes ? reset() : undefined));
    const k = keys.product(uniq('never-written')); // the injector answers before DynamoDB is asked
    await expect(putItem({ ...k, v: '1' })).rejects.toThrow('ECONNRESET');
    expect(writes).toBe(1);
  });
});
