// A catalogue of bad requests: each gets its documented 4xx (docs/errors.md) and the table
// does not change.
import { SignJWT } from 'jose';
import { keys } from '../../functions/src/repo/keys';
import { call, login, shippedOrder, completedOrder, staff, snapshot, uniq, ADDRESS, PARCEL } from './helpers';

let a: { token: string; userId: string };
let b: { token: string; userId: string };
let aOrder: string;
let limited: string;
let own = ''; // a product only this file orders, so concurrent suites cannot move its stock

beforeAll(async () => {
  a = await login(uniq('bad-a'));
  b = await login(uniq('bad-b'));
  await completedOrder(a.token); // a holds some points
  aOrder = await shippedOrder(a.token);
  limited = uniq('limited-');
  own = uniq('bad-');
  expect(
    (
      await staff('upsert-product', {
        productId: own,
        name: '测试商品',
        price: '100.00',
        poolContribution: '30.00',
        stock: 100,
      })
    ).ok,
  ).toBe(true);
  const up = await staff('upsert-product', {
    productId: limited,
    name: '限量茶具',
    price: '50.00',
    poolContribution: '10.00',
    stock: 2,
  });
  expect(up.ok).toBe(true);
});

const order = (items: unknown, payWith: unknown = 'wechat') => ({ items, payWith, address: ADDRESS });

type Case = [
  name: string,
  status: number,
  code: string,
  method: string,
  path: () => string,
  opts: () => Parameters<typeof call>[2],
];

const cases: Case[] = [
  [
    'qty as a string',
    400,
    'invalid_request',
    'POST',
    () => '/orders',
    () => ({ token: a.token, body: order([{ productId: own, qty: '1' }]) }),
  ],
  [
    'points as a number',
    400,
    'invalid_request',
    'POST',
    () => '/wallet/sell',
    () => ({ token: a.token, body: { points: 1 } }),
  ],
  [
    'negative points',
    400,
    'invalid_amount',
    'POST',
    () => '/wallet/sell',
    () => ({ token: a.token, body: { points: '-1' } }),
  ],
  [
    'negative qty',
    400,
    'invalid_request',
    'POST',
    () => '/orders',
    () => ({ token: a.token, body: order([{ productId: own, qty: -1 }]) }),
  ],
  [
    'seven decimals of points',
    400,
    'invalid_amount',
    'POST',
    () => '/wallet/sell',
    () => ({ token: a.token, body: { points: '1.1234567' } }),
  ],
  [
    'three decimals of money',
    400,
    'invalid_amount',
    'POST',
    () => '/withdrawals',
    () => ({ token: a.token, body: { amount: '1.234' } }),
  ],
  [
    'exponent notation',
    400,
    'invalid_amount',
    'POST',
    () => '/wallet/convert',
    () => ({ token: a.token, body: { points: '1e3' } }),
  ],
  [
    'zero points',
    400,
    'invalid_amount',
    'POST',
    () => '/wallet/sell',
    () => ({ token: a.token, body: { points: '0' } }),
  ],
  [
    'more points than held',
    422,
    'insufficient_points',
    'POST',
    () => '/wallet/sell',
    () => ({ token: a.token, body: { points: '100000' } }),
  ],
  [
    'convert back without constant',
    422,
    'insufficient_constant',
    'POST',
    () => '/wallet/convert-back',
    () => ({ token: b.token, body: { amount: '10.00' } }),
  ],
  [
    'withdraw without cash',
    422,
    'insufficient_cash',
    'POST',
    () => '/withdrawals',
    () => ({ token: b.token, body: { amount: '10.00' } }),
  ],
  [
    'pay with constant not held',
    422,
    'insufficient_constant',
    'POST',
    () => '/orders',
    () => ({ token: b.token, body: order([{ productId: own, qty: 1 }], 'constant') }),
  ],
  [
    'redeem without points',
    422,
    'insufficient_points',
    'POST',
    () => '/orders',
    () => ({ token: b.token, body: order([{ productId: own, qty: 1 }], 'equity') }),
  ],
  [
    'unknown product',
    404,
    'product_not_found',
    'POST',
    () => '/orders',
    () => ({ token: a.token, body: order([{ productId: 'no-such-thing', qty: 1 }]) }),
  ],
  [
    'zero quantity',
    400,
    'invalid_request',
    'POST',
    () => '/orders',
    () => ({ token: a.token, body: order([{ productId: own, qty: 0 }]) }),
  ],
  [
    'huge quantity',
    400,
    'invalid_request',
    'POST',
    () => '/orders',
    () => ({ token: a.token, body: order([{ productId: own, qty: 1e12 }]) }),
  ],
  [
    'fractional quantity',
    400,
    'invalid_request',
    'POST',
    () => '/orders',
    () => ({ token: a.token, body: order([{ productId: own, qty: 1.5 }]) }),
  ],
  ['no items', 400, 'invalid_request', 'POST', () => '/orders', () => ({ token: a.token, body: order([]) })],
  [
    'unknown tender',
    400,
    'invalid_request',
    'POST',
    () => '/orders',
    () => ({ token: a.token, body: order([{ productId: own, qty: 1 }], 'bitcoin') }),
  ],
  [
    'unknown field',
    400,
    'invalid_request',
    'POST',
    () => '/wallet/sell',
    () => ({ token: a.token, body: { points: '1', price: '999' } }),
  ],
  [
    'beyond stock',
    409,
    'out_of_stock',
    'POST',
    () => '/orders',
    () => ({ token: a.token, body: order([{ productId: limited, qty: 3 }]) }),
  ],
  [
    'beyond stock, split over two lines',
    409,
    'out_of_stock',
    'POST',
    () => '/orders',
    () => ({
      token: a.token,
      body: order([
        { productId: limited, qty: 2 },
        { productId: limited, qty: 1 },
      ]),
    }),
  ],
  ["another user's order (read)", 404, 'not_found', 'GET', () => `/orders/${aOrder}`, () => ({ token: b.token })],
  [
    "another user's order (confirm)",
    404,
    'not_found',
    'POST',
    () => `/orders/${aOrder}/confirm`,
    () => ({ token: b.token, body: {} }),
  ],
  [
    "another user's order (refund)",
    404,
    'not_found',
    'POST',
    () => `/orders/${aOrder}/refund`,
    () => ({ token: b.token, body: {} }),
  ],
  ['unknown order', 404, 'not_found', 'GET', () => '/orders/o_nothing', () => ({ token: a.token })],
  [
    'pay a shipped order',
    409,
    'invalid_status',
    'POST',
    () => `/orders/${aOrder}/pay`,
    () => ({ token: a.token, body: {}, key: null }),
  ],
  ['no token', 401, 'invalid_token', 'GET', () => '/wallet', () => ({})],
  ['garbage token', 401, 'invalid_token', 'GET', () => '/wallet', () => ({ token: 'not.a.jwt' })],
  [
    'malformed JSON',
    400,
    'malformed_json',
    'POST',
    () => '/wallet/sell',
    () => ({ token: a.token, rawBody: '{"points": "1",' }),
  ],
  [
    'body over 64 KB',
    413,
    'payload_too_large',
    'POST',
    () => '/orders',
    () => ({ token: a.token, rawBody: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }) }),
  ],
  [
    'no Idempotency-Key',
    400,
    'idempotency_key_required',
    'POST',
    () => '/wallet/sell',
    () => ({ token: a.token, body: { points: '1' }, key: null }),
  ],
  [
    'bad Idempotency-Key',
    400,
    'invalid_idempotency_key',
    'POST',
    () => '/wallet/sell',
    () => ({ token: a.token, body: { points: '1' }, key: 'has spaces!' }),
  ],
  [
    'foreign ledger cursor',
    400,
    'invalid_cursor',
    'GET',
    () => `/ledger?cursor=${Buffer.from(JSON.stringify(keys.ledger(a.userId, 'z', 'z', 0))).toString('base64url')}`,
    () => ({ token: b.token }),
  ],
  ['limit out of range', 400, 'invalid_request', 'GET', () => '/ledger?limit=100000', () => ({ token: a.token })],
];

