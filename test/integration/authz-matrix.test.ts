// The authorization matrix (issue 13 item 3): every HTTP route of serverless.yml against an
// anonymous caller, user A (the owner), user B (someone else), a staff token on a shopper route,
// an expired token and a tampered one, with the status expected in each cell; then every staff
// function against a shopper's token. A route added to serverless.yml without a row fails here.
import fs from 'fs';
import path from 'path';
import { call, completedOrder, login, settled, shippedOrder, ADDRESS, uniq } from './helpers';
import { signToken } from '../../functions/src/auth/token';

type Who = 'anon' | 'A' | 'B' | 'staff' | 'expired' | 'tampered';
const WHO: Who[] = ['anon', 'B', 'staff', 'expired', 'tampered', 'A']; // the owner last: refusals first

interface Row {
  route: string; // as in serverless.yml: METHOD path
  path: () => string;
  body?: unknown;
  expect: Record<Who, number>;
}

const PUBLIC = (s: number): Record<Who, number> => ({ anon: s, A: s, B: s, staff: s, expired: s, tampered: s });
/** A route of the caller's own data: everyone signed in gets `own` (their own), others 401. */
const SIGNED = (own: number): Record<Who, number> => ({
  anon: 401,
  A: own,
  B: own,
  staff: own,
  expired: 401,
  tampered: 401,
});
/** A route on A's resource: A gets `own`; B and a staff token (no shopper rights over others) 404. */
const OWNED = (own: number): Record<Who, number> => ({
  anon: 401,
  A: own,
  B: 404,
  staff: 404,
  expired: 401,
  tampered: 401,
});

const tokens: Partial<Record<Who, string>> = {};
const ids = {
  pay: '',
  confirm: '',
  refund: '',
  get: '',
  event: '',
  afterSale: '',
  request: '',
  addrPut: '',
  addrDel: '',
};
const BOOK_ADDRESS = { name: '张三', phone: '13800138000', regionCode: '330106', detail: '文三路 1 号' };

