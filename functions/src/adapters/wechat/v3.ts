// WeChat Pay API v3 primitives: request signing, answer/notify signature checks,
// AEAD_AES_256_GCM resource decryption. Node's crypto only.
import {
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { AdapterError, type FetchLike } from './types';
import type { MerchantConfig } from './config';

export const API_BASE = 'https://api.mch.weixin.qq.com';
export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** WeChat refuses notify/answer timestamps further than this from now: replay window. */
export const MAX_SKEW_SECONDS = 5 * 60;

export function rsaSign(message: string, privateKey: KeyObject | string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(message: string, signatureB64: string, publicKey: KeyObject | string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signatureB64, 'base64');
  } catch {
    return false;
  }
}

export function nonce(): string {
  // 32 chars of [0-9A-F]: within WeChat's nonce_str limit and free of characters needing escapes
  return randomBytes(16).toString('hex').toUpperCase();
}

/** `${METHOD}\n${path+query}\n${timestamp}\n${nonce}\n${body}\n` — body is "" for GET. */
export function requestMessage(
  method: string,
  pathAndQuery: string,
  timestamp: string,
  nonceStr: string,
  body: string,
): string {
  return `${method}\n${pathAndQuery}\n${timestamp}\n${nonceStr}\n${body}\n`;
}

export function authorizationHeader(
  m: { mchId: string; mchSerial: string },
  privateKey: KeyObject | string,
  method: string,
  pathAndQuery: string,
  body: string,
  timestamp: string,
  nonceStr: string,
): string {
  const signature = rsaSign(requestMessage(method, pathAndQuery, timestamp, nonceStr, body), privateKey);
  return `${AUTH_SCHEMA} mchid="${m.mchId}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${m.mchSerial}"`;
}

/** Parse an Authorization header back into its fields (used by tests and log redaction). */
export function parseAuthorization(h: string): Record<string, string> {
  if (!h.startsWith(`${AUTH_SCHEMA} `)) throw new Error('not a WECHATPAY2 authorization');
  const out: Record<string, string> = {};
  for (const m of h.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

export function lowerHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

/**
 * Checks a message WeChat signed (notify or API answer): serial must be the platform key we hold,
 * timestamp within 5 minutes of now, and the RSA signature over `${ts}\n${nonce}\n${body}\n` valid.
 */
export function verifyWechatSigned(
  h: Record<string, string>,
  body: string,
  platform: { key: KeyObject; serial: string },
  nowSeconds: number,
): void {
  const ts = h['wechatpay-timestamp'];
  const nonceStr = h['wechatpay-nonce'];
  const sig = h['wechatpay-signature'];
  const serial = h['wechatpay-serial'];
  if (!ts || !nonceStr || !sig || !serial) {
    throw new AdapterError('invalid_notify', 'Wechatpay-Timestamp/Nonce/Signature/Serial header missing');
  }
  if (serial !== platform.serial) {
    throw new AdapterError('serial_mismatch', `Wechatpay-Serial ${serial} is not the configured platform key`);
  }
  if (!/^\d{1,12}$/.test(ts) || Math.abs(nowSeconds - Number(ts)) > MAX_SKEW_SECONDS) {
    throw new AdapterError('stale_timestamp', `Wechatpay-Timestamp ${ts} is more than 5 minutes from now`);
  }
  if (!rsaVerify(`${ts}\n${nonceStr}\n${body}\n`, sig, platform.key)) {
    throw new AdapterError('bad_signature', 'Wechatpay-Signature does not verify');
  }
}

/** AEAD_AES_256_GCM: key = APIv3 key bytes, ciphertext = base64(encrypted || 16-byte tag). */
export function decryptResource(
  apiV3Key: string,
  r: { ciphertext: string; nonce: string; associated_data?: string },
): string {
  try {
    const data = Buffer.from(r.ciphertext, 'base64');
    if (data.length < 17) throw new Error('ciphertext too short');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(r.nonce, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    decipher.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new AdapterError('decrypt_failed', 'notify resource does not decrypt with the APIv3 key');
  }
}

export interface MerchantKeys {
  privateKey: KeyObject;
  platform: { key: KeyObject; serial: string };
}

/** Parse PEMs once; a malformed key is a configuration error, reported as such. */
export function loadKeys(cfg: MerchantConfig): MerchantKeys {
  let privateKey: KeyObject;
  let platformKey: KeyObject;
  try {
    privateKey = createPrivateKey(cfg.mchPrivateKey);
  } catch {
    throw new AdapterError('config_missing', 'env WECHAT_MCH_PRIVATE_KEY is not a valid PEM private key');
  }
  try {
    platformKey = createPublicKey(cfg.platformPublicKey);
  } catch {
    throw new AdapterError('config_missing', 'env WECHAT_PLATFORM_PUBLIC_KEY is not a valid PEM public key');
  }
  return { privateKey, platform: { key: platformKey, serial: cfg.platformSerial } };
}

export interface V3Answer {
  status: number;
  body: string;
}

/**
 * One signed v3 call. Network errors and 5xx become upstream_unavailable (callers may retry with
 * the same idempotent out_trade_no / out_bill_no); 2xx answers must carry a valid WeChat signature.
 */
export async function callV3(
  fetchImpl: FetchLike,
  cfg: MerchantConfig,
  keys: MerchantKeys,
  method: 'GET' | 'POST',
  pathAndQuery: string,
  body: string,
  nowSeconds: () => number,
): Promise<V3Answer> {
  const ts = String(nowSeconds());
  const auth = authorizationHeader(cfg, keys.privateKey, method, pathAndQuery, body, ts, nonce());
  let status: number;
  let text: string;
  let answerHeaders: Record<string, string>;
  try {
    const res = await fetchImpl(`${API_BASE}${pathAndQuery}`, {
      method,
      headers: {
        Authorization: auth,
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'User-Agent': 'greenpoints/0.1 (node)',
        // Tells WeChat which platform key we verify with (required with 微信支付公钥).
        'Wechatpay-Serial': cfg.platformSerial,
      },
      ...(method === 'POST' ? { body } : {}),
    });
    status = res.status;
    text = await res.text();
    answerHeaders = {};
    for (const name of [
      'wechatpay-timestamp',
      'wechatpay-nonce',
      'wechatpay-signature',
      'wechatpay-serial',
      'request-id',
    ]) {
      const v = res.headers.get(name);
      if (v !== null) answerHeaders[name] = v;
    }
  } catch (e) {
    throw new AdapterError('upstream_unavailable', `${method} ${pathAndQuery} unreachable: ${(e as Error).message}`);
  }
  if (status >= 500)
    throw new AdapterError('upstream_unavailable', `${method} ${pathAndQuery} HTTP ${status}: ${text.slice(0, 200)}`);
  if (status >= 200 && status < 300) {
    try {
      verifyWechatSigned(answerHeaders, text, keys.platform, nowSeconds());
    } catch (e) {
      // An unsigned "success" could come from anyone on the path: do not act on it.
      throw new AdapterError(
        'upstream_error',
        `answer to ${method} ${pathAndQuery} failed verification: ${(e as Error).message}`,
      );
    }
  }
  return { status, body: text };
}

/** WeChat v3 error body: { code, message, detail? } */
export function errorCode(body: string): { code: string; message: string } {
  try {
    const j = JSON.parse(body) as { code?: unknown; message?: unknown };
    return {
      code: typeof j.code === 'string' ? j.code : 'UNKNOWN',
      message: typeof j.message === 'string' ? j.message : '',
    };
  } catch {
    return { code: 'UNKNOWN', message: body.slice(0, 200) };
  }
}
