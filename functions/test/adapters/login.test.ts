import { createLogin, JSCODE2SESSION_URL } from '../../src/adapters/wechat/login';
import { AdapterError } from '../../src/adapters/wechat/types';
import { fixture, replay } from './recorded';
import { HTTP_STATUS, toErrorReply } from '../../src/errors';

const cfg = { appId: 'wx1234567890abcdef', secret: 'app-secret-xyz' };

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AdapterError);
    return (e as AdapterError).code;
  }
  throw new Error('expected a rejection');
}

describe('code2Session on recorded jscode2session answers', () => {
  test('success: openid out, session_key never returned; request carries the documented query', async () => {
    const rec = fixture('code2session-success.json');
    const { fetchImpl, sent } = replay(rec);
    const r = await createLogin(cfg, { fetchImpl }).code2Session('081abcDEF');
    expect(r).toEqual({ openId: JSON.parse(rec.body).openid });
    expect(JSON.stringify(r)).not.toContain(JSON.parse(rec.body).session_key);
    const u = new URL(sent[0].url);
    expect(`${u.origin}${u.pathname}`).toBe(JSCODE2SESSION_URL);
    expect(Object.fromEntries(u.searchParams)).toEqual({
      appid: cfg.appId,
      secret: cfg.secret,
      js_code: '081abcDEF',
      grant_type: 'authorization_code',
    });
  });

  test('success with unionid', async () => {
    const rec = fixture('code2session-success-unionid.json');
    const r = await createLogin(cfg, replay(rec)).code2Session('c');
    expect(r).toEqual({ openId: JSON.parse(rec.body).openid, unionId: JSON.parse(rec.body).unionid });
  });

  test.each([
    ['code2session-invalid-code.json', 'invalid_code', 400],
    ['code2session-code-used.json', 'invalid_code', 400],
    ['code2session-rate-limited.json', 'rate_limited', 429],
    ['code2session-busy.json', 'upstream_unavailable', 502],
    ['code2session-blocked.json', 'upstream_error', 502],
  ])('%s -> %s', async (file, code, status) => {
    const login = createLogin(cfg, replay(fixture(file)));
    const e = await login.code2Session('c').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toMatchObject({ code });
    expect(toErrorReply(e).status).toBe(status);
    expect(HTTP_STATUS[(e as AdapterError).kind]).toBe(status);
  });

  test('network failure, 5xx and non-JSON are upstream_unavailable', async () => {
    expect(await codeOf(createLogin(cfg, replay(new Error('ECONNRESET'))).code2Session('c'))).toBe(
      'upstream_unavailable',
    );
    expect(await codeOf(createLogin(cfg, replay({ status: 503, body: 'busy' })).code2Session('c'))).toBe(
      'upstream_unavailable',
    );
    expect(await codeOf(createLogin(cfg, replay({ status: 200, body: '<html>' })).code2Session('c'))).toBe(
      'upstream_unavailable',
    );
  });

  test('an empty code is refused without calling WeChat', async () => {
    const r = replay();
    expect(await codeOf(createLogin(cfg, r).code2Session(''))).toBe('invalid_code');
    expect(r.sent).toHaveLength(0);
  });

  test('error messages never carry the app secret', async () => {
    expect.assertions(2);
    try {
      await createLogin(cfg, replay(fixture('code2session-invalid-code.json'))).code2Session('c');
    } catch (e) {
      expect((e as Error).message).not.toContain(cfg.secret);
      expect((e as Error).message).toContain('rid:');
    }
  });
});
