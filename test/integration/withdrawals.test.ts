// Withdrawals (issue 13 item 4): a minimum, a daily limit per user, never more than the cash, and
// an approval that pays out exactly once however many staff approvals run at once.
import { dec } from '@greenpoints/shared';
import { call, completedOrder, login, sellHalf, staff, uniq } from './helpers';
import type { WeChatTransfer } from '../../functions/src/adapters/wechat';

const PARAMS_CACHE_MS = 2100; // the API reads parameters through a 2 s cache

async function setParams(change: Record<string, string>) {
  const r = await staff('set-config', { change });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  await new Promise((res) => setTimeout(res, PARAMS_CACHE_MS));
}

/** A new user holding some cash (an order, then half the points sold). */
async function userWithCash(min: string) {
  const u = await login(uniq('wd'));
  for (let i = 0; i < 4; i++) {
    await completedOrder(u.token, 'rice-10kg', 5);
    await sellHalf(u.token);
    const w = (await call('GET', '/wallet', { token: u.token })).body;
    if (dec(w.cash).gte(min)) return { ...u, cash: w.cash as string };
  }
  throw new Error('could not build up the cash');
}

const wallet = async (token: string) => (await call('GET', '/wallet', { token })).body;
const withdraw = (token: string, amount: string) => call('POST', '/withdrawals', { token, body: { amount } });

afterAll(async () => {
  await setParams({ withdrawMin: '1.00', withdrawDailyLimit: '2000.00' });
  const { setLocalWeChatTransfer } = await import('../../functions/src/adapters/wechat');
  setLocalWeChatTransfer(undefined);
});

describe('minimum and daily limit (set-config withdrawMin 2.00, withdrawDailyLimit 12.00)', () => {
  beforeAll(() => setParams({ withdrawMin: '2.00', withdrawDailyLimit: '12.00' }));

  it('refuses less than the minimum, and more than the day allows, naming what is left', async () => {
    const u = await userWithCash('15.00');
    const before = await wallet(u.token);
    const small = await withdraw(u.token, '1.99');
    expect(small.status).toBe(422);
    expect(small.body.error).toEqual({ code: 'withdrawal_below_minimum', message: 'the smallest withdrawal is ¥2.00' });
    expect(await wallet(u.token)).toEqual(before);
    expect((await withdraw(u.token, '5.00')).status).toBe(201);
    expect((await withdraw(u.token, '5.00')).status).toBe(201);
    const over = await withdraw(u.token, '2.01');
    expect(over.status).toBe(422);
    expect(over.body.error).toEqual({
      code: 'withdrawal_daily_limit',
      message: 'at most ¥12.00 a day; ¥10.00 requested today, ¥2.00 left',
    });
    expect((await withdraw(u.token, '2.00')).status).toBe(201);
    const w = await wallet(u.token);
    expect(w.cashPending).toBe('12.00');
    expect(dec(before.cash).minus(w.cash).toFixed(2)).toBe('12.00');
  });

  it('six concurrent requests of 4.00 under a limit of 12.00: exactly three pass', async () => {
    const u = await userWithCash('24.00');
    const rs = await Promise.all(Array.from({ length: 6 }, () => withdraw(u.token, '4.00')));
    expect(rs.filter((r) => r.status === 201)).toHaveLength(3);
    expect(rs.filter((r) => r.status === 422).map((r) => r.body.error.code)).toEqual(
      Array(3).fill('withdrawal_daily_limit'),
    );
    expect((await wallet(u.token)).cashPending).toBe('12.00');
  });

  it('set-config refuses a daily limit below the minimum', async () => {
    const r = await staff('set-config', { change: { withdrawDailyLimit: '1.50' } });
    expect(r.error).toMatchObject({
      code: 'invalid_params',
      message: 'withdrawDailyLimit must be at least withdrawMin',
    });
  });
});

