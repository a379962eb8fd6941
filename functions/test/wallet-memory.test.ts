// Withdrawals, the ledger page and the first login on the in-memory stores (test/doubles/memory-wallet.ts):
// the minimum, the daily limit, one payout however many approvals, cash back on a rejection.
// Amounts are worked out by hand. The DynamoDB Local suites (test/integration/withdrawals,
// withdrawal-decisions) stay the proof.
import { defaultParams, emptyWallet, type Wallet } from '@greenpoints/shared';
import type { Deps } from '../src/domain/deps';
import { memoryDeps, memoryState, type MemoryState } from './doubles/world';
import { decideWithdrawal, ledgerPage, requestWithdrawal, withdrawalTuning } from '../src/domain/wallet/wallet';
import { findUser, listOrdersByStatus, listWithdrawals } from '../src/domain/operator/queries';
import { onTransferNotice } from '../src/domain/wallet/transfers';
import type { Order } from '../src/domain/model';
import { login } from '../src/domain/shop/auth';
import { auditLog } from '../src/domain/operator/audit';
import type { Idem } from '../src/domain/idempotency';

// 11:00 in China: the business day is 2026-03-02 whatever the machine's clock.
const NOW = new Date('2026-03-02T03:00:00.000Z');
let st: MemoryState;
let deps: Deps;
let n = 0;
const idem = (userId: string): Idem => ({ userId, key: `k${++n}`, hash: 'h' });
const wallet = (u: string): Wallet => st.wallets.get(u)?.wallet ?? emptyWallet();
const withCash = (u: string, cash: string) => st.wallets.set(u, { wallet: { ...emptyWallet(), cash }, version: 1 });
const request = async (u: string, amount: string) =>
  (await requestWithdrawal(deps, u, idem(u), amount)).body as { withdrawalId: string; status: string; amount: string };
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );
const paid = () => {
  const calls: string[] = [];
  const pay = async (o: { withdrawalId: string }) => {
    calls.push(o.withdrawalId);
    await new Promise((r) => setTimeout(r, 5));
    // A bill WeChat reports paid at once (the shopper's confirmation is not what these test).
    return { status: 'accepted' as const, bill: { withdrawalId: o.withdrawalId, state: 'SUCCESS' as const } };
  };
  return { calls, pay };
};

beforeEach(() => {
  jest.useFakeTimers({
    now: NOW,
    doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'nextTick', 'queueMicrotask'],
  });
  st = memoryState();
  deps = memoryDeps(st);
});
afterEach(() => {
  jest.useRealTimers();
});

