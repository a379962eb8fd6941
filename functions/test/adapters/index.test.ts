import {
  getWeChatLogin,
  getWeChatPay,
  getWeChatTransfer,
  sandboxNotify,
  SANDBOX_SIGNATURE_HEADER,
} from '../../src/adapters/wechat';
import { AdapterError } from '../../src/adapters/wechat/types';

const saved = { ...process.env };
const WECHAT_VARS = Object.keys(process.env).filter((k) => k.startsWith('WECHAT_'));
afterEach(() => {
  process.env = { ...saved };
});

describe('STAGE=local: the sandbox', () => {
  beforeEach(() => {
    process.env.STAGE = 'local';
  });

  test('login maps dev:<name> to openId <name> and refuses other codes', async () => {
    await expect(getWeChatLogin().code2Session('dev:alice')).resolves.toEqual({ openId: 'alice' });
    await expect(getWeChatLogin().code2Session('081abcDEF')).rejects.toMatchObject({ code: 'invalid_code' });
  });

  test('pay: prepay gives wx.requestPayment fields; a sandbox-signed notify is accepted, a tampered one refused', async () => {
    const pay = getWeChatPay();
    const p = await pay.createJsapiPrepay({ orderId: 'GP000001', amount: '97.77', description: 'x', openId: 'alice' });
    expect(p.payParams.package).toBe(`prepay_id=${p.prepayId}`);
    expect(Object.keys(p.payParams)).toEqual(
      expect.arrayContaining(['timeStamp', 'nonceStr', 'package', 'signType', 'paySign']),
    );

    const n = sandboxNotify({ orderId: 'GP000001', amount: '97.77' });
    await expect(pay.parseNotify(n.headers, n.body)).resolves.toMatchObject({ orderId: 'GP000001', amount: '97.77' });
    await expect(pay.parseNotify(n.headers, n.body.replace('9777', '1'))).rejects.toMatchObject({
      code: 'bad_signature',
    });
    await expect(
      pay.parseNotify({ ...n.headers, [SANDBOX_SIGNATURE_HEADER]: undefined }, n.body),
    ).rejects.toMatchObject({ code: 'bad_signature' });
  });

  test('refund: SUCCESS for a valid request; a refund above the total refused as in production', async () => {
    await expect(
      getWeChatPay().refund({ orderId: 'GP000001', refundId: 'RGP000001', amount: '5.00', total: '5.00' }),
    ).resolves.toMatchObject({ status: 'SUCCESS', amount: '5.00' });
    await expect(
      getWeChatPay().refund({ orderId: 'GP000001', refundId: 'RGP000001', amount: '5.01', total: '5.00' }),
    ).rejects.toMatchObject({ code: 'invalid_amount' });
  });

  test('transfer accepts; bad amounts still refused', async () => {
    await expect(
      getWeChatTransfer().transfer({ withdrawalId: 'w1', openId: 'alice', amount: '5.00' }),
    ).resolves.toMatchObject({ status: 'accepted' });
    await expect(
      getWeChatTransfer().transfer({ withdrawalId: 'w1', openId: 'alice', amount: '5.001' }),
    ).rejects.toMatchObject({ code: 'invalid_amount' });
  });

  test('the sandbox refuses ids production WeChat would refuse', async () => {
    const dashedUuid = '6f1c2a9e-8d7b-4c3a-9e1f-0a2b3c4d5e6f';
    await expect(
      getWeChatPay().createJsapiPrepay({ orderId: dashedUuid, amount: '1', description: 'x', openId: 'a' }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(
      getWeChatTransfer().transfer({ withdrawalId: 'wd_1', openId: 'a', amount: '1' }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
  });
});

describe('outside local: production adapters configured lazily from env', () => {
  beforeEach(() => {
    process.env.STAGE = 'prod';
    for (const k of WECHAT_VARS) delete process.env[k];
    for (const k of Object.keys(process.env)) if (k.startsWith('WECHAT_')) delete process.env[k];
  });

  test('getting an adapter does not throw; the first call names the missing env var', async () => {
    const login = getWeChatLogin(); // no throw here: handlers import this at cold start
    const e = await login.code2Session('c').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AdapterError);
    expect((e as AdapterError).code).toBe('config_missing');
    expect((e as Error).message).toContain('WECHAT_APPID');

    process.env.WECHAT_APPID = 'wx1';
    await expect(getWeChatLogin().code2Session('c')).rejects.toThrow('WECHAT_SECRET');
    await expect(
      getWeChatPay().createJsapiPrepay({ orderId: 'order1', amount: '1', description: 'x', openId: 'o' }),
    ).rejects.toThrow('WECHAT_MCH_ID');
    await expect(getWeChatTransfer().transfer({ withdrawalId: 'w1', openId: 'o', amount: '1' })).rejects.toThrow(
      'WECHAT_MCH_ID',
    );
    await expect(
      getWeChatPay().refund({ orderId: 'order1', refundId: 'Rorder1', amount: '1', total: '1' }),
    ).rejects.toThrow('WECHAT_MCH_ID');
  });
});
