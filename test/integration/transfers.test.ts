// Withdrawals by 商家转账 on DynamoDB Local (issue 18 item 1): approval makes a bill the shopper
// must confirm; only SUCCESS books the payout; FAIL, CANCELLED and a bill left unconfirmed past
// its confirmBy put the cash back exactly once, however the notify and the schedule's query race.
import { call, completedOrder, login, sellHalf, staff, uniq } from './helpers';
import {
  sandboxSettleBill,
  sandboxTransferNotify,
  setLocalWeChatTransfer,
  type TransferBill,
} from '../../functions/src/adapters/wechat';

const HOUR = 3600_000;
afterEach(() => setLocalWeChatTransfer(undefined));

async function clean() {
  const r = await staff('reconcile');
  expect(r.result.problems).toEqual([]);
}

/** A shopper with a requested withdrawal of `amount`, approved: its bill waits for them. */
async function awaiting(amount = '5.00') {
  const u = await login(uniq('tr'));
  await completedOrder(u.token, 'rice-10kg', 2);
  await sellHalf(u.token);
  const wr = await call('POST', '/withdrawals', { token: u.token, body: { amount } });
  expect(wr.status).toBe(201);
  const withdrawalId = wr.body.withdrawalId as string;
  const ap = await staff('approve-withdrawal', { withdrawalId });
  expect(ap.result).toMatchObject({ withdrawalId, status: 'awaiting_confirmation' });
  return { u, withdrawalId };
}

const wallet = async (token: string) => (await call('GET', '/wallet', { token })).body;
const money = async (token: string) => {
  const w = await wallet(token);
  return { cashPending: w.cashPending as string, withdrawn: w.withdrawn as string };
};
const mine = async (token: string, id: string) =>
  ((await call('GET', '/withdrawals?limit=100', { token })).body.items as any[]).find((w) => w.withdrawalId === id);
const ledgerKinds = async (token: string, id: string) =>
  ((await call('GET', '/ledger?limit=100', { token })).body.entries as any[])
    .filter((e) => e.eventId.startsWith(id))
    .map((e) => `${e.kind} ${e.field} ${e.delta}`)
    .sort();
/** What WeChat POSTs to the transfer notify URL, over HTTP. */
const postNotify = (bill: TransferBill) => {
  const n = sandboxTransferNotify(bill);
  return call('POST', '/transfer/wechat/notify', { rawBody: n.body, headers: n.headers, key: null });
};

it('approved: not paid while the shopper has not confirmed; the list shows what wx.requestMerchantTransfer needs', async () => {
  const { u, withdrawalId } = await awaiting();
  expect(await money(u.token)).toEqual({ cashPending: '5.00', withdrawn: '0.00' });
  const w = await mine(u.token, withdrawalId);
  expect(w).toMatchObject({
    withdrawalId,
    amount: '5.00',
    status: 'awaiting_confirmation',
    confirm: { mchId: expect.any(String), appId: expect.any(String), packageInfo: `sandbox_package_${withdrawalId}` },
  });
  // The schedule finds the bill still waiting (within its 24 h): nothing moves.
  await staff('sync-transfers', {});
  expect((await mine(u.token, withdrawalId)).status).toBe('awaiting_confirmation');
  expect(await money(u.token)).toEqual({ cashPending: '5.00', withdrawn: '0.00' });
});

it('confirmed (the signed notify says SUCCESS): paid once; a repeated notify changes nothing', async () => {
  const { u, withdrawalId } = await awaiting();
  const bill = sandboxSettleBill(withdrawalId, 'SUCCESS');
  expect((await postNotify(bill)).status).toBe(200);
  expect((await postNotify(bill)).status).toBe(200);
  expect(await money(u.token)).toEqual({ cashPending: '0.00', withdrawn: '5.00' });
  const w = await mine(u.token, withdrawalId);
  expect(w.status).toBe('approved');
  expect(w.confirm).toBeUndefined();
  expect(await ledgerKinds(u.token, withdrawalId)).toEqual([
    'withdraw_approve cashPending -5',
    'withdraw_approve withdrawn +5',
    'withdraw_request cash -5',
    'withdraw_request cashPending +5',
  ]);
  await clean();
});

it('a notify that does not verify is refused and changes nothing', async () => {
  const { u, withdrawalId } = await awaiting();
  const n = sandboxTransferNotify(sandboxSettleBill(withdrawalId, 'SUCCESS'));
  const forged = await call('POST', '/transfer/wechat/notify', {
    rawBody: n.body.replace('SUCCESS', 'FAIL'),
    headers: n.headers,
    key: null,
  });
  expect(forged.status).toBe(400);
  expect(forged.body.error.code).toBe('bad_signature');
  expect(await money(u.token)).toEqual({ cashPending: '5.00', withdrawn: '0.00' });
});

