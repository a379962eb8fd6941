// GET /me/export and POST /me/delete (issue 18 item 6): a copy of the shopper's data; the account
// deleted only while nothing is owed either way, its personal data erased, the ledger kept under
// the pseudonym, and every invariant (reconcile) still holding.
import { ADDRESS, call, completedOrder, login, sellHalf, staff, uniq } from './helpers';
import { getItem } from '../../functions/src/repo/ddb';
import { keys } from '../../functions/src/repo/keys';
import { ledgerPage } from '../../functions/src/repo/history';

const BOOK = { name: '李四', phone: '13900139000', regionCode: '330106', detail: '文三路 2 号' };
const del = (token: string) => call('POST', '/me/delete', { token, body: {} });

async function clean() {
  expect((await staff('reconcile')).result.problems).toEqual([]);
}

it('the export holds profile, addresses, orders, ledger, referrals and withdrawals in one document', async () => {
  const a = await login(uniq('exp-a'));
  const name = uniq('exp-b');
  const b = (await call('POST', '/auth/login', { body: { devOpenId: name, referrer: a.userId }, key: null })).body;
  expect((await call('POST', '/addresses', { token: b.token, body: BOOK })).status).toBe(201);
  await call('PUT', '/profile', { token: b.token, body: { nickname: '导出测试' } });
  await completedOrder(b.token);
  const r = await call('GET', '/me/export', { token: b.token });
  expect(r.status).toBe(200);
  expect(r.body.profile).toMatchObject({ userId: b.userId, openId: `dev:${name}`, nickname: '导出测试' });
  expect(r.body.addresses).toEqual([expect.objectContaining({ name: '李四', phone: '13900139000' })]);
  expect(r.body.orders).toHaveLength(1);
  expect(r.body.orders[0].status).toBe('completed');
  expect(r.body.ledger.length).toBeGreaterThan(0);
  expect(r.body.referrals.referrer).toBe(a.userId);
  expect(r.body.withdrawals).toEqual([]);
  expect(typeof r.body.exportedAt).toBe('string');
  const ofA = (await call('GET', '/me/export', { token: a.token })).body;
  expect(ofA.referrals.referred.map((x: { userId: string }) => x.userId)).toContain(b.userId);
});

it('refused while something is owed: open order, balance, open withdrawal — each by its code, nothing erased', async () => {
  const u = await login(uniq('del-owed'));
  const o = await call('POST', '/orders', {
    token: u.token,
    body: { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat', address: ADDRESS },
  });
  let r = await del(u.token);
  expect([r.status, r.body.error.code]).toEqual([409, 'account_has_open_orders']);
  await call('POST', `/orders/${o.body.orderId}/refund`, { token: u.token, body: {} }); // cancel it unpaid
  await completedOrder(u.token, 'rice-10kg', 2);
  r = await del(u.token);
  expect([r.status, r.body.error.code]).toEqual([409, 'account_has_balance']); // points
  await sellHalf(u.token);
  const w = (await call('GET', '/wallet', { token: u.token })).body;
  await call('POST', '/withdrawals', { token: u.token, body: { amount: w.cash } });
  r = await del(u.token);
  expect([r.status, r.body.error.code]).toEqual([409, 'account_has_open_withdrawals']);
  expect((await call('GET', '/me/export', { token: u.token })).status).toBe(200); // still there
});

it('deleted when nothing is owed: personal data gone, the ledger kept under the pseudonym, reconcile clean; a new login is a new member', async () => {
  const name = uniq('del-ok');
  const u = (await call('POST', '/auth/login', { body: { devOpenId: name }, key: null })).body;
  expect((await call('POST', '/addresses', { token: u.token, body: BOOK })).status).toBe(201);
  await call('PUT', '/profile', { token: u.token, body: { nickname: '注销测试' } });
  const o = await call('POST', '/orders', {
    token: u.token,
    body: { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat', addressId: undefined, address: BOOK },
  });
  await call('POST', `/orders/${o.body.orderId}/refund`, { token: u.token, body: {} });
  const ledgerBefore = (await call('GET', '/ledger?limit=100', { token: u.token })).body.entries;

  const r = await del(u.token);
  expect([r.status, r.body]).toEqual([200, { deleted: true }]);
  const user = await getItem(keys.user(u.userId));
  expect(user).toMatchObject({ userId: u.userId, nickname: '', deletedAt: expect.any(String) });
  expect(user?.openId).toBeUndefined();
  expect(await getItem(keys.openId(`dev:${name}`))).toBeUndefined();
  expect(await getItem(keys.addressBook(u.userId))).toBeUndefined();
  const order = await getItem(keys.order(o.body.orderId));
  expect(JSON.parse(String(order?.address))).toEqual({ region: '', detail: '' });
  expect(String(order?.address)).not.toContain('13900139000');
  // The ledger stays, under the pseudonym only.
  const ledgerAfter = (await ledgerPage(u.userId, 100)).items;
  expect(ledgerAfter).toEqual(ledgerBefore);
  // Its tokens stop working at once, on every route.
  for (const [m, p] of [
    ['GET', '/me/export'],
    ['GET', '/ledger'],
    ['GET', '/wallet'],
  ] as const) {
    const r = await call(m, p, { token: u.token });
    expect([r.status, r.body.error.code]).toEqual([401, 'invalid_token']);
  }
  await clean();
  // The same WeChat user logging in again starts afresh under a new id.
  const again = (await call('POST', '/auth/login', { body: { devOpenId: name }, key: null })).body;
  expect(again.userId).not.toBe(u.userId);
  expect((await call('GET', '/me/export', { token: again.token })).body.addresses).toEqual([]);
});
