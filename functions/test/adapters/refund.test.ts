import { createPublicKey, createVerify } from 'node:crypto';
import { createPay, REFUND_PATH } from '../../src/adapters/wechat/pay';
import { sandboxPay } from '../../src/adapters/wechat/sandbox';
import { API_BASE, parseAuthorization, requestMessage } from '../../src/adapters/wechat/v3';
import { fixture, fx, key, payConfig, rejection, replay } from './recorded';
import { HTTP_STATUS } from '../../src/errors';

const merchantPublic = createPublicKey(key('merchant_public.pem'));
const now = () => fx.timestamp + 3;
const r = {
  orderId: 'GPO01JDQ7Z8K4M2X9Y',
  refundId: 'RGPO01JDQ7Z8K4M2X9Y',
  amount: '97.77',
  total: '97.77',
  reason: '订单退款',
};

const refundWith = (...answers: Parameters<typeof replay>) =>
  createPay(payConfig(), { ...replay(...answers), now }).refund(r);

describe('refund (POST /v3/refund/domestic/refunds)', () => {
  test('signed POST with out_trade_no, out_refund_no and amounts in fen; SUCCESS is the money back', async () => {
    const rec = fixture('refund-answer-success.json');
    const { fetchImpl, sent } = replay(rec);
    const out = await createPay(payConfig(), { fetchImpl, now }).refund(r);

    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe(`${API_BASE}${REFUND_PATH}`);
    expect(sent[0].url).toBe('https://api.mch.weixin.qq.com/v3/refund/domestic/refunds');
    expect(sent[0].method).toBe('POST');
    expect(JSON.parse(sent[0].body!)).toEqual({
      out_trade_no: r.orderId,
      out_refund_no: r.refundId,
      reason: r.reason,
      amount: { refund: 9777, total: 9777, currency: 'CNY' },
    });
    const f = parseAuthorization(sent[0].headers.Authorization);
    expect(f.mchid).toBe(fx.mchId);
    expect(f.serial_no).toBe(fx.mchSerial);
    const verify = (body: string) =>
      createVerify('RSA-SHA256')
        .update(requestMessage('POST', REFUND_PATH, f.timestamp, f.nonce_str, body))
        .verify(merchantPublic, f.signature, 'base64');
    expect(verify(sent[0].body!)).toBe(true);
    expect(verify(sent[0].body!.replace('"refund":9777', '"refund":9778'))).toBe(false);

    const answer = JSON.parse(rec.body);
    expect(out).toEqual({
      refundId: r.refundId,
      wechatRefundId: answer.refund_id,
      status: 'SUCCESS',
      amount: '97.77',
      successTime: answer.success_time,
    });
  });

  test('PROCESSING is accepted (WeChat returns the money later)', async () => {
    const out = await refundWith(fixture('refund-answer-processing.json'));
    expect(out.status).toBe('PROCESSING');
    expect(out.successTime).toBeUndefined();
  });

  test('ABNORMAL and CLOSED are refused by name', async () => {
    for (const name of ['refund-answer-abnormal.json', 'refund-answer-closed.json']) {
      const e = await rejection(refundWith(fixture(name)));
      expect(e.code).toBe('refund_refused');
      expect(e.message).toContain(JSON.parse(fixture(name).body).status);
      expect(HTTP_STATUS[e.kind]).toBe(502);
    }
  });

  test('a 4xx is refused; 429 is rate_limited; 5xx and network failures are upstream_unavailable (retry with the same out_refund_no)', async () => {
    const e = await rejection(refundWith(fixture('refund-error-not-enough.json')));
    expect(e.code).toBe('refund_refused');
    expect(e.message).toContain('NOT_ENOUGH');
    expect((await rejection(refundWith(fixture('refund-error-frequency.json')))).code).toBe('rate_limited');
    expect((await rejection(refundWith(fixture('refund-error-system.json')))).code).toBe('upstream_unavailable');
    expect((await rejection(refundWith(new Error('ECONNRESET')))).code).toBe('upstream_unavailable');
  });

  test('an answer that is unsigned, forged, or about another refund or amount is not trusted', async () => {
    const rec = fixture('refund-answer-success.json');
    expect((await rejection(refundWith({ status: 200, body: rec.body }))).code).toBe('upstream_error');
    const forged = { ...rec, body: rec.body.replace('"status":"SUCCESS"', '"status":"PROCESSING"') };
    expect(forged.body).not.toBe(rec.body);
    expect((await rejection(refundWith(forged))).code).toBe('upstream_error');
    // a genuine, signed answer to another out_refund_no or amount
    const other = createPay(payConfig(), { ...replay(rec), now }).refund({ ...r, refundId: 'RGPO01OTHER' });
    expect((await rejection(other)).message).toContain('RGPO01JDQ7Z8K4M2X9Y');
    const less = createPay(payConfig(), { ...replay(rec), now }).refund({ ...r, amount: '50.00' });
    expect((await rejection(less)).code).toBe('upstream_error');
  });

  test('ids and amounts WeChat would refuse are refused before any call', async () => {
    const rp = replay();
    const pay = createPay(payConfig(), { ...rp, now });
    expect((await rejection(pay.refund({ ...r, amount: '97.78' }))).code).toBe('invalid_amount'); // more than paid
    expect((await rejection(pay.refund({ ...r, amount: '1.001' }))).code).toBe('invalid_amount');
    expect((await rejection(pay.refund({ ...r, amount: '0' }))).code).toBe('invalid_amount');
    expect((await rejection(pay.refund({ ...r, refundId: 'has space' }))).code).toBe('invalid_request');
    expect((await rejection(pay.refund({ ...r, refundId: 'R'.repeat(65) }))).code).toBe('invalid_request');
    expect((await rejection(pay.refund({ ...r, reason: '退'.repeat(81) }))).code).toBe('invalid_request');
    expect(rp.sent).toHaveLength(0);
    // the sandbox applies the same rules
    expect((await rejection(sandboxPay().refund({ ...r, amount: '97.78' }))).code).toBe('invalid_amount');
    await expect(sandboxPay().refund(r)).resolves.toMatchObject({
      refundId: r.refundId,
      status: 'SUCCESS',
      amount: '97.77',
    });
  });

  test('a partial refund sends the part and the order total', async () => {
    const { fetchImpl, sent } = replay({ status: 500, body: '' });
    await rejection(createPay(payConfig(), { fetchImpl, now }).refund({ ...r, amount: '0.01', reason: undefined }));
    expect(JSON.parse(sent[0].body!)).toEqual({
      out_trade_no: r.orderId,
      out_refund_no: r.refundId,
      amount: { refund: 1, total: 9777, currency: 'CNY' },
    });
  });
});