describe('bad inputs', () => {
  it.each(cases)('%s -> %i %s', async (_name, status, code, method, path, opts) => {
    const before = await snapshot([a.userId, b.userId], [own, limited]);
    const r = await call(method, path(), opts());
    expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status, code });
    expect(typeof r.body.error.message).toBe('string');
    const after = await snapshot([a.userId, b.userId], [own, limited]);
    expect(after.filter((l) => !before.includes(l))).toEqual([]);
    expect(before.filter((l) => !after.includes(l))).toEqual([]);
  });

  it('a token signed with another secret -> 401 invalid_token', async () => {
    const forged = await new SignJWT({ role: 'staff' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(a.userId)
      .setIssuer('greenpoints')
      .setAudience('greenpoints')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('an attacker secret of some length 1234567890'));
    const r = await call('GET', '/wallet', { token: forged });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('invalid_token');
  });

  it('an expired token -> 401 token_expired', async () => {
    const { signToken } = await import('../../functions/src/auth/token');
    const t = await signToken({ userId: a.userId, role: 'user' }, 1);
    await new Promise((r) => setTimeout(r, 2100));
    const r = await call('GET', '/wallet', { token: t });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('token_expired');
  });

  it('a shopper token cannot run staff functions', async () => {
    const { STAFF_FUNCTIONS } = await import('../../functions/src/staff/index');
    const out = await STAFF_FUNCTIONS['ship-order']!({ orderId: aOrder, ...PARCEL, token: a.token });
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('forbidden');
    const noToken = await STAFF_FUNCTIONS['ship-order']!({ orderId: aOrder, ...PARCEL });
    expect(noToken.error?.code).toBe('invalid_token');
  });

  it('stock never goes below zero: two orders of the last two items, one wins', async () => {
    const rs = await Promise.all(
      [1, 2, 3].map(() => call('POST', '/orders', { token: a.token, body: order([{ productId: limited, qty: 2 }]) })),
    );
    expect(rs.filter((r) => r.status === 201)).toHaveLength(1);
    expect(rs.filter((r) => r.status === 409 && r.body.error.code === 'out_of_stock')).toHaveLength(2);
    const p = (await call('GET', '/products')).body.find((x: { productId: string }) => x.productId === limited);
    expect(p.stock).toBe(0);
  });
});
