import { createPublicKey, createVerify } from 'node:crypto';
import { closePath, createPay } from '../../src/adapters/wechat/pay';
import { sandboxPay } from '../../src/adapters/wechat/sandbox';
import { API_BASE, parseAuthorization, requestMessage } from '../../src/adapters/wechat/v3';
import { fixture, fx, key, payConfig, rejection, replay } from './recorded';
import { HTTP_STATUS } from '../../src/errors';

const merchantPublic = createPublicKey(key('merchant_public.pem'));
const now = () => fx.timestamp + 3;
const orderId = 'GPO01JDQ7Z8K4M2X9Y';

const closeWith = (...answers: Parameters<typeof replay>) =>
  createPay(payConfig(), { ...replay(...answers), now }).closeOrder(orderId);

describe('closeOrder (POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close)', () => {
  test('signed POST with {"mchid"} to the order\'s path; a signed 204 is closed', async () => {
    const { fetchImpl, sent } = replay(fixture('close-answer-closed.json'));
    const out = await createPay(payConfig(), { fetchImpl, now }).closeOrder(orderId);
    expect(out).toEqual({ status: 'closed' });
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe(`https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/${orderId}/close`);
    expect(sent[0].url).toBe(`${API_BASE}${closePath(orderId)}`);
    expect(sent[0].method).toBe('POST');
    expect(JSON.parse(sent[0].body!)).toEqual({ mchid: fx.mchId });
    const f = parseAuthorization(sent[0].headers.Authorization);
    expect(f.mchid).toBe(fx.mchId);
    expect(f.serial_no).toBe(fx.mchSerial);
    const verify = (path: string, body: string) =>
      createVerify('RSA-SHA256')
        .update(requestMessage('POST', path, f.timestamp, f.nonce_str, body))
        .verify(merchantPublic, f.signature, 'base64');
    expect(verify(closePath(orderId), sent[0].body!)).toBe(true);
    expect(verify(closePath('GPO01OTHER000'), sent[0].body!)).toBe(false); // the path is signed too
  });

  test('an unsigned or forged 204 is not trusted as closed', async () => {
    const rec = fixture('close-answer-closed.json');
    expect((await rejection(closeWith({ status: 204, body: '' }))).code).toBe('upstream_error');
    expect((await rejection(closeWith({ ...rec, body: '{}' }))).code).toBe('upstream_error');
  });

  test('ORDERPAID (paid meanwhile) is an answer, not an error', async () => {
    await expect(closeWith(fixture('close-error-orderpaid.json'))).resolves.toEqual({ status: 'paid' });
  });

  test('other 4xx are close_refused (named, 502); 429 rate_limited; 5xx and network upstream_unavailable', async () => {
    const e = await rejection(closeWith(fixture('close-error-not-exist.json')));
    expect(e.code).toBe('close_refused');
    expect(HTTP_STATUS[e.kind]).toBe(502);
    expect(e.message).toContain('ORDER_NOT_EXIST');
    expect((await rejection(closeWith(fixture('close-error-frequency.json')))).code).toBe('rate_limited');
    const down = await rejection(closeWith(fixture('close-error-system.json')));
    expect(down.code).toBe('upstream_unavailable');
    expect(HTTP_STATUS[down.kind]).toBe(502);
    expect((await rejection(closeWith(new Error('ECONNRESET')))).code).toBe('upstream_unavailable');
  });

  test('an id WeChat would refuse is refused before any call; the sandbox applies the same rule and closes', async () => {
    const rp = replay();
    expect((await rejection(createPay(payConfig(), { ...rp, now }).closeOrder('a/../b'))).code).toBe('invalid_request');
    expect(rp.sent).toHaveLength(0);
    expect((await rejection(sandboxPay().closeOrder('a/../b'))).code).toBe('invalid_request');
    await expect(sandboxPay().closeOrder(orderId)).resolves.toEqual({ status: 'closed' });
  });
});
