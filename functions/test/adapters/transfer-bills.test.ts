// 商家转账 bills after the create call: query in every state, cancel, and the signed bill notify,
// on recorded payloads (functions/test/fixtures/wechat/make-fixtures.ts).
import { createPublicKey, createVerify } from 'node:crypto';
import { createTransfer, transferCancelPath, transferQueryPath } from '../../src/adapters/wechat/transfer';
import { parseAuthorization, requestMessage } from '../../src/adapters/wechat/v3';
import { sandboxSettleBill, sandboxTransfer, sandboxTransferNotify } from '../../src/adapters/wechat/sandbox';
import { fixture, fx, key, rejection, replay, transferConfig } from './recorded';

const merchantPublic = createPublicKey(key('merchant_public.pem'));
const now = () => fx.timestamp + 2;
const BILL = 'WD01JDQ8A2B3C4D5E6F7G8H9J0';
const cfg = transferConfig({ apiV3Key: fx.apiV3Key });

function verifies(s: { headers: Record<string, string>; body?: string }, method: string, path: string): boolean {
  const f = parseAuthorization(s.headers.Authorization);
  return createVerify('RSA-SHA256')
    .update(requestMessage(method, path, f.timestamp, f.nonce_str, s.body ?? ''))
    .verify(merchantPublic, f.signature, 'base64');
}

describe('query by out_bill_no', () => {
  test('a signed GET of the bill path; no body', async () => {
    const r = replay(fixture('transfer-query-wait-user-confirm.json'));
    await createTransfer(cfg, { ...r, now }).query(BILL);
    expect(r.sent[0].url).toBe(`https://api.mch.weixin.qq.com${transferQueryPath(BILL)}`);
    expect(r.sent[0].method).toBe('GET');
    expect(r.sent[0].body).toBeUndefined();
    expect(verifies(r.sent[0], 'GET', transferQueryPath(BILL))).toBe(true);
  });

  test.each([
    ['accepted', 'ACCEPTED'],
    ['processing', 'PROCESSING'],
    ['wait-user-confirm', 'WAIT_USER_CONFIRM'],
    ['transfering', 'TRANSFERING'],
    ['success', 'SUCCESS'],
    ['fail', 'FAIL'],
    ['canceling', 'CANCELING'],
    ['cancelled', 'CANCELLED'],
  ])('state %s is reported as %s with the amount in yuan', async (file, state) => {
    const b = await createTransfer(cfg, { ...replay(fixture(`transfer-query-${file}.json`)), now }).query(BILL);
    expect(b).toMatchObject({ withdrawalId: BILL, state, amount: '12.30' });
    expect(b!.failReason).toBe(state === 'FAIL' ? 'PAYEE_ACCOUNT_ABNORMAL' : undefined);
    expect(b!.confirm).toBeUndefined(); // the query carries no package_info
  });

  test('NOT_FOUND is no bill; 5xx is thrown for a retry; unsigned 200 refused; bad id refused before any call', async () => {
    expect(
      await createTransfer(cfg, { ...replay(fixture('transfer-query-not-found.json')), now }).query(BILL),
    ).toBeUndefined();
    const sys = fixture('transfer-error-system.json');
    expect((await rejection(createTransfer(cfg, { ...replay(sys), now }).query(BILL))).code).toBe(
      'upstream_unavailable',
    );
    const rec = fixture('transfer-query-success.json');
    expect(
      (await rejection(createTransfer(cfg, { ...replay({ status: 200, body: rec.body }), now }).query(BILL))).code,
    ).toBe('upstream_error');
    const r = replay();
    expect((await rejection(createTransfer(cfg, { ...r, now }).query('wd-1'))).code).toBe('invalid_request');
    expect(r.sent).toHaveLength(0);
  });
});

describe('cancel', () => {
  test('a signed POST with an empty body to the cancel path; CANCELLED and CANCELING reported', async () => {
    const r = replay(fixture('transfer-cancel-cancelled.json'), fixture('transfer-cancel-canceling.json'));
    const t = createTransfer(cfg, { ...r, now });
    expect(await t.cancel(BILL)).toMatchObject({ withdrawalId: BILL, state: 'CANCELLED' });
    expect(await t.cancel(BILL)).toMatchObject({ state: 'CANCELING' });
    expect(r.sent[0].url).toBe(`https://api.mch.weixin.qq.com${transferCancelPath(BILL)}`);
    expect(r.sent[0].body).toBe('');
    expect(verifies(r.sent[0], 'POST', transferCancelPath(BILL))).toBe(true);
  });

  test('a bill past cancelling is cancel_refused; 500 is upstream_unavailable', async () => {
    const refused = replay(fixture('transfer-cancel-refused.json'));
    expect((await rejection(createTransfer(cfg, { ...refused, now }).cancel(BILL))).code).toBe('cancel_refused');
    const sys = replay(fixture('transfer-error-system.json'));
    expect((await rejection(createTransfer(cfg, { ...sys, now }).cancel(BILL))).code).toBe('upstream_unavailable');
  });
});