describe('a withdrawal request', () => {
  it('under the minimum is refused and changes nothing', async () => {
    withCash('a', '500.00');
    st.params = { params: { ...defaultParams, withdrawMin: '10.00' }, version: 1 };
    await expect(code(request('a', '9.99'))).resolves.toBe('withdrawal_below_minimum');
    expect(st.commits).toBe(0);
    expect(st.withdrawals.size).toBe(0);
    expect(wallet('a')).toMatchObject({ cash: '500.00', cashPending: '0.00' });
    // Exactly the minimum passes: 500.00 − 10.00 = 490.00 left, 10.00 pending.
    const w = await request('a', '10.00');
    expect(w).toMatchObject({ status: 'requested', amount: '10.00' });
    expect(wallet('a')).toMatchObject({ cash: '490.00', cashPending: '10.00' });
    expect(st.withdrawals.get(w.withdrawalId)).toMatchObject({ userId: 'a', status: 'requested', amount: '10.00' });
    // The Idempotency-Key is claimed in the same commit, with the answer a replay gets.
    expect(st.orderArea.idem.get(`a|k${n}`)).toMatchObject({ status: 'done', response: { status: 201, body: w } });
    expect(st.orderArea.idem.size).toBe(1);
  });

  it('a second commit under the same Idempotency-Key is refused whole', async () => {
    withCash('a', '500.00');
    const key = idem('a');
    await requestWithdrawal(deps, 'a', key, '100.00');
    const commits = st.commits;
    await expect(requestWithdrawal(deps, 'a', key, '100.00')).rejects.toMatchObject({ name: 'IdempotencyRace' });
    expect(st.commits).toBe(commits);
    expect(st.withdrawals.size).toBe(1);
    expect(st.withdrawDays.get('a|2026-03-02')).toEqual({ amount: '100.00', version: 1 });
    expect(wallet('a')).toMatchObject({ cash: '400.00', cashPending: '100.00' });
  });

  it('never takes more than the cash', async () => {
    withCash('a', '50.00');
    await expect(code(request('a', '50.01'))).resolves.toBe('insufficient_cash');
    expect(st.commits).toBe(0);
    expect(st.withdrawDays.size).toBe(0);
  });

  it('stops at the daily limit, counts a rejected request that day, and starts again the next day', async () => {
    withCash('a', '3000.00');
    const first = await request('a', '1500.00');
    // 1500.00 + 600.00 = 2100.00 > 2000.00: refused, the message names what is left (500.00).
    const refused = requestWithdrawal(deps, 'a', idem('a'), '600.00');
    await expect(refused).rejects.toMatchObject({
      code: 'withdrawal_daily_limit',
      message: 'at most ¥2000.00 a day; ¥1500.00 requested today, ¥500.00 left',
    });
    await request('a', '500.00'); // exactly the limit
    expect(st.withdrawDays.get('a|2026-03-02')).toEqual({ amount: '2000.00', version: 2 });
    expect(wallet('a')).toMatchObject({ cash: '1000.00', cashPending: '2000.00' });
    await expect(code(request('a', '1.00'))).resolves.toBe('withdrawal_daily_limit');
    // A rejection gives the 1500.00 back (1000.00 + 1500.00 = 2500.00) but the day stays used.
    await decideWithdrawal(deps, first.withdrawalId, false, paid().pay);
    expect(wallet('a')).toMatchObject({ cash: '2500.00', cashPending: '500.00' });
    await expect(code(request('a', '1.00'))).resolves.toBe('withdrawal_daily_limit');
    jest.setSystemTime(new Date(NOW.getTime() + 86400_000));
    await request('a', '1.00');
    expect(st.withdrawDays.get('a|2026-03-03')).toEqual({ amount: '1.00', version: 1 });
    expect(wallet('a')).toMatchObject({ cash: '2499.00', cashPending: '501.00' });
  });

  it('two at once cannot pass the limit together', async () => {
    withCash('a', '5000.00');
    const got = await Promise.all([code(request('a', '1200.00')), code(request('a', '1200.00'))]);
    expect(got.sort()).toEqual(['ok', 'withdrawal_daily_limit']);
    expect(st.withdrawDays.get('a|2026-03-02')?.amount).toBe('1200.00');
    expect(wallet('a')).toMatchObject({ cash: '3800.00', cashPending: '1200.00' });
  });
});

