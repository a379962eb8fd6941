// Mini-program message push (消息推送), plain JSON mode: WeChat signs each push with the token set
// in the console (signature = sha1 of the sorted token, timestamp, nonce). The trade-management
// service pushes `trade_manage_order_settlement` when the buyer confirms receipt in WeChat (or
// WeChat confirms it automatically). Safe (AES) mode is not supported.
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

/** The receipt in a push body, or undefined for any other event (answered success, ignored). */
export function receiptEvent(rawBody: string): ReceiptEvent | undefined {
  let b: Record<string, unknown>;
  try {
    b = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    throw new AdapterError('invalid_notify', 'message push body is not JSON (use the JSON data format)');
  }
  if (b.Event !== 'trade_manage_order_settlement') return undefined;
  if (typeof b.merchant_trade_no !== 'string' || !b.merchant_trade_no)
    throw new AdapterError('invalid_notify', 'trade_manage_order_settlement lacks merchant_trade_no');
  return {
    orderId: b.merchant_trade_no,
    ...(typeof b.transaction_id === 'string' ? { transactionId: b.transaction_id } : {}),
    ...(typeof b.confirm_receive_method === 'number' ? { method: b.confirm_receive_method } : {}),
  };
}