async function createdOrder(token: string): Promise<string> {
  const o = await call('POST', '/orders', {
    token,
    body: { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat', address: ADDRESS },
  });
  if (o.status !== 201) throw new Error(JSON.stringify(o.body));
  return o.body.orderId;
}

const PICTURE = '/pictures/products/bamboo-towel-3/1.svg';
const order = { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat', address: ADDRESS };
const ROWS: Row[] = [
  { route: 'POST /auth/login', path: () => '/auth/login', body: { devOpenId: uniq('mx') }, expect: PUBLIC(200) },
  { route: 'GET /products', path: () => '/products', expect: PUBLIC(200) },
  { route: 'GET /pool', path: () => '/pool', expect: PUBLIC(200) },
  { route: 'GET /pool/history', path: () => '/pool/history', expect: PUBLIC(200) },
  { route: 'GET /pool/log', path: () => '/pool/log?from=1', expect: PUBLIC(200) },
  { route: 'GET /pool/head', path: () => '/pool/head', expect: PUBLIC(200) },
  { route: 'GET /pool/keys', path: () => '/pool/keys', expect: PUBLIC(200) },
  { route: 'GET /categories', path: () => '/categories', expect: PUBLIC(200) },
  { route: 'GET /pictures/{key+}', path: () => PICTURE, expect: PUBLIC(200) },
  { route: 'GET /profile', path: () => '/profile', expect: SIGNED(200) },
  { route: 'PUT /profile', path: () => '/profile', body: { nickname: '矩阵' }, expect: SIGNED(200) },
  { route: 'GET /addresses', path: () => '/addresses', expect: SIGNED(200) },
  { route: 'POST /addresses', path: () => '/addresses', body: BOOK_ADDRESS, expect: SIGNED(201) },
  {
    route: 'PUT /addresses/{id}',
    path: () => `/addresses/${ids.addrPut}`,
    body: { ...BOOK_ADDRESS, detail: '文三路 2 号' },
    expect: OWNED(200),
  },
  { route: 'DELETE /addresses/{id}', path: () => `/addresses/${ids.addrDel}`, expect: OWNED(200) },
  // No bearer token at all: WeChat's signature decides, and this body carries none.
  { route: 'POST /pay/wechat/notify', path: () => '/pay/wechat/notify', body: { id: 'x' }, expect: PUBLIC(400) },
  {
    route: 'POST /transfer/wechat/notify',
    path: () => '/transfer/wechat/notify',
    body: { id: 'x' },
    expect: PUBLIC(400),
  },
  { route: 'POST /orders', path: () => '/orders', body: order, expect: SIGNED(201) },
  { route: 'GET /orders', path: () => '/orders', expect: SIGNED(200) },
  { route: 'GET /orders/{id}', path: () => `/orders/${ids.get}`, expect: OWNED(200) },
  { route: 'POST /orders/{id}/pay', path: () => `/orders/${ids.pay}/pay`, body: {}, expect: OWNED(200) },
  // A's order is unpaid: A is refused by the order's state (409), the others never see it.
  { route: 'POST /orders/{id}/confirm', path: () => `/orders/${ids.confirm}/confirm`, body: {}, expect: OWNED(409) },
  { route: 'POST /orders/{id}/refund', path: () => `/orders/${ids.refund}/refund`, body: {}, expect: OWNED(200) },
  {
    route: 'POST /orders/{id}/after-sale',
    path: () => `/orders/${ids.afterSale}/after-sale`,
    body: { kind: 'refund_only', items: [{ productId: 'rice-10kg', qty: 1 }], reason: '包装破损' },
    expect: OWNED(201),
  },
  // A's request is not approved yet: A is refused by its state (409), the others never see it.
  {
    route: 'POST /after-sale/{id}/ship-back',
    path: () => `/after-sale/${ids.request}/ship-back`,
    body: { carrier: '顺丰', trackingNo: 'SF1234567890' },
    expect: OWNED(409),
  },
  { route: 'GET /after-sale/{id}', path: () => `/after-sale/${ids.request}`, expect: OWNED(200) },
  { route: 'GET /after-sale', path: () => '/after-sale', expect: SIGNED(200) },
  { route: 'GET /wallet', path: () => '/wallet', expect: SIGNED(200) },
  // Signed-in callers with nothing to sell, convert or withdraw: refused by the rules (422).
  { route: 'POST /wallet/sell', path: () => '/wallet/sell', body: { points: '1000000' }, expect: SIGNED(422) },
  { route: 'POST /wallet/convert', path: () => '/wallet/convert', body: { points: '1000000' }, expect: SIGNED(422) },
  {
    route: 'POST /wallet/convert-back',
    path: () => '/wallet/convert-back',
    body: { amount: '1000000.00' },
    expect: SIGNED(422),
  },
  { route: 'POST /withdrawals', path: () => '/withdrawals', body: { amount: '1000000.00' }, expect: SIGNED(422) },
  { route: 'GET /ledger', path: () => '/ledger', expect: SIGNED(200) },
  { route: 'GET /withdrawals', path: () => '/withdrawals', expect: SIGNED(200) },
  { route: 'GET /me/invite', path: () => '/me/invite', expect: SIGNED(200) },
  { route: 'GET /me/export', path: () => '/me/export', expect: SIGNED(200) },
  // A body the route refuses, so no caller's account is deleted here (test/integration/privacy.test.ts).
  { route: 'POST /me/delete', path: () => '/me/delete', body: { everything: true }, expect: SIGNED(400) },
  { route: 'GET /wechat/message', path: () => '/wechat/message', expect: PUBLIC(400) },
  { route: 'POST /wechat/message', path: () => '/wechat/message', body: { id: 'x' }, expect: PUBLIC(400) },
  { route: 'GET /events/{id}', path: () => `/events/${ids.event}`, expect: OWNED(200) },
  { route: 'GET /pool/proof/{id}', path: () => `/pool/proof/${ids.event}`, expect: OWNED(200) },
  { route: 'GET /team', path: () => '/team', expect: SIGNED(200) },
  { route: 'GET /leaderboard', path: () => '/leaderboard', expect: SIGNED(200) },
  // The staff HTTP API: a body without a password is malformed for anyone.
  { route: 'POST /staff/login', path: () => '/staff/login', body: { username: 'x' }, expect: PUBLIC(400) },
  // A shopper's token, and a staff token without roles (the old STAFF_OPEN_IDS kind): 403.
  {
    route: 'POST /staff/{fn}',
    path: () => '/staff/list-orders',
    body: { status: 'paid', limit: 1 },
    expect: { anon: 401, A: 403, B: 403, staff: 403, expired: 401, tampered: 401 },
  },
];

/** Routes that take no Idempotency-Key. */
const NO_KEY = [
  'POST /auth/login',
  'POST /pay/wechat/notify',
  'POST /orders/{id}/pay',
  'POST /staff/login',
  'POST /staff/{fn}',
  'POST /transfer/wechat/notify',
  'POST /wechat/message',
];

/** METHOD path of every httpApi event in serverless.yml. */
function declaredRoutes(): string[] {
  const yml = fs.readFileSync(path.join(__dirname, '../../serverless.yml'), 'utf8');
  return [...yml.matchAll(/httpApi: \{ method: (\w+), path: (?:'([^']+)'|([^\s}]+))/g)].map(
    (m) => `${m[1]} ${m[2] ?? m[3]}`,
  );
}

beforeAll(async () => {
  const a = await login(uniq('mx-a'));
  const b = await login(uniq('mx-b'));
  tokens.A = a.token;
  tokens.B = b.token;
  // Staff are users with the staff role (STAFF_OPEN_IDS): a signed-in user's id with that role.
  const st = await login(uniq('mx-staff'));
  tokens.staff = await signToken({ userId: st.userId, role: 'staff' }, 600);
  tokens.expired = await signToken({ userId: a.userId, role: 'user' }, 1);
  // A's own token with another subject and the same signature: the signature no longer matches.
  const [h, p, s] = a.token.split('.');
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
  tokens.tampered = [h, Buffer.from(JSON.stringify({ ...claims, sub: b.userId })).toString('base64url'), s].join('.');
  const book = async () => {
    const r = await call('POST', '/addresses', { token: a.token, body: BOOK_ADDRESS });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    return r.body.addressId as string;
  };
  ids.addrPut = await book();
  ids.addrDel = await book();
  ids.get = await createdOrder(a.token);
  ids.pay = await createdOrder(a.token);
  ids.confirm = await createdOrder(a.token);
  ids.refund = await createdOrder(a.token);
  await completedOrder(a.token); // gives A a pool event of its own
  const received = async () => {
    const id = await shippedOrder(a.token);
    const r = await settled('POST', `/orders/${id}/confirm`, { token: a.token, body: {} });
    if (r.body.status !== 'received') throw new Error(JSON.stringify(r.body));
    return id;
  };
  ids.afterSale = await received();
  const withRequest = await received();
  const req = await call('POST', `/orders/${withRequest}/after-sale`, {
    token: a.token,
    body: { kind: 'refund_only', items: [{ productId: 'rice-10kg', qty: 1 }], reason: '包装破损' },
  });
  if (req.status !== 201) throw new Error(JSON.stringify(req.body));
  ids.request = req.body.requestId;
  const ledger = (await call('GET', '/ledger?limit=5', { token: a.token })).body.entries;
  ids.event = ledger.find((e: { kind: string }) => e.kind === 'order_completed').eventId;
  await new Promise((r) => setTimeout(r, 2100)); // the 1-second token has expired
});

it('has a row for every route of serverless.yml', () => {
  expect(ROWS.map((r) => r.route).sort()).toEqual(declaredRoutes().sort());
});

describe.each(ROWS)('$route', (row) => {
  it.each(WHO)('%s', async (who) => {
    const method = row.route.split(' ')[0]!;
    const r = await call(method, row.path(), {
      token: tokens[who as Exclude<Who, 'anon'>],
      ...(row.body !== undefined ? { body: row.body } : {}),
      key: NO_KEY.includes(row.route) ? null : undefined, // other POSTs: a fresh Idempotency-Key
    });
    expect({ who, status: r.status }).toEqual({ who, status: row.expect[who] });
    if (r.status === 401) expect(r.body.error.code).toBe(who === 'expired' ? 'token_expired' : 'invalid_token');
    if (r.status === 404) expect(r.body.error.code).toMatch(/not_found$/); // not_found, address_not_found
  });
});

describe('every staff function refuses a shopper', () => {
  const names = async () => Object.keys((await import('../../functions/src/staff/index')).STAFF_FUNCTIONS);
  it('a shopper token: forbidden; none: invalid_token; a shopper token made staff: invalid_token', async () => {
    const { STAFF_FUNCTIONS } = await import('../../functions/src/staff/index');
    const [h, p, s] = tokens.A!.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = [h, Buffer.from(JSON.stringify({ ...claims, role: 'staff' })).toString('base64url'), s].join('.');
    const list = await names();
    expect(list.length).toBeGreaterThanOrEqual(17);
    for (const name of list) {
      const cell = async (token: string | undefined) => {
        const r = await STAFF_FUNCTIONS[name]!(token === undefined ? {} : { token });
        return { name, ok: r.ok, code: r.error?.code };
      };
      expect(await cell(tokens.A)).toEqual({ name, ok: false, code: 'forbidden' });
      expect(await cell(undefined)).toEqual({ name, ok: false, code: 'invalid_token' });
      expect(await cell(forged)).toEqual({ name, ok: false, code: 'invalid_token' });
      expect(await cell(tokens.expired)).toEqual({ name, ok: false, code: 'token_expired' });
    }
  });
});