describe('cash and approval', () => {
  beforeAll(() => setParams({ withdrawMin: '1.00', withdrawDailyLimit: '2000.00' }));

  it('ten concurrent withdrawals of all the cash: one is accepted, nine find no cash', async () => {
    const u = await userWithCash('5.00');
    const rs = await Promise.all(Array.from({ length: 10 }, () => withdraw(u.token, u.cash)));
    expect(rs.filter((r) => r.status === 201)).toHaveLength(1);
    expect(rs.filter((r) => r.status !== 201).map((r) => r.body.error.code)).toEqual(
      Array(9).fill('insufficient_cash'),
    );
    const w = await wallet(u.token);
    expect([w.cash, w.cashPending]).toEqual(['0.00', u.cash]);
  });

  it('ten concurrent approvals pay out once: one transfer, one approved, withdrawn once', async () => {
    const u = await userWithCash('5.00');
    const wr = await withdraw(u.token, '5.00');
    const calls: string[] = [];
    const slow: Partial<WeChatTransfer> = {
      async transfer(o) {
        calls.push(o.withdrawalId);
        await new Promise((r) => setTimeout(r, 300)); // WeChat takes its time: the others overlap
        // WeChat reports the bill paid at once (the shopper's confirmation: transfers.test.ts).
        return { status: 'accepted', detail: 'scripted', bill: { withdrawalId: o.withdrawalId, state: 'SUCCESS' } };
      },
    };
    const { setLocalWeChatTransfer } = await import('../../functions/src/adapters/wechat');
    setLocalWeChatTransfer(slow);
    const rs = await Promise.all(
      Array.from({ length: 10 }, () => staff('approve-withdrawal', { withdrawalId: wr.body.withdrawalId })),
    );
    setLocalWeChatTransfer(undefined);
    expect(calls).toEqual([wr.body.withdrawalId]);
    expect(rs.filter((r) => r.ok)).toEqual([{ ok: true, result: expect.objectContaining({ status: 'approved' }) }]);
    for (const r of rs.filter((x) => !x.ok)) expect(['approval_in_progress', 'invalid_status']).toContain(r.error.code);
    const w = await wallet(u.token);
    expect([w.cashPending, w.withdrawn]).toEqual(['0.00', '5.00']);
    const ledger = (await call('GET', '/ledger?limit=50', { token: u.token })).body.entries;
    expect(ledger.filter((e: any) => e.kind === 'withdraw_approve')).toHaveLength(2); // pending −5, withdrawn +5
  });

  it('an approval that died while paying is resumed after its lease, under the same transfer id', async () => {
    const u = await userWithCash('5.00');
    const wr = await withdraw(u.token, '3.00');
    const { setLocalWeChatTransfer } = await import('../../functions/src/adapters/wechat');
    const { withdrawalTuning } = await import('../../functions/src/domain/wallet/wallet');
    const { AdapterError } = await import('../../functions/src/adapters/wechat/types');
    const calls: string[] = [];
    setLocalWeChatTransfer({
      async transfer(o) {
        calls.push(o.withdrawalId);
        if (calls.length === 1) throw new AdapterError('upstream_unavailable', 'WeChat did not answer');
        return { status: 'accepted', bill: { withdrawalId: o.withdrawalId, state: 'SUCCESS' } };
      },
    });
    const first = await staff('approve-withdrawal', { withdrawalId: wr.body.withdrawalId });
    expect(first.error.code).toBe('upstream_unavailable');
    const held = await staff('approve-withdrawal', { withdrawalId: wr.body.withdrawalId });
    expect(held.error.code).toBe('approval_in_progress');
    expect((await staff('approve-withdrawal', { withdrawalId: wr.body.withdrawalId, approve: false })).error.code).toBe(
      'approval_in_progress',
    );
    withdrawalTuning.leaseMs = 0;
    try {
      const again = await staff('approve-withdrawal', { withdrawalId: wr.body.withdrawalId });
      expect(again).toMatchObject({ ok: true, result: { status: 'approved' } });
    } finally {
      withdrawalTuning.leaseMs = 60_000;
      setLocalWeChatTransfer(undefined);
    }
    expect(calls).toEqual([wr.body.withdrawalId, wr.body.withdrawalId]);
    expect((await wallet(u.token)).withdrawn).toBe('3.00');
  });
});
