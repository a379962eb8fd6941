// getwxacodeunlimit (小程序码) on recorded answers: the image, errcodes, a refused token.
import { inflateSync } from 'node:zlib';
import { createCode, sandboxCode, WXACODE_UNLIMIT_URL } from '../../src/adapters/wechat/wxacode';
import { STABLE_TOKEN_URL } from '../../src/adapters/wechat/access-token';
import { fixture, fx, rejection, replay } from './recorded';

const cfg = { appId: fx.appId, secret: 'test-secret' };
const req = { scene: 'r=u_0123456789abcdef0123', page: 'pages/index/index' };
const token = JSON.parse(fixture('subscribe-token.json').body).access_token as string;

test('a stable token, then a POST with scene, page, check_path false and release; the image comes back as base64', async () => {
  const img = fixture('wxacode-image.json');
  const r = replay(fixture('subscribe-token.json'), img);
  const got = await createCode(cfg, { fetchImpl: r.fetchImpl }).unlimited(req);
  expect(r.sent[0].url).toBe(STABLE_TOKEN_URL);
  expect(r.sent[1].url).toBe(`${WXACODE_UNLIMIT_URL}?access_token=${encodeURIComponent(token)}`);
  expect(JSON.parse(r.sent[1].body!)).toEqual({
    scene: req.scene,
    page: req.page,
    check_path: false,
    env_version: 'release',
    width: 430,
  });
  expect(got).toEqual({ contentType: 'image/jpeg', base64: img.bodyBase64 });
});

test('41030 invalid page → invalid_request; 45009 → rate_limited; 5xx → upstream_unavailable', async () => {
  const code = (f: string) =>
    rejection(createCode(cfg, replay(fixture('subscribe-token.json'), fixture(f))).unlimited(req)).then((e) => e.code);
  expect(await code('wxacode-invalid-page.json')).toBe('invalid_request');
  expect(await code('wxacode-quota.json')).toBe('rate_limited');
  const down = replay(fixture('subscribe-token.json'), { status: 502, body: '' });
  expect((await rejection(createCode(cfg, down).unlimited(req))).code).toBe('upstream_unavailable');
});

test('an expired token (42001) is fetched again once, and the code asked again', async () => {
  const r = replay(
    fixture('subscribe-token.json'),
    fixture('wxacode-token-expired.json'),
    fixture('subscribe-token.json'),
    fixture('wxacode-image.json'),
  );
  const got = await createCode(cfg, r).unlimited(req);
  expect(got.contentType).toBe('image/jpeg');
  expect(r.sent.map((s) => s.url.split('?')[0])).toEqual([
    STABLE_TOKEN_URL,
    WXACODE_UNLIMIT_URL,
    STABLE_TOKEN_URL,
    WXACODE_UNLIMIT_URL,
  ]);
});

test('a scene WeChat would refuse (over 32, or a character outside its set) is refused before any call', async () => {
  const r = replay();
  const c = createCode(cfg, r);
  expect((await rejection(c.unlimited({ ...req, scene: `r=${'x'.repeat(31)}` }))).code).toBe('invalid_request');
  expect((await rejection(c.unlimited({ ...req, scene: 'r=用户' }))).code).toBe('invalid_request');
  expect((await rejection(c.unlimited({ ...req, page: '/pages/index/index' }))).code).toBe('invalid_request');
  expect(r.sent).toHaveLength(0);
});

test('the sandbox draws a valid PNG, different per scene', async () => {
  const a = await sandboxCode().unlimited(req);
  const b = await sandboxCode().unlimited({ ...req, scene: 'r=u_other' });
  expect(a.contentType).toBe('image/png');
  const png = Buffer.from(a.base64, 'base64');
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  expect(width).toBe(168);
  // IDAT inflates to (width + 1) × height bytes: the encoder's rows are whole.
  const idatLen = png.readUInt32BE(33);
  expect(inflateSync(png.subarray(41, 41 + idatLen)).length).toBe((width + 1) * 168);
  expect(a.base64).not.toBe(b.base64);
});