describe('bill notify (MCHTRANSFER.BILL.FINISHED)', () => {
  const parse = (name: string, over = {}, at = now) => {
    const n = fixture<{ headers: Record<string, string>; body: string }>(name);
    return createTransfer(transferConfig({ apiV3Key: fx.apiV3Key, ...over }), { ...replay(), now: at }).parseNotify(
      n.headers,
      n.body,
    );
  };

  test.each([
    ['success', 'SUCCESS'],
    ['fail', 'FAIL'],
    ['cancelled', 'CANCELLED'],
  ])('%s: verified, opened, reported as %s', async (file, state) => {
    expect(await parse(`transfer-notify-${file}.json`)).toMatchObject({ withdrawalId: BILL, state, amount: '12.30' });
  });

  test('tampered body, rogue signer, wrong APIv3 key, stale time, another merchant: refused by name', async () => {
    const n = fixture<{ headers: Record<string, string>; body: string }>('transfer-notify-success.json');
    const t = createTransfer(cfg, { ...replay(), now });
    expect((await rejection(t.parseNotify(n.headers, n.body.replace('MCHTRANSFER', 'MCHTRANSFEX')))).code).toBe(
      'bad_signature',
    );
    expect((await rejection(parse('transfer-notify-rogue-signer.json'))).code).toBe('bad_signature');
    expect((await rejection(parse('transfer-notify-success.json', { apiV3Key: fx.wrongApiV3Key }))).code).toBe(
      'decrypt_failed',
    );
    expect((await rejection(parse('transfer-notify-success.json', {}, () => fx.timestamp + 301))).code).toBe(
      'stale_timestamp',
    );
    expect((await rejection(parse('transfer-notify-success.json', { mchId: '1900000999' }))).code).toBe(
      'invalid_notify',
    );
    expect((await rejection(parse('transfer-notify-success.json', { apiV3Key: undefined }))).code).toBe(
      'config_missing',
    );
  });
});

describe('create answers', () => {
  test('SUCCESS at once is accepted with the bill; FAIL rejected with the bill; NOT_ENOUGH has no bill', async () => {
    const ok = await createTransfer(cfg, { ...replay(fixture('transfer-answer-success.json')), now }).transfer({
      withdrawalId: BILL,
      openId: 'o1',
      amount: '12.30',
    });
    expect(ok).toMatchObject({ status: 'accepted', bill: { state: 'SUCCESS', withdrawalId: BILL } });
    const wait = await createTransfer(cfg, { ...replay(fixture('transfer-answer-wait-confirm.json')), now }).transfer({
      withdrawalId: BILL,
      openId: 'o1',
      amount: '12.30',
    });
    expect(wait.bill?.confirm).toEqual({ mchId: fx.mchId, appId: fx.appId, packageInfo: 'affffddafdfafddffda==' });
    const fail = await createTransfer(cfg, { ...replay(fixture('transfer-answer-fail.json')), now }).transfer({
      withdrawalId: BILL,
      openId: 'o1',
      amount: '12.30',
    });
    expect(fail).toMatchObject({ status: 'rejected', bill: { state: 'FAIL', failReason: 'PAYEE_ACCOUNT_ABNORMAL' } });
    const refused = await createTransfer(cfg, {
      ...replay(fixture('transfer-error-not-enough.json')),
      now,
    }).transfer({ withdrawalId: BILL, openId: 'o1', amount: '12.30' });
    expect(refused.bill).toBeUndefined();
  });
});

describe('sandbox bills', () => {
  test('made waiting for the shopper; settled by the stand-in; its notify verifies; a forged one does not', async () => {
    const s = sandboxTransfer();
    const id = 'WSANDBOX1';
    const made = await s.transfer({ withdrawalId: id, openId: 'dev:a', amount: '1.00' });
    expect(made.bill).toMatchObject({ state: 'WAIT_USER_CONFIRM', confirm: { packageInfo: `sandbox_package_${id}` } });
    expect((await s.query(id))?.state).toBe('WAIT_USER_CONFIRM');
    const n = sandboxTransferNotify(sandboxSettleBill(id, 'SUCCESS'));
    expect(await s.parseNotify(n.headers, n.body)).toMatchObject({ withdrawalId: id, state: 'SUCCESS' });
    expect((await rejection(s.parseNotify(n.headers, n.body.replace('SUCCESS', 'FAIL')))).code).toBe('bad_signature');
    expect((await rejection(s.cancel(id))).code).toBe('cancel_refused'); // paid: past cancelling
    await s.transfer({ withdrawalId: 'WSANDBOX2', openId: 'dev:a', amount: '1.00' });
    expect(await s.cancel('WSANDBOX2')).toMatchObject({ state: 'CANCELLED' });
  });
});
