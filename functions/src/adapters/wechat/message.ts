// Mini-program message push (消息推送), plain JSON mode: WeChat signs each push with the token set
// in the console (signature = sha1 of the sorted token, timestamp, nonce). Safe (AES) mode is not
// supported. The trade-management service (小程序发货信息管理服务) pushes
// `trade_manage_order_settlement` twice per order: when the shipping is recorded (with
// `estimated_settlement_time`) and when the order settles after receipt (with
// `confirm_receive_method`, `confirm_receive_time`, `settlement_time`; times in epoch seconds).
// Only the second is a receipt. docs/wechat.md "Receipt in WeChat" says what this was checked against.
import { createHash, timingSafeEqual } from 'node:crypto';
import { AdapterError } from './types';
import type { ReceiptEvent } from './types';
export type { ReceiptEvent };

/** The local stage's stand-in for WECHAT_MESSAGE_TOKEN. */
export const SANDBOX_MESSAGE_TOKEN = 'greenpoints-sandbox-message-token';

export const messageSignature = (token: string, timestamp: string, nonce: string) =>
  createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');

export function verifyMessage(token: string, q: Record<string, string | undefined>): void {
  const { signature, timestamp, nonce } = q;
  if (!signature || !timestamp || !nonce)
    throw new AdapterError('invalid_notify', 'signature, timestamp or nonce missing');
  const want = Buffer.from(messageSignature(token, timestamp, nonce));
  const got = Buffer.from(signature);
  if (got.length !== want.length || !timingSafeEqual(got, want))
    throw new AdapterError('bad_signature', 'message push signature does not verify');
}

const epochSeconds = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/**
 * The receipt in a push body, or undefined for any other event or for the push sent at shipping
 * (no confirm_receive_time yet): those are answered success and ignored.
 */
export function receiptEvent(rawBody: string): ReceiptEvent | undefined {
  let b: Record<string, unknown>;
  try {
    b = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    throw new AdapterError('invalid_notify', 'message push body is not JSON (use the JSON data format)');
  }
  if (b.Event !== 'trade_manage_order_settlement') return undefined;
  const confirmed = epochSeconds(b.confirm_receive_time);
  if (confirmed === undefined) return undefined; // the push at shipping: nothing received yet
  if (typeof b.merchant_trade_no !== 'string' || !b.merchant_trade_no)
    throw new AdapterError('invalid_notify', 'trade_manage_order_settlement lacks merchant_trade_no');
  const method = epochSeconds(b.confirm_receive_method);
  return {
    orderId: b.merchant_trade_no,
    ...(typeof b.transaction_id === 'string' ? { transactionId: b.transaction_id } : {}),
    ...(method !== undefined ? { method } : {}),
    receivedAt: new Date(confirmed * 1000).toISOString(),
  };
}