it.each([
  ['fail', 'failed', 'PAYEE_ACCOUNT_ABNORMAL'],
  ['cancel', 'cancelled', undefined],
] as const)('%s: the cash back in the wallet once, with its ledger line', async (outcome, status, failReason) => {
  const { u, withdrawalId } = await awaiting();
  const r = await staff('sandbox-transfer', { withdrawalId, outcome });
  expect(r.result).toMatchObject({ status });
  // The same state again (a repeated notify, the schedule): nothing more.
  await staff('sandbox-transfer', { withdrawalId, outcome });
  await staff('sync-transfers', {});
  const w = await wallet(u.token);
  expect([w.cashPending, w.withdrawn]).toEqual(['0.00', '0.00']);
  expect(await ledgerKinds(u.token, withdrawalId)).toEqual([
    'withdraw_reject cash +5',
    'withdraw_reject cashPending -5',
    'withdraw_request cash -5',
    'withdraw_request cashPending +5',
  ]);
  expect(await mine(u.token, withdrawalId)).toMatchObject({ status, ...(failReason ? { failReason } : {}) });
  await clean();
});

it('left unconfirmed past 24 h: the schedule cancels the bill at WeChat and gives the cash back once', async () => {
  const { u, withdrawalId } = await awaiting();
  const cancelled: string[] = [];
  const { sandboxTransfer } = await import('../../functions/src/adapters/wechat/sandbox');
  setLocalWeChatTransfer({
    async cancel(id) {
      cancelled.push(id);
      return sandboxTransfer().cancel(id);
    },
  });
  const later = new Date(Date.now() + 25 * HOUR).toISOString();
  const runs = await Promise.all([1, 2].map(() => staff('sync-transfers', { now: later, max: 500 })));
  expect(runs.every((r) => r.ok)).toBe(true);
  expect(cancelled).toContain(withdrawalId);
  expect((await mine(u.token, withdrawalId)).status).toBe('cancelled');
  expect(await money(u.token)).toEqual({ cashPending: '0.00', withdrawn: '0.00' });
  expect((await ledgerKinds(u.token, withdrawalId)).filter((l) => l.startsWith('withdraw_reject'))).toHaveLength(2);
  // WeChat's own CANCELLED notify arriving afterwards changes nothing.
  expect((await postNotify(sandboxSettleBill(withdrawalId, 'CANCELLED'))).status).toBe(200);
  expect(await money(u.token)).toEqual({ cashPending: '0.00', withdrawn: '0.00' });
  await clean();
});

it('confirmed just before the schedule would cancel it: the query says SUCCESS, so it is paid, not cancelled', async () => {
  const { u, withdrawalId } = await awaiting();
  sandboxSettleBill(withdrawalId, 'SUCCESS'); // the shopper confirmed; no notify has arrived yet
  await staff('sync-transfers', { now: new Date(Date.now() + 25 * HOUR).toISOString(), max: 500 });
  expect((await mine(u.token, withdrawalId)).status).toBe('approved');
  expect(await money(u.token)).toEqual({ cashPending: '0.00', withdrawn: '5.00' });
});

it.each(['SUCCESS', 'FAIL'] as const)(
  'the notify (%s) racing the scheduled query: the money moves exactly once',
  async (state) => {
    const { u, withdrawalId } = await awaiting();
    const bill = sandboxSettleBill(withdrawalId, state);
    const [n1, s1, n2, s2] = await Promise.all([
      postNotify(bill),
      staff('sync-transfers', { max: 500 }),
      postNotify(bill),
      staff('sync-transfers', { max: 500 }),
    ]);
    expect([n1.status, n2.status, s1.ok, s2.ok]).toEqual([200, 200, true, true]);
    const want =
      state === 'SUCCESS' ? { cashPending: '0.00', withdrawn: '5.00' } : { cashPending: '0.00', withdrawn: '0.00' };
    expect(await money(u.token)).toEqual(want);
    const moves = (await ledgerKinds(u.token, withdrawalId)).filter((l) => !l.startsWith('withdraw_request'));
    expect(moves).toHaveLength(2); // one event: pending out, withdrawn (or cash) in
    await clean();
  },
);

it('GET /withdrawals: the caller own, newest first, paged by cursor', async () => {
  const u = await login(uniq('trlist'));
  await completedOrder(u.token, 'rice-10kg', 2);
  await sellHalf(u.token);
  const ids: string[] = [];
  for (const amount of ['1.00', '1.50', '2.00']) {
    const r = await call('POST', '/withdrawals', { token: u.token, body: { amount } });
    ids.push(r.body.withdrawalId);
  }
  const p1 = await call('GET', '/withdrawals?limit=2', { token: u.token });
  expect(p1.status).toBe(200);
  expect(p1.body.items.map((w: any) => w.withdrawalId)).toEqual([ids[2], ids[1]]);
  expect(p1.body.items[0]).toMatchObject({ amount: '2.00', status: 'requested', createdAt: expect.any(String) });
  const p2 = await call('GET', `/withdrawals?limit=2&cursor=${p1.body.cursor}`, { token: u.token });
  expect(p2.body.items.map((w: any) => w.withdrawalId)).toEqual([ids[0]]);
  expect(p2.body.cursor).toBeUndefined();
  const other = await login(uniq('trother'));
  expect((await call('GET', '/withdrawals', { token: other.token })).body.items).toEqual([]);
  const foreign = await call('GET', `/withdrawals?cursor=${p1.body.cursor}`, { token: other.token });
  expect(foreign.status).toBe(400);
  expect(foreign.body.error.code).toBe('invalid_cursor');
});