describe('a staff decision', () => {
  it('approves exactly once however many approvals run at once', async () => {
    withCash('a', '500.00');
    const w = await request('a', '100.00');
    const { calls, pay } = paid();
    const got = await Promise.all([1, 2, 3].map(() => code(decideWithdrawal(deps, w.withdrawalId, true, pay))));
    expect(got.sort()).toEqual(['approval_in_progress', 'approval_in_progress', 'ok']);
    expect(calls).toEqual([w.withdrawalId]);
    // 100.00 moved pending -> withdrawn once: cash 400.00, pending 0.00, withdrawn 100.00.
    expect(wallet('a')).toMatchObject({ cash: '400.00', cashPending: '0.00', withdrawn: '100.00' });
    expect(st.withdrawals.get(w.withdrawalId)).toMatchObject({ status: 'approved', decidedAt: NOW.toISOString() });
    await expect(decideWithdrawal(deps, w.withdrawalId, true, pay)).rejects.toMatchObject({ code: 'invalid_status' });
    await expect(decideWithdrawal(deps, w.withdrawalId, false, pay)).rejects.toMatchObject({ code: 'invalid_status' });
    expect(calls).toHaveLength(1);
    const approvals = [...st.ledger.values()].filter((l) => l.kind === 'withdraw_approve');
    expect(approvals.map((l) => `${l.field} ${l.delta}`).sort()).toEqual(['cashPending -100', 'withdrawn +100']);
  });

  it('resumes a claimant that died, after the lease, under the same withdrawal id', async () => {
    withCash('a', '500.00');
    const w = await request('a', '100.00');
    const dead = async () => {
      throw new Error('timed out');
    };
    await expect(decideWithdrawal(deps, w.withdrawalId, true, dead)).rejects.toThrow('timed out');
    expect(st.withdrawals.get(w.withdrawalId)?.status).toBe('paying');
    const { calls, pay } = paid();
    await expect(decideWithdrawal(deps, w.withdrawalId, true, pay)).rejects.toMatchObject({
      code: 'approval_in_progress',
    });
    await expect(decideWithdrawal(deps, w.withdrawalId, false, pay)).rejects.toMatchObject({
      code: 'approval_in_progress',
    });
    jest.setSystemTime(new Date(NOW.getTime() + withdrawalTuning.leaseMs + 1));
    await expect(decideWithdrawal(deps, w.withdrawalId, true, pay)).resolves.toMatchObject({
      withdrawalId: w.withdrawalId,
      status: 'approved',
    });
    expect(calls).toEqual([w.withdrawalId]);
    expect(wallet('a')).toMatchObject({ cash: '400.00', cashPending: '0.00', withdrawn: '100.00' });
  });

  it('a rejection gives the cash back, and so does a payout WeChat refuses', async () => {
    withCash('a', '500.00');
    const w1 = await request('a', '100.00');
    const w2 = await request('a', '250.50');
    // 500.00 − 100.00 − 250.50 = 149.50 left, 350.50 pending.
    expect(wallet('a')).toMatchObject({ cash: '149.50', cashPending: '350.50' });
    const { calls, pay } = paid();
    await expect(decideWithdrawal(deps, w1.withdrawalId, false, pay)).resolves.toEqual({
      withdrawalId: w1.withdrawalId,
      status: 'rejected',
    });
    expect(calls).toEqual([]); // a rejection pays nothing
    expect(wallet('a')).toMatchObject({ cash: '249.50', cashPending: '250.50', withdrawn: '0.00' });
    const refuse = async () => ({ status: 'rejected' as const, detail: 'NOT_ENOUGH' });
    // WeChat refused to make the bill: failed (not the staff's "rejected"), the cash back.
    await expect(decideWithdrawal(deps, w2.withdrawalId, true, refuse)).resolves.toMatchObject({
      withdrawalId: w2.withdrawalId,
      status: 'failed',
      failReason: 'NOT_ENOUGH',
      detail: 'NOT_ENOUGH',
    });
    expect(wallet('a')).toMatchObject({ cash: '500.00', cashPending: '0.00', withdrawn: '0.00' });
    expect(st.withdrawals.get(w2.withdrawalId)).toMatchObject({ status: 'failed', detail: 'NOT_ENOUGH' });
    const rows = (await listWithdrawals(deps, 'rejected', 10)).rows;
    expect(rows.map((r) => [r.withdrawalId, r.amount, r.detail])).toEqual([[w1.withdrawalId, '100.00', '']]);
    await expect(code(decideWithdrawal(deps, 'w_none', true, pay))).resolves.toBe('not_found');
  });
});

