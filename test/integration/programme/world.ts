// A private table on the stack's DynamoDB Local, and the backend's own code called in-process:
// hand-checked numbers need a pool nobody else touches (the shared table's pool moves with every
// other test). Staff functions are called as the console calls them: a JSON event with a token.
import { randomBytes } from 'crypto';
import { deps } from '../../ddb-deps';

process.env.STAGE = 'local';

export const fn = {
  auth: () => import('../../../functions/src/domain/shop/auth'),
  orders: () => import('../../domain-orders'),
  repo: () => import('../../../functions/src/repo/repository'),
  ddb: () => import('../../../functions/src/repo/ddb'),
  settlement: () => import('../../../functions/src/domain/programme/settlement'),
  legacy: () => import('../../../functions/src/domain/programme/legacy'),
};

export async function freshTable(prefix: string): Promise<string> {
  if (!process.env.DDB_ENDPOINT)
    throw new Error('DDB_ENDPOINT is not set (run through npm test or the integration project)');
  const name = `prog-${prefix}-${randomBytes(4).toString('hex')}`;
  process.env.TABLE_NAME = name;
  const { ensureTable } = await import('../../../functions/src/local/setup');
  await ensureTable();
  return name;
}

export async function staff(name: string, input: Record<string, unknown> = {}): Promise<any> {
  const { staffSigned } = await import('../../staff-call');
  return staffSigned('staff-prog', name, input);
}

export async function ok(name: string, input: Record<string, unknown> = {}): Promise<any> {
  const r = await staff(name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.result;
}

export async function product(
  productId: string,
  price: string,
  poolContribution: string,
  dividendContribution: string,
) {
  return ok('upsert-product', {
    productId,
    name: productId,
    price,
    poolContribution,
    dividendContribution,
    stock: 100000,
  });
}

export async function setConfig(change: Record<string, unknown>) {
  const r = await ok('set-config', { change });
  // The params cache (2 s) must see the new version before the next completion.
  await (await fn.repo()).getParams(true);
  return r;
}

export async function login(name: string, extra: { referrer?: string; scene?: string } = {}): Promise<string> {
  const { login: doLogin } = await fn.auth();
  return (await doLogin(deps, { devOpenId: name, ...extra })).userId;
}

/** created -> paid -> shipped -> received -> completed at the window's end; the completion answer. */
export async function buy(userId: string, productId: string, qty = 1, region = '浙江省杭州市西湖区'): Promise<any> {
  const o = await fn.orders();
  const key = 'k' + randomBytes(8).toString('hex');
  const r = await o.createOrder(
    deps,
    userId,
    { userId, key, hash: key },
    { items: [{ productId, qty }], payWith: 'wechat', address: { region, detail: '1 号', phone: '13800138000' } },
  );
  const orderId = (r.body as { orderId: string }).orderId;
  await o.markPaid(deps, orderId, { userId });
  await ok('ship-order', { orderId, carrier: '顺丰速运', trackingNo: 'SF1234567890' });
  // Receipt opens the after-sale window; the completion comes at its end (the stand-in clock).
  const got = await o.confirmOrder(deps, userId, orderId, { userId, key: key + 'c', hash: key + 'c' });
  const { completesAt } = got.body as { completesAt: string };
  const now = new Date(new Date(completesAt).getTime() + 1000).toISOString();
  const done = await ok('complete-order', { orderId, now });
  if (done.status !== 'completed') throw new Error(`completion: ${JSON.stringify(done)}`);
  return done;
}

/**
 * A private table for settlement tests: product div-100 (100 yuan: 30 to the pool, 10 to the
 * day's dividend fund), `config` set, and the settlement clock at tomorrow noon (China time), so
 * the orders completed today can be settled. Returns today's business date and set-config's answer.
 */
export async function settlementWorld(
  prefix: string,
  config?: Record<string, unknown>,
): Promise<{ day: string; cfg?: any }> {
  await freshTable(prefix);
  await product('div-100', '100.00', '30.00', '10.00');
  const cfg = config ? await setConfig(config) : undefined;
  const { businessDate, addDays } = await import('../../../functions/src/domain/calendar');
  const day = businessDate(Date.now());
  (await fn.settlement()).settlementHooks.now = () => Date.parse(`${addDays(day, 1)}T12:00:00+08:00`);
  return { day, cfg };
}

export async function wallet(userId: string) {
  return (await (await fn.repo()).getWallet(userId)).wallet;
}

export async function reconcileClean(): Promise<string[]> {
  const r = await ok('reconcile');
  return r.problems;
}
