// The trade-management message push (小程序发货信息管理服务, JSON mode) on payloads in the shape
// WeChat documents (docs/wechat.md "Receipt in WeChat"): only the settlement push after receipt is
// a receipt; the push at shipping, the shipping reminder and other events are not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageSignature, receiptEvent, verifyMessage } from '../../src/adapters/wechat/message';
import { AdapterError } from '../../src/adapters/wechat/types';
import { FIXTURES } from './recorded';

const raw = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

test('the settlement push after receipt is the receipt: our order id, WeChat transaction, method and time', () => {
  expect(receiptEvent(raw('message-settlement-settled.json'))).toEqual({
    orderId: 'omxdz1ue092bbdf039585',
    transactionId: '4200002001202512011234567890',
    method: 2,
    receivedAt: new Date(1764323990 * 1000).toISOString(),
  });
});

test('the same event pushed at shipping (estimated_settlement_time, no receipt yet) is not a receipt', () => {
  expect(receiptEvent(raw('message-settlement-shipped.json'))).toBeUndefined();
});

test('trade_manage_remind_shipping and other events are ignored', () => {
  expect(receiptEvent(raw('message-remind-shipping.json'))).toBeUndefined();
  expect(receiptEvent(JSON.stringify({ MsgType: 'event', Event: 'user_enter_tempsession' }))).toBeUndefined();
});

test('times sent as strings are read the same; a zero or missing receipt time is no receipt', () => {
  const b = JSON.parse(raw('message-settlement-settled.json')) as Record<string, unknown>;
  expect(receiptEvent(JSON.stringify({ ...b, confirm_receive_time: '1764323990' }))?.receivedAt).toBe(
    new Date(1764323990 * 1000).toISOString(),
  );
  expect(receiptEvent(JSON.stringify({ ...b, confirm_receive_time: 0 }))).toBeUndefined();
  expect(receiptEvent(JSON.stringify({ ...b, confirm_receive_time: undefined }))).toBeUndefined();
});

test('a receipt without merchant_trade_no, or a body that is not JSON, is refused', () => {
  const b = JSON.parse(raw('message-settlement-settled.json')) as Record<string, unknown>;
  expect(() => receiptEvent(JSON.stringify({ ...b, merchant_trade_no: '' }))).toThrow(AdapterError);
  expect(() => receiptEvent('<xml><Event>trade_manage_order_settlement</Event></xml>')).toThrow(/not JSON/);
});

test('the push signature: sha1 over the sorted token, timestamp and nonce; anything else is bad_signature', () => {
  const q = { timestamp: '1764324000', nonce: '1320562132' };
  const signature = messageSignature('tok', q.timestamp, q.nonce);
  expect(() => verifyMessage('tok', { ...q, signature })).not.toThrow();
  expect(() => verifyMessage('other', { ...q, signature })).toThrow(expect.objectContaining({ code: 'bad_signature' }));
  expect(() => verifyMessage('tok', q)).toThrow(expect.objectContaining({ code: 'invalid_notify' }));
});
