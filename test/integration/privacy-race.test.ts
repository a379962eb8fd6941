// POST /me/delete against what races it (issue 18 item 6): the check and the erase are one
// guarded step, so an order placed or a wallet change landing between them makes the erase fail
// and the check run again; once deleted, the account's tokens stop working at once and an order
// that reaches its transaction afterwards is refused. Reconcile stays clean.
import { ADDRESS, call, login, staff, uniq } from './helpers';
import { getItem } from '../../functions/src/repo/ddb';
import { keys } from '../../functions/src/repo/keys';
import { deleteAccount } from '../../functions/src/domain/shop/privacy';
import { privacyDeps } from '../../functions/src/wiring/privacy';
import { Tx } from '../../functions/src/domain/tx';
import { committer } from '../../functions/src/repo/writes';
import { conflict } from '../../functions/src/domain/errors';
import { accountGuard } from '../../functions/src/repo/privacy';
import type { PrivacyDeps } from '../../functions/src/domain/shop/privacy-ports';

const order = (token: string) =>
  call('POST', '/orders', {
    token,
    body: { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat', address: ADDRESS },
  });
const deleted = async (userId: string) => typeof (await getItem(keys.user(userId)))?.deletedAt === 'string';

/** The deletion's stores, with `between` run once after the check, just before the erase is written. */
function racedBy(between: () => Promise<void>): PrivacyDeps {
  const deps = privacyDeps();
  let ran = false;
  const inner = deps.privacy;
  return {
    ...deps,
    privacy: {
      ...inner,
      erase: (p, at, guard) => {
        if (!ran) throw new Error('erase before the race ran');
        return inner.erase(p, at, guard);
      },
      scrubOrder: (orderId) => inner.scrubOrder(orderId),
      personal: inner.personal.bind(inner),
    },
    // The last read of the check (the withdrawals) is where the race is let in.
    withdrawals: {
      byUser: async (u, limit, cursor) => {
        const page = await deps.withdrawals.byUser(u, limit, cursor);
        if (!ran) {
          ran = true;
          await between();
        }
        return page;
      },
    },
  };
}

async function clean() {
  expect((await staff('reconcile')).result.problems).toEqual([]);
}

it('an order placed between the check and the erase: the erase fails, the check again refuses', async () => {
  const u = await login(uniq('race-o'));
  let placed = '';
  const deps = racedBy(async () => {
    const o = await order(u.token);
    expect(o.status).toBe(201);
    placed = o.body.orderId;
  });
  await expect(deleteAccount(deps, u.userId)).rejects.toMatchObject({ code: 'account_has_open_orders' });
  expect(placed).not.toBe('');
  expect(await deleted(u.userId)).toBe(false);
  expect((await call('GET', `/orders/${placed}`, { token: u.token })).body.status).toBe('created');
  expect((await call('GET', '/wallet', { token: u.token })).status).toBe(200); // the token still works
  await clean();
});

it('a credit landing between the check and the erase (a staff grant): refused for the balance', async () => {
  const u = await login(uniq('race-w'));
  const deps = racedBy(async () => {
    const g = await staff('grant', { userId: u.userId, points: '1', reason: 'race test', requestId: uniq('rg') });
    expect(g.ok).toBe(true);
  });
  await expect(deleteAccount(deps, u.userId)).rejects.toMatchObject({ code: 'account_has_balance' });
  expect(await deleted(u.userId)).toBe(false);
  await clean();
});

it('deletion racing orders over HTTP: never an account deleted with an order left open', async () => {
  const users = await Promise.all(Array.from({ length: 6 }, () => login(uniq('race-h'))));
  await Promise.all(
    users.map(async (u) => {
      const [d, o] = await Promise.all([call('POST', '/me/delete', { token: u.token, body: {} }), order(u.token)]);
      const gone = await deleted(u.userId);
      // One of the two won: deleted and the order refused, or the order placed and deletion refused.
      if (gone) {
        expect(d.status).toBe(200);
        expect(o.status === 401 || (o.status === 409 && o.body.error.code === 'account_deleted')).toBe(true);
      } else {
        expect([d.status, d.body.error.code]).toEqual([409, 'account_has_open_orders']);
        expect(o.status).toBe(201);
      }
    }),
  );
  await clean();
});

it('once deleted: every token of the account is refused at once, and an order reaching its transaction is refused', async () => {
  const u = await login(uniq('race-t'));
  expect((await call('POST', '/me/delete', { token: u.token, body: {} })).status).toBe(200);
  for (const r of [
    await call('GET', '/wallet', { token: u.token }),
    await call('GET', '/orders', { token: u.token }),
    await order(u.token),
    await call('PUT', '/profile', { token: u.token, body: { nickname: '回来了' } }),
  ])
    expect([r.status, r.body.error.code]).toEqual([401, 'invalid_token']);
  // An order already past the token check when the account went: its transaction's account mark refuses it.
  const mark = new Tx(committer).add(
    accountGuard.orderPlaced(u.userId, 'o_late', new Date().toISOString()),
    conflict('account_deleted', '账户已注销'),
  );
  await expect(mark.commit()).rejects.toMatchObject({ code: 'account_deleted' });
  expect((await getItem(keys.user(u.userId)))?.lastOrderId).toBeUndefined();
  await clean();
});
