// Real HTTP against the local stack, plus the staff functions called in-process against the
// same DynamoDB Local (they are invoked with JSON events, not HTTP, in production too).
import { randomBytes } from 'crypto';
import { dec, truncate } from '@greenpoints/shared';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { staffSigned } from '../staff-call';

process.env.STAGE ??= 'local';
process.env.TABLE_NAME ??= 'greenpoints-local';

export const API = () => {
  const u = process.env.API_URL;
  if (!u) throw new Error('API_URL is not set');
  return u;
};

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOpts {
  token?: string;
  body?: unknown;
  rawBody?: string;
  key?: string | null; // Idempotency-Key; null: none
  headers?: Record<string, string>;
}

/**
 * fetch, sent again when the connection fails before any answer (e.g. a kept-alive socket the
 * server closed just as it was reused, which a loaded machine makes likely) and the request is
 * safe to repeat: a GET, or a POST with its Idempotency-Key (the API's own retry contract).
 */
async function send(url: string, init: RequestInit, repeatable: boolean): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (e) {
      if (!repeatable || attempt >= 3) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

export async function call<T = any>(method: string, path: string, o: CallOpts = {}): Promise<Res<T>> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  let body: string | undefined;
  if (o.rawBody !== undefined) body = o.rawBody;
  else if (o.body !== undefined) body = JSON.stringify(o.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['Content-Type'] = 'application/json';
  if (method === 'POST' && o.key !== null) headers['Idempotency-Key'] = o.key ?? newKey();
  const r = await send(
    API() + path,
    { method, headers, body },
    method === 'GET' || headers['Idempotency-Key'] !== undefined,
  );
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, body: parsed as T, headers: r.headers };
}

/** The API Gateway event of a POST, for calling a handler in-process (scripted faults, no wait). */
export function lambdaPost(
  path: string,
  token: string,
  body: unknown,
  key: string,
  pathParameters?: Record<string, string>,
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
    requestContext: { http: { method: 'POST', path } } as APIGatewayProxyEventV2['requestContext'],
    ...(pathParameters ? { pathParameters } : {}),
    body: JSON.stringify(body),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}

export const newKey = () => 'k' + randomBytes(10).toString('hex');
export const uniq = (p: string) => `${p}${randomBytes(5).toString('hex')}`;

export async function login(name = uniq('u')): Promise<{ token: string; userId: string }> {
  const r = await call('POST', '/auth/login', { body: { devOpenId: name }, key: null });
  if (r.status !== 200) throw new Error(`login ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A full address with the receiver's phone: the SF shipping upload to WeChat needs it (masked). */
export const ADDRESS = { name: '张三', phone: '13800138000', regionCode: '330106', detail: '文三路 1 号' };
/** The region text of ADDRESS.regionCode, as the order keeps it. */
export const ADDRESS_REGION = '浙江省 杭州市 西湖区';
export const PARCEL = { carrier: '顺丰速运', trackingNo: 'SF1234567890' };

/** A staff function as staff-test (every role); a request for a second signature is approved by staff-test-2. */
export async function staff(name: string, input: Record<string, unknown> = {}): Promise<any> {
  return staffSigned('staff-test', name, input);
}

/** Creates, pays, ships an order of `qty` × productId; returns its id. */
export async function shippedOrder(
  token: string,
  productId = 'rice-10kg',
  qty = 1,
  payWith = 'wechat',
): Promise<string> {
  const o = await call('POST', '/orders', { token, body: { items: [{ productId, qty }], payWith, address: ADDRESS } });
  if (o.status !== 201) throw new Error(`create ${o.status} ${JSON.stringify(o.body)}`);
  if (o.body.status === 'created') {
    const p = await call('POST', `/orders/${o.body.orderId}/pay`, { token, body: {}, key: null });
    if (p.status !== 200) throw new Error(`pay ${p.status} ${JSON.stringify(p.body)}`);
  }
  const s = await staff('ship-order', { orderId: o.body.orderId, ...PARCEL });
  if (!s.ok) throw new Error(`ship ${JSON.stringify(s)}`);
  return o.body.orderId;
}

/**
 * A pool event's final answer: a 202 (not decided within the server's wait, e.g. on a loaded
 * machine) is polled at GET /events/{id}, then the same key replayed for the stored answer.
 */
export async function settled(
  method: string,
  path: string,
  o: CallOpts & { token: string },
  maxMs = 120000,
): Promise<Res> {
  const key = o.key ?? newKey();
  let r = await call(method, path, { ...o, key });
  const deadline = Date.now() + maxMs;
  while (r.status === 202 && Date.now() < deadline) {
    await new Promise((res) => setTimeout(res, 250));
    const ev = await call('GET', r.body.poll, { token: o.token });
    if (ev.status === 200 && ev.body.status !== 'pending') r = await call(method, path, { ...o, key });
  }
  return r;
}

/**
 * Shipped, received by the buyer (the after-sale window opens), then completed by complete-due
 * for this one order at the window's end (the local stand-in clock): the completion answer.
 */
export async function completedOrder(token: string, productId = 'rice-10kg', qty = 1): Promise<any> {
  const id = await shippedOrder(token, productId, qty);
  const c = await settled('POST', `/orders/${id}/confirm`, { token, body: {} });
  if (c.status !== 200) throw new Error(`confirm ${c.status} ${JSON.stringify(c.body)}`);
  if (c.body.status === 'completed') return c.body; // exempt goods complete at receipt
  return completeNow(id, c.body.completesAt);
}

/** complete-due for one received order, its clock just past the window's end. */
export async function completeNow(orderId: string, completesAt: string): Promise<any> {
  const now = new Date(new Date(completesAt).getTime() + 1000).toISOString();
  const r = await staff('complete-due', { now, orderIds: [orderId] });
  if (!r.ok) throw new Error(`complete-due ${JSON.stringify(r)}`);
  const done = r.result.completed.find((x: any) => x.orderId === orderId);
  if (done?.status !== 'completed') throw new Error(`completion ${JSON.stringify(done)}`);
  return done;
}

/** Sells half of the caller's equity (rounded down to 6 decimals); returns the sell answer. */
export async function sellHalf(token: string): Promise<any> {
  const w = (await call('GET', '/wallet', { token })).body;
  const half = truncate(dec(w.equity).div(2), 6).toFixed(6);
  const r = await settled('POST', '/wallet/sell', { token, body: { points: half } });
  if (r.status !== 200) throw new Error(`sell ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function pool(): Promise<any> {
  return (await call('GET', '/pool')).body;
}

/**
 * The items a request by these users could touch: theirs (wallet, ledger, keys, orders, events,
 * pending pool events, withdrawals) and the given products. Other tests (e2e, client) may use
 * the same stack at the same time, so the shared pool item is left out; any pool change by
 * these users would show as their own EVENT/PENDING/ledger items.
 */
export async function snapshot(userIds: string[], productIds: string[] = []): Promise<string[]> {
  const { scanAll } = await import('../../functions/src/repo/ddb');
  const { keys, partitions } = await import('../../functions/src/repo/keys');
  const all = await scanAll();
  const mine = all.filter((i) => {
    const pk = String(i.PK);
    if (productIds.some((p) => pk === keys.product(p).PK)) return true;
    return userIds.some((u) => pk === partitions.user(u) || i.userId === u);
  });
  // One line per item, so a failed comparison shows only the items that changed.
  return mine.map((i) => `${String(i.PK)} ${String(i.SK)} ${JSON.stringify(Object.entries(i).sort())}`).sort();
}
