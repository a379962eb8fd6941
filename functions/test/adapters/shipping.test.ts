// upload_shipping_info (小程序发货信息管理服务) on recorded answers.
import {
  carrierCode,
  chinaTime,
  createShipping,
  maskPhone,
  sandboxShipping,
  UPLOAD_SHIPPING_URL,
} from '../../src/adapters/wechat/shipping';
import { STABLE_TOKEN_URL } from '../../src/adapters/wechat/access-token';
import { fixture, fx, rejection, replay } from './recorded';

const cfg = { appId: fx.appId, secret: 'test-secret', mchId: fx.mchId };
const u = {
  orderId: 'o01JDQ7Z8K4M2X9Y',
  payerOpenId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
  carrier: '顺丰速运',
  trackingNo: 'SF1234567890',
  itemDesc: '五常大米 10kg 等 2 件',
  receiverPhone: '13812345678',
  shippedAt: '2025-11-25T10:00:00.000Z',
};
const token = () => fixture('subscribe-token.json');

test('the documented body: our mchid + out_trade_no, express, the carrier code, SF with the masked phone, China time', async () => {
  const r = replay(token(), fixture('shipping-upload-ok.json'));
  await createShipping(cfg, r).upload(u);
  expect(r.sent[0].url).toBe(STABLE_TOKEN_URL);
  expect(r.sent[1].url.startsWith(`${UPLOAD_SHIPPING_URL}?access_token=`)).toBe(true);
  expect(JSON.parse(r.sent[1].body!)).toEqual({
    order_key: { order_number_type: 1, mchid: fx.mchId, out_trade_no: u.orderId },
    logistics_type: 1,
    delivery_mode: 1,
    shipping_list: [
      {
        tracking_no: 'SF1234567890',
        express_company: 'SF',
        item_desc: u.itemDesc,
        contact: { receiver_contact: '138****5678' },
      },
    ],
    upload_time: '2025-11-25T18:00:00.000+08:00',
    payer: { openid: u.payerOpenId },
  });
});

test('a carrier that needs no phone gets none; codes and names map; unknown carriers and SF without a phone are refused before any call', async () => {
  const r = replay(token(), fixture('shipping-upload-ok.json'));
  await createShipping(cfg, r).upload({ ...u, carrier: '中通快递', receiverPhone: undefined });
  expect(JSON.parse(r.sent[1].body!).shipping_list[0]).toEqual({
    tracking_no: 'SF1234567890',
    express_company: 'ZTO',
    item_desc: u.itemDesc,
  });
  expect([carrierCode('圆通'), carrierCode('sf'), carrierCode('某某物流')]).toEqual(['YTO', 'SF', undefined]);
  const none = replay();
  const s = createShipping(cfg, none);
  expect((await rejection(s.upload({ ...u, carrier: '某某物流' }))).code).toBe('invalid_request');
  expect((await rejection(s.upload({ ...u, receiverPhone: undefined }))).code).toBe('invalid_request');
  expect(none.sent).toHaveLength(0);
  expect(maskPhone('+86 138-1234-5678')).toBe('861****5678');
  expect(chinaTime('2025-12-31T20:00:00.000Z')).toBe('2026-01-01T04:00:00.000+08:00');
});

test('errcodes: 10060001 upstream_error, -1 upstream_unavailable; an expired token is fetched again once', async () => {
  const code = async (f: string) => (await rejection(createShipping(cfg, replay(token(), fixture(f))).upload(u))).code;
  expect(await code('shipping-upload-no-order.json')).toBe('upstream_error');
  expect(await code('shipping-upload-busy.json')).toBe('upstream_unavailable');
  const r = replay(token(), fixture('shipping-upload-token-expired.json'), token(), fixture('shipping-upload-ok.json'));
  await createShipping(cfg, r).upload(u);
  expect(r.sent).toHaveLength(4);
});

test('the sandbox makes the same checks and records the upload', async () => {
  await expect(sandboxShipping().upload({ ...u, carrier: '某某物流' })).rejects.toMatchObject({
    code: 'invalid_request',
  });
  await expect(sandboxShipping().upload(u)).resolves.toBeUndefined();
});
