import { createSubscribe, STABLE_TOKEN_URL, SUBSCRIBE_SEND_URL, thing } from '../../src/adapters/wechat/subscribe';
import { sandboxSubscribe, sandboxSent } from '../../src/adapters/wechat/sandbox';
import { fixture, rejection, replay } from './recorded';

const cfg = { appId: 'wx1234567890abcdef', secret: 'app-secret-xyz' };
const msg = {
  openId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
  templateId: 'TMPL_shipped_0001',
  page: 'pages/order/index?id=o1',
  data: { thing1: '五常大米 10kg', character_string2: 'SF1234567890', time3: '2026-12-01 20:00' },
};

describe('subscribeMessage.send on recorded answers', () => {
  test('token, then the documented request; the token is cached for the next message', async () => {
    const r = replay(
      fixture('subscribe-token.json'),
      fixture('subscribe-send-ok.json'),
      fixture('subscribe-send-ok.json'),
    );
    const s = createSubscribe(cfg, { fetchImpl: r.fetchImpl });
    await s.send(msg);
    await s.send(msg);
    expect(r.sent).toHaveLength(3);
    expect(r.sent[0]!.url).toBe(STABLE_TOKEN_URL);
    expect(JSON.parse(r.sent[0]!.body!)).toMatchObject({ grant_type: 'client_credential', appid: cfg.appId });
    const token = JSON.parse(fixture('subscribe-token.json').body).access_token;
    expect(r.sent[1]!.url).toBe(`${SUBSCRIBE_SEND_URL}?access_token=${token}`);
    expect(JSON.parse(r.sent[1]!.body!)).toEqual({
      touser: msg.openId,
      template_id: msg.templateId,
      page: msg.page,
      data: {
        thing1: { value: '五常大米 10kg' },
        character_string2: { value: 'SF1234567890' },
        time3: { value: '2026-12-01 20:00' },
      },
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
    expect(r.sent[2]!.url).toBe(r.sent[1]!.url);
  });

  test('an expired token is fetched again once and the message sent', async () => {
    const r = replay(
      fixture('subscribe-token.json'),
      fixture('subscribe-send-token-expired.json'),
      fixture('subscribe-token.json'),
      fixture('subscribe-send-ok.json'),
    );
    await createSubscribe(cfg, { fetchImpl: r.fetchImpl }).send(msg);
    expect(r.sent.map((x) => x.url.split('?')[0])).toEqual([
      STABLE_TOKEN_URL,
      SUBSCRIBE_SEND_URL,
      STABLE_TOKEN_URL,
      SUBSCRIBE_SEND_URL,
    ]);
  });

  test.each([
    ['subscribe-send-refused.json', 'subscribe_refused'],
    ['subscribe-send-bad-field.json', 'invalid_request'],
    ['subscribe-send-busy.json', 'upstream_unavailable'],
  ])('%s -> %s, with the rid kept', async (file, code) => {
    const r = replay(fixture('subscribe-token.json'), fixture(file));
    const e = await rejection(createSubscribe(cfg, { fetchImpl: r.fetchImpl }).send(msg));
    expect(e.code).toBe(code);
    expect(e.message).toContain('rid:');
    expect(e.message).not.toContain(cfg.secret);
  });

  test('a refused token, a network failure and non-JSON never send', async () => {
    expect(
      (await rejection(createSubscribe(cfg, replay(fixture('subscribe-token-bad-secret.json'))).send(msg))).code,
    ).toBe('upstream_error');
    expect((await rejection(createSubscribe(cfg, replay(new Error('ECONNRESET'))).send(msg))).code).toBe(
      'upstream_unavailable',
    );
    expect((await rejection(createSubscribe(cfg, replay({ status: 200, body: '<html>' })).send(msg))).code).toBe(
      'upstream_unavailable',
    );
  });

  test('fields WeChat would refuse are refused before any call', async () => {
    const r = replay();
    const s = createSubscribe(cfg, { fetchImpl: r.fetchImpl });
    expect((await rejection(s.send({ ...msg, data: { thing1: 'x'.repeat(21) } }))).code).toBe('invalid_request');
    expect((await rejection(s.send({ ...msg, data: { 'bad key': 'x' } }))).code).toBe('invalid_request');
    expect((await rejection(s.send({ ...msg, openId: '' }))).code).toBe('invalid_request');
    expect(r.sent).toHaveLength(0);
    expect([...thing('一二三四五六七八九十一二三四五六七八九十一')].length).toBe(20);
  });
});

describe('the sandbox', () => {
  test('records what would be sent and refuses a user without consent', async () => {
    const before = sandboxSent.length;
    await sandboxSubscribe().send(msg);
    expect(sandboxSent.slice(before)).toEqual([msg]);
    expect((await rejection(sandboxSubscribe().send({ ...msg, openId: 'dev:refuse-1' }))).code).toBe(
      'subscribe_refused',
    );
    expect(sandboxSent).toHaveLength(before + 1);
  });
});
