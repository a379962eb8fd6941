// 小程序发货信息管理服务: upload_shipping_info (POST /wxa/sec/order/upload_shipping_info?access_token=)
// tells WeChat a paid order's parcel, so it settles the payment and shows the parcel in the
// buyer's WeChat order list. The order is named by our merchant id and out_trade_no.
import { AdapterError, type FetchLike } from './types';
import type { LoginConfig } from './config';
import { createTokenSource, postJson, TOKEN_REFUSED } from './access-token';
import { checkOrderId } from './ids';
import type { ShippingUpload, WeChatShipping } from './types';
export type { ShippingUpload, WeChatShipping };

export const UPLOAD_SHIPPING_URL = 'https://api.weixin.qq.com/wxa/sec/order/upload_shipping_info';

/**
 * WeChat's delivery companies (get_delivery_list) by the names staff type; a code itself is
 * taken as well. SF needs the receiver's masked phone.
 */
export const CARRIERS: Record<string, string> = {
  顺丰速运: 'SF',
  顺丰: 'SF',
  中通快递: 'ZTO',
  中通: 'ZTO',
  圆通速递: 'YTO',
  圆通: 'YTO',
  申通快递: 'STO',
  申通: 'STO',
  韵达快递: 'YD',
  韵达: 'YD',
  极兔速递: 'JTSD',
  极兔: 'JTSD',
  京东快递: 'JD',
  京东物流: 'JD',
  EMS: 'EMS',
  中国邮政: 'YZPY',
  邮政快递包裹: 'YZPY',
  德邦快递: 'DBL',
  德邦: 'DBL',
};
const CODES = new Set(Object.values(CARRIERS));
/** Carriers whose tracking needs the receiver's (masked) phone. */
export const NEEDS_PHONE = new Set(['SF']);

/** The WeChat code of a carrier as staff typed it, or undefined when it is not on the list. */
export function carrierCode(carrier: string): string | undefined {
  const c = carrier.trim();
  return CARRIERS[c] ?? (CODES.has(c.toUpperCase()) ? c.toUpperCase() : undefined);
}

/** "13812345678" -> "138****5678" (WeChat asks for it masked). */
export function maskPhone(phone: string): string {
  const d = phone.replace(/\D/g, '');
  return d.length >= 7 ? `${d.slice(0, 3)}****${d.slice(-4)}` : '****';
}

/** China time with its offset, as WeChat's RFC 3339 example writes it. */
export const chinaTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace('Z', '+08:00');

/** The JSON body; refused before any call if WeChat would refuse it. */
export function shippingBody(mchId: string, u: ShippingUpload): Record<string, unknown> {
  checkOrderId(u.orderId);
  const code = carrierCode(u.carrier);
  if (!code) throw new AdapterError('invalid_request', `carrier "${u.carrier}" is not on WeChat's delivery list`);
  if (!u.payerOpenId) throw new AdapterError('invalid_request', 'the payer openid is required');
  if (NEEDS_PHONE.has(code) && !u.receiverPhone)
    throw new AdapterError('invalid_request', `${code} needs the receiver's phone`);
  return {
    order_key: { order_number_type: 1, mchid: mchId, out_trade_no: u.orderId },
    logistics_type: 1, // express
    delivery_mode: 1, // one parcel
    shipping_list: [
      {
        tracking_no: u.trackingNo,
        express_company: code,
        item_desc: [...u.itemDesc].slice(0, 120).join(''),
        ...(NEEDS_PHONE.has(code) ? { contact: { receiver_contact: maskPhone(u.receiverPhone!) } } : {}),
      },
    ],
    upload_time: chinaTime(u.shippedAt),
    payer: { openid: u.payerOpenId },
  };
}

function mapShippingError(errcode: number, errmsg: string | undefined, what: string): AdapterError {
  const why = `${what} errcode ${errcode}: ${errmsg ?? ''}`.trim();
  if (errcode === -1) return new AdapterError('upstream_unavailable', why);
  if (errcode === 45009 || errcode === 45011) return new AdapterError('rate_limited', why);
  if (errcode === 47001 || errcode === 40003) return new AdapterError('invalid_request', why);
  return new AdapterError('upstream_error', why);
}

export function createShipping(
  cfg: LoginConfig & { mchId: string },
  opts: { fetchImpl?: FetchLike; now?: () => number } = {},
): WeChatShipping {
  const fetchImpl = opts.fetchImpl ?? (fetch as FetchLike);
  const tokens = createTokenSource(cfg, fetchImpl, opts.now ?? Date.now, mapShippingError);
  const once = async (body: unknown, force: boolean) => {
    const url = `${UPLOAD_SHIPPING_URL}?access_token=${encodeURIComponent(await tokens.get(force))}`;
    const a = (await postJson(fetchImpl, url, body, 'upload_shipping_info')) as { errcode?: unknown; errmsg?: unknown };
    if (typeof a.errcode !== 'number')
      throw new AdapterError('upstream_error', 'upload_shipping_info answer lacks errcode');
    return { errcode: a.errcode, errmsg: typeof a.errmsg === 'string' ? a.errmsg : undefined };
  };
  return {
    async upload(u) {
      const body = shippingBody(cfg.mchId, u);
      let a = await once(body, false);
      if (TOKEN_REFUSED.has(a.errcode)) a = await once(body, true); // a revoked token: one fresh one
      if (a.errcode !== 0) throw mapShippingError(a.errcode, a.errmsg, 'upload_shipping_info');
    },
  };
}

/** What the sandbox would have uploaded (the last 500), for tests and demos. */
export const sandboxShipped: ShippingUpload[] = [];

export function sandboxShipping(): WeChatShipping {
  return {
    async upload(u) {
      shippingBody('sandbox-mch', u); // production's checks
      sandboxShipped.push(u);
      if (sandboxShipped.length > 500) sandboxShipped.shift();
    },
  };
}