describe('a bill the shopper must confirm (商家转账)', () => {
  const waiting = async (o: { withdrawalId: string }) => ({
    status: 'accepted' as const,
    bill: {
      withdrawalId: o.withdrawalId,
      state: 'WAIT_USER_CONFIRM' as const,
      confirm: { mchId: 'm1', appId: 'a1', packageInfo: 'pkg' },
    },
  });

  it('is not booked paid while it waits; SUCCESS books it once, a repeat changes nothing', async () => {
    withCash('a', '500.00');
    const w = await request('a', '100.00');
    const got = await decideWithdrawal(deps, w.withdrawalId, true, waiting);
    expect(got).toMatchObject({ status: 'awaiting_confirmation', confirm: { packageInfo: 'pkg' } });
    expect(wallet('a')).toMatchObject({ cash: '400.00', cashPending: '100.00', withdrawn: '0.00' });
    const paidBill = { withdrawalId: w.withdrawalId, state: 'SUCCESS' as const };
    const both = await Promise.all([onTransferNotice(deps, paidBill), onTransferNotice(deps, paidBill)]);
    expect(both.map((b) => b.status)).toEqual(['approved', 'approved']);
    expect(wallet('a')).toMatchObject({ cash: '400.00', cashPending: '0.00', withdrawn: '100.00' });
    await onTransferNotice(deps, paidBill);
    expect(wallet('a')).toMatchObject({ withdrawn: '100.00' });
  });

  it.each(['FAIL', 'CANCELLED'] as const)('%s puts the cash back exactly once', async (state) => {
    withCash('a', '500.00');
    const w = await request('a', '100.00');
    await decideWithdrawal(deps, w.withdrawalId, true, waiting);
    const bill = { withdrawalId: w.withdrawalId, state };
    await Promise.all([onTransferNotice(deps, bill), onTransferNotice(deps, bill)]);
    expect(wallet('a')).toMatchObject({ cash: '500.00', cashPending: '0.00', withdrawn: '0.00' });
    expect(st.withdrawals.get(w.withdrawalId)?.status).toBe(state === 'FAIL' ? 'failed' : 'cancelled');
    const back = [...st.ledger.values()].filter((l) => l.kind === 'withdraw_reject');
    expect(back.map((l) => `${l.field} ${l.delta}`).sort()).toEqual(['cash +100', 'cashPending -100']);
  });
});

it('the ledger is paged newest first by an opaque cursor that stays with its user', async () => {
  withCash('a', '500.00');
  withCash('b', '500.00');
  await request('a', '10.00');
  jest.setSystemTime(new Date(NOW.getTime() + 1000));
  await request('a', '20.00');
  await request('b', '30.00');
  const p1 = await ledgerPage(deps, 'a', 3);
  // Newest first: the 20.00 request (its entries last to first), then the 10.00 one.
  expect(p1.entries.map((e) => `${e.field} ${e.delta}`)).toEqual(['cashPending +20', 'cash -20', 'cashPending +10']);
  expect(typeof p1.cursor).toBe('string');
  const p2 = await ledgerPage(deps, 'a', 3, p1.cursor);
  expect(p2.entries).toHaveLength(1);
  expect(p2.cursor).toBeUndefined();
  expect(p2.entries.map((e) => `${e.field} ${e.delta} ${e.kind}`)).toEqual(['cash -10 withdraw_request']);
  await expect(code(ledgerPage(deps, 'b', 3, p1.cursor))).resolves.toBe('invalid_cursor');
  await expect(code(ledgerPage(deps, 'a', 3, 'not-a-cursor'))).resolves.toBe('invalid_cursor');
});

it('two first logins at once make one user', async () => {
  const [x, y] = await Promise.all([login(deps, { devOpenId: 'twin' }), login(deps, { devOpenId: 'twin' })]);
  expect(x.userId).toBe(y.userId);
  expect(st.users.size).toBe(1);
  expect(st.openIds.get('dev:twin')).toBe(x.userId);
  expect(st.users.get(x.userId)).toMatchObject({ openId: 'dev:twin', role: 'user', nickname: '' });
});

