import { createPublicKey, createVerify } from 'node:crypto';
import { createPay, JSAPI_PATH, jsapiPayMessage } from '../../src/adapters/wechat/pay';
import { API_BASE, AUTH_SCHEMA, parseAuthorization, requestMessage } from '../../src/adapters/wechat/v3';
import { fixture, fx, key, payConfig, rejection, replay } from './recorded';

const merchantPublic = createPublicKey(key('merchant_public.pem'));
const verify = (message: string, sig: string) =>
  createVerify('RSA-SHA256').update(message, 'utf8').verify(merchantPublic, sig, 'base64');
const at = (offsetSeconds: number) => () => fx.timestamp + offsetSeconds;

const order = {
  orderId: 'GPO01JDQ7Z8K4M2X9Y',
  amount: '97.77',
  description: '绿色积分商城-订单',
  openId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
};

describe('createJsapiPrepay', () => {
  test('POSTs the documented body with an Authorization that verifies under the merchant public key', async () => {
    const rec = fixture('prepay-answer.json');
    const { fetchImpl, sent } = replay(rec);
    const pay = createPay(payConfig(), { fetchImpl, now: at(1) });
    const r = await pay.createJsapiPrepay(order);

    expect(sent).toHaveLength(1);
    const req = sent[0];
    expect(req.url).toBe(`${API_BASE}${JSAPI_PATH}`);
    expect(req.url).toBe('https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi');
    expect(req.method).toBe('POST');
    expect(req.headers.Accept).toBe('application/json');
    expect(req.headers['Content-Type']).toBe('application/json');
    expect(req.headers['User-Agent']).toBeTruthy();
    expect(JSON.parse(req.body!)).toEqual({
      appid: fx.appId,
      mchid: fx.mchId,
      description: order.description,
      out_trade_no: order.orderId,
      notify_url: fx.notifyUrl,
      amount: { total: 9777, currency: 'CNY' },
      payer: { openid: order.openId },
    });

    const auth = req.headers.Authorization;
    expect(auth.startsWith(`${AUTH_SCHEMA} `)).toBe(true);
    const f = parseAuthorization(auth);
    expect(Object.keys(f).sort()).toEqual(['mchid', 'nonce_str', 'serial_no', 'signature', 'timestamp']);
    expect(f.mchid).toBe(fx.mchId);
    expect(f.serial_no).toBe(fx.mchSerial);
    expect(f.timestamp).toBe(String(fx.timestamp + 1));
    expect(verify(requestMessage('POST', JSAPI_PATH, f.timestamp, f.nonce_str, req.body!), f.signature)).toBe(true);
    // and the signature is bound to the body: another amount does not verify
    expect(
      verify(
        requestMessage('POST', JSAPI_PATH, f.timestamp, f.nonce_str, req.body!.replace('9777', '9778')),
        f.signature,
      ),
    ).toBe(false);

    const prepayId = JSON.parse(rec.body).prepay_id as string;
    expect(r.prepayId).toBe(prepayId);
    expect(Object.keys(r.payParams).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    expect(r.payParams.package).toBe(`prepay_id=${prepayId}`);
    expect(r.payParams.signType).toBe('RSA');
    const { timeStamp, nonceStr, paySign } = r.payParams;
    expect(verify(`${fx.appId}\n${timeStamp}\n${nonceStr}\nprepay_id=${prepayId}\n`, paySign)).toBe(true);
    expect(jsapiPayMessage(fx.appId, timeStamp, nonceStr, r.payParams.package)).toBe(
      `${fx.appId}\n${timeStamp}\n${nonceStr}\nprepay_id=${prepayId}\n`,
    );
  });

  test('an answer whose signature does not verify is not trusted', async () => {
    const rec = fixture('prepay-answer.json');
    const forged = { ...rec, body: rec.body.replace(/"prepay_id":"[^"]+"/, '"prepay_id":"wx_attacker"') };
    const e = await rejection(createPay(payConfig(), { ...replay(forged), now: at(1) }).createJsapiPrepay(order));
    expect(e.code).toBe('upstream_error');
    const unsigned = { status: 200, body: rec.body };
    expect(
      (await rejection(createPay(payConfig(), { ...replay(unsigned), now: at(1) }).createJsapiPrepay(order))).code,
    ).toBe('upstream_error');
  });

  test('WeChat error answers and outages are named', async () => {
    const e = await rejection(
      createPay(payConfig(), { ...replay(fixture('prepay-error-param.json')), now: at(1) }).createJsapiPrepay(order),
    );
    expect(e.code).toBe('upstream_error');
    expect(e.message).toContain('PARAM_ERROR');
    expect(
      (
        await rejection(
          createPay(payConfig(), { ...replay({ status: 502, body: '' }), now: at(1) }).createJsapiPrepay(order),
        )
      ).code,
    ).toBe('upstream_unavailable');
    expect(
      (
        await rejection(
          createPay(payConfig(), { ...replay(new Error('ETIMEDOUT')), now: at(1) }).createJsapiPrepay(order),
        )
      ).code,
    ).toBe('upstream_unavailable');
    expect(
      (
        await rejection(
          createPay(payConfig(), {
            ...replay({ status: 429, body: '{"code":"FREQUENCY_LIMITED","message":"x"}' }),
            now: at(1),
          }).createJsapiPrepay(order),
        )
      ).code,
    ).toBe('rate_limited');
  });

  test('amounts and ids WeChat would refuse are refused before any call', async () => {
    const r = replay();
    const pay = createPay(payConfig(), { ...r, now: at(1) });
    expect((await rejection(pay.createJsapiPrepay({ ...order, amount: '1.234' }))).code).toBe('invalid_amount');
    expect((await rejection(pay.createJsapiPrepay({ ...order, amount: '0' }))).code).toBe('invalid_amount');
    expect(
      (await rejection(pay.createJsapiPrepay({ ...order, orderId: '6f1c2a9e-8d7b-4c3a-9e1f-0a2b3c4d5e6f' }))).code,
    ).toBe('invalid_request');
    expect(r.sent).toHaveLength(0);
  });

  test('0.01 yuan is sent as total 1', async () => {
    const { fetchImpl, sent } = replay(fixture('prepay-answer.json'));
    await createPay(payConfig(), { fetchImpl, now: at(1) }).createJsapiPrepay({ ...order, amount: '0.01' });
    expect(JSON.parse(sent[0].body!).amount).toEqual({ total: 1, currency: 'CNY' });
  });
});

describe('parseNotify on notifies as WeChat sends them', () => {
  const ok = fixture('notify-success.json');
  const pay = (now = at(30), over = {}) => createPay(payConfig(over), { fetchImpl: replay().fetchImpl, now });

  test('accepted: order, transaction, amount in yuan, paid time', async () => {
    const r = await pay().parseNotify(ok.headers!, ok.body);
    expect(r).toEqual({
      orderId: 'GPO01JDQ7Z8K4M2X9Y',
      transactionId: '4200002531202511250186754321',
      amount: '97.77',
      paidAt: '2025-11-25T17:59:58+08:00',
    });
  });

  test('header names are case-insensitive (API Gateway lower-cases them)', async () => {
    const lower = Object.fromEntries(Object.entries(ok.headers!).map(([k, v]) => [k.toLowerCase(), v]));
    await expect(pay().parseNotify(lower, ok.body)).resolves.toMatchObject({ amount: '97.77' });
  });

  test('tampered body -> bad_signature', async () => {
    const tampered = ok.body.replace('"summary":"支付成功"', '"summary":"支付成功 "');
    expect(tampered).not.toBe(ok.body);
    expect((await rejection(pay().parseNotify(ok.headers!, tampered))).code).toBe('bad_signature');
    // re-serialising (key order, spacing) breaks the signature too: the raw body must be passed
    const reserialised = JSON.stringify(JSON.parse(ok.body), null, 1);
    expect((await rejection(pay().parseNotify(ok.headers!, reserialised))).code).toBe('bad_signature');
  });

  test('signed by a key that is not the platform key -> bad_signature', async () => {
    const rogue = fixture('notify-rogue-signer.json');
    expect((await rejection(pay().parseNotify(rogue.headers!, rogue.body))).code).toBe('bad_signature');
    // and a configured platform key that does not match WeChat's also refuses the genuine notify
    expect(
      (await rejection(pay(at(30), { platformPublicKey: key('rogue_public.pem') }).parseNotify(ok.headers!, ok.body)))
        .code,
    ).toBe('bad_signature');
  });

  test('wrong serial -> serial_mismatch', async () => {
    const h = { ...ok.headers!, 'Wechatpay-Serial': 'PUB_KEY_ID_0000000000000000000000000000000000' };
    expect((await rejection(pay().parseNotify(h, ok.body))).code).toBe('serial_mismatch');
  });

  test('older (or later) than 5 minutes -> stale_timestamp; within 5 minutes accepted', async () => {
    expect((await rejection(pay(at(301)).parseNotify(ok.headers!, ok.body))).code).toBe('stale_timestamp');
    expect((await rejection(pay(at(-301)).parseNotify(ok.headers!, ok.body))).code).toBe('stale_timestamp');
    await expect(pay(at(299)).parseNotify(ok.headers!, ok.body)).resolves.toMatchObject({
      orderId: 'GPO01JDQ7Z8K4M2X9Y',
    });
  });

  test('sealed with another APIv3 key -> decrypt_failed; our key wrong -> decrypt_failed', async () => {
    const wrong = fixture('notify-wrong-apiv3-key.json');
    expect((await rejection(pay().parseNotify(wrong.headers!, wrong.body))).code).toBe('decrypt_failed');
    expect((await rejection(pay(at(30), { apiV3Key: fx.wrongApiV3Key }).parseNotify(ok.headers!, ok.body))).code).toBe(
      'decrypt_failed',
    );
  });

  test('trade_state not SUCCESS -> trade_not_success', async () => {
    const n = fixture('notify-payerror.json');
    expect((await rejection(pay().parseNotify(n.headers!, n.body))).code).toBe('trade_not_success');
  });

  test('a notify for another merchant -> invalid_notify', async () => {
    expect((await rejection(pay(at(30), { mchId: '1900000999' }).parseNotify(ok.headers!, ok.body))).code).toBe(
      'invalid_notify',
    );
  });

  test('missing signature headers -> invalid_notify', async () => {
    const { 'Wechatpay-Signature': _s, ...h } = ok.headers!;
    expect((await rejection(pay().parseNotify(h, ok.body))).code).toBe('invalid_notify');
  });
});
