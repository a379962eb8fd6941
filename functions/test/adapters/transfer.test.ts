import { createPublicKey, createVerify } from 'node:crypto';
import { createTransfer, TRANSFER_PATH } from '../../src/adapters/wechat/transfer';
import { AdapterError } from '../../src/adapters/wechat/types';
import { parseAuthorization, requestMessage } from '../../src/adapters/wechat/v3';
import { fixture, fx, key, replay, transferConfig } from './recorded';

const merchantPublic = createPublicKey(key('merchant_public.pem'));
const now = () => fx.timestamp + 2;
const w = { withdrawalId: 'WD01JDQ8A2B3C4D5E6F7G8H9J0', openId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', amount: '12.30' };

describe('transfer (商家转账 transfer-bills)', () => {
  test('signed POST with the documented body; WAIT_USER_CONFIRM is accepted and carries package_info', async () => {
    const rec = fixture('transfer-answer-wait-confirm.json');
    const { fetchImpl, sent } = replay(rec);
    const r = await createTransfer(transferConfig(), { fetchImpl, now }).transfer(w);

    expect(sent[0].url).toBe('https://api.mch.weixin.qq.com/v3/fund-app/mch-transfer/transfer-bills');
    const body = JSON.parse(sent[0].body!);
    expect(body).toMatchObject({
      appid: fx.appId,
      out_bill_no: w.withdrawalId,
      transfer_scene_id: '1000',
      openid: w.openId,
      transfer_amount: 1230,
    });
    expect(body.transfer_remark.length).toBeLessThanOrEqual(32);
    expect(body.transfer_scene_report_infos.map((i: { info_type: string }) => i.info_type)).toEqual([
      '活动名称',
      '奖励说明',
    ]);
    const f = parseAuthorization(sent[0].headers.Authorization);
    const ok = createVerify('RSA-SHA256')
      .update(requestMessage('POST', TRANSFER_PATH, f.timestamp, f.nonce_str, sent[0].body!))
      .verify(merchantPublic, f.signature, 'base64');
    expect(ok).toBe(true);
    expect(f.mchid).toBe(fx.mchId);

    expect(r.status).toBe('accepted');
    expect(JSON.parse(r.detail!)).toEqual({
      state: 'WAIT_USER_CONFIRM',
      transferBillNo: JSON.parse(rec.body).transfer_bill_no,
      packageInfo: JSON.parse(rec.body).package_info,
    });
  });

  test('state FAIL is rejected with the reason', async () => {
    const r = await createTransfer(transferConfig(), { ...replay(fixture('transfer-answer-fail.json')), now }).transfer(
      w,
    );
    expect(r.status).toBe('rejected');
    expect(JSON.parse(r.detail!)).toMatchObject({ state: 'FAIL', failReason: 'PAYEE_ACCOUNT_ABNORMAL' });
  });

  test('a business refusal (NOT_ENOUGH) is rejected, a system error is thrown for retry', async () => {
    const r = await createTransfer(transferConfig(), {
      ...replay(fixture('transfer-error-not-enough.json')),
      now,
    }).transfer(w);
    expect(r).toEqual({
      status: 'rejected',
      detail: JSON.stringify({ code: 'NOT_ENOUGH', message: '商户运营账户资金不足' }),
    });
    await expect(
      createTransfer(transferConfig(), { ...replay(fixture('transfer-error-system.json')), now }).transfer(w),
    ).rejects.toMatchObject({
      code: 'upstream_unavailable',
    });
  });

  test('an unsigned success answer is not trusted', async () => {
    const rec = fixture('transfer-answer-wait-confirm.json');
    await expect(
      createTransfer(transferConfig(), { ...replay({ status: 200, body: rec.body }), now }).transfer(w),
    ).rejects.toBeInstanceOf(AdapterError);
  });

  test('ids WeChat would refuse and bad amounts are refused before any call', async () => {
    const r = replay();
    const t = createTransfer(transferConfig(), { ...r, now });
    await expect(t.transfer({ ...w, withdrawalId: 'wd-1' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(t.transfer({ ...w, amount: '0.001' })).rejects.toMatchObject({ code: 'invalid_amount' });
    expect(r.sent).toHaveLength(0);
  });
});