it('the audit log reads newest first through pages, by time range, function and actor', async () => {
  const { audit, tx } = deps;
  const writes = [];
  // 300 calls, one a second from 03:00:00: more than one store page (200) is read.
  for (let i = 0; i < 300; i++) {
    const at = new Date(NOW.getTime() + i * 1000).toISOString();
    const fn = i % 3 === 0 ? 'decide-withdrawal' : 'list-orders';
    writes.push(audit.record({ at, actor: i % 2 ? 'staff-b' : 'staff-a', fn, ok: true, input: `{"i":${i}}` }));
  }
  for (let i = 0; i < 300; i += 100) await tx.commit(writes.slice(i, i + 100));
  const all = await auditLog(deps, { limit: 500 });
  expect(all).toHaveLength(300);
  expect(all[0]).toMatchObject({ at: '2026-03-02T03:04:59.000Z', input: { i: 299 }, ok: true });
  // i = 0, 3, …, 297 with an odd i (staff-b): 3, 9, …, 297 — 50 calls; the newest is 297.
  const b = await auditLog(deps, { fn: 'decide-withdrawal', actor: 'staff-b', limit: 500 });
  expect(b).toHaveLength(50);
  expect(b[0]).toMatchObject({ input: { i: 297 }, actor: 'staff-b', fn: 'decide-withdrawal' });
  // From 03:01:00 to 03:01:09 inclusive: i = 60 … 69, newest first.
  const range = await auditLog(deps, { from: '2026-03-02T03:01:00', to: '2026-03-02T03:01:09', limit: 500 });
  expect(range.map((r) => (r.input as { i: number }).i)).toEqual([69, 68, 67, 66, 65, 64, 63, 62, 61, 60]);
  expect(await auditLog(deps, { limit: 7 })).toHaveLength(7);
});

describe("the operator's lists", () => {
  const order = (orderId: string, userId: string, status: Order['status'], createdAt: string): Order => ({
    orderId,
    userId,
    status,
    items: [
      {
        productId: 'p1',
        name: '五常大米',
        qty: 3,
        price: '10.00',
        poolContribution: '1.00',
        dividendContribution: '0',
        returnedQty: 1,
      },
    ],
    amount: '30.00',
    payWith: 'wechat',
    contribution: '3.00',
    dividendContribution: '0',
    address: { region: '黑龙江省', detail: '五常市' },
    createdAt,
  });

  it('orders by status, newest first, in pages; rows show what is kept', async () => {
    for (const [id, at] of [
      ['o1', '01'],
      ['o2', '02'],
      ['o3', '03'],
    ])
      st.orderArea.orders.set(id, order(id, 'a', 'paid', `2026-03-02T00:00:${at}.000Z`));
    st.orderArea.orders.set('o4', order('o4', 'a', 'shipped', '2026-03-02T00:00:04.000Z'));
    const p1 = await listOrdersByStatus(deps, 'paid', 2);
    expect(p1.rows.map((r) => r.orderId)).toEqual(['o3', 'o2']);
    // 3 bought, 1 returned: 2 kept.
    expect(p1.rows[0]).toMatchObject({ items: '五常大米×2', region: '黑龙江省', amount: '30.00', shippedAt: '' });
    const p2 = await listOrdersByStatus(deps, 'paid', 2, p1.cursor);
    expect(p2.rows.map((r) => r.orderId)).toEqual(['o1']);
    expect(p2.cursor).toBeUndefined();
    await expect(code(listOrdersByStatus(deps, 'shipped', 2, p1.cursor))).resolves.toBe('invalid_cursor');
  });

  it('finds a legacy member by phone, with wallet and latest orders', async () => {
    st.users.set('u1', {
      userId: 'u1',
      openId: '',
      role: 'user',
      nickname: '老会员',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    st.members.phones.set('13800000000', 'u1');
    withCash('u1', '12.34');
    st.orderArea.orders.set('o9', order('o9', 'u1', 'completed', '2026-03-01T00:00:00.000Z'));
    const found = await findUser(deps, { phone: '13800000000' });
    expect(found.user).toMatchObject({ userId: 'u1', referrer: '' });
    expect(found.wallet.cash).toBe('12.34');
    expect(found.orders).toEqual([
      { orderId: 'o9', status: 'completed', amount: '30.00', createdAt: '2026-03-01T00:00:00.000Z' },
    ]);
    await expect(code(findUser(deps, { phone: '13900000000' }))).resolves.toBe('not_found');
  });
});
