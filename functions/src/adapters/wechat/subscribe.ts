// Subscription messages (订阅消息): subscribeMessage.send with an access token from
// getStableAccessToken, cached until shortly before it expires and fetched again once when
// WeChat says it is invalid or expired (40001, 42001). The caller decides what a failure means;
// for notifications it never blocks the business step (domain/notify.ts).
import { z } from 'zod';
import { AdapterError, type FetchLike, type SubscribeMessage, type WeChatSubscribe } from './types';
import type { LoginConfig } from './config';
import { createTokenSource, postJson, TOKEN_REFUSED } from './access-token';

export { STABLE_TOKEN_URL } from './access-token';
export const SUBSCRIBE_SEND_URL = 'https://api.weixin.qq.com/cgi-bin/message/subscribe/send';

const SendAnswer = z.object({ errcode: z.number().int(), errmsg: z.string().optional() });

/** Template fields WeChat accepts: ≤ 20 fields, each value 1–200 characters (thing: ≤ 20). */
const FIELD = /^[a-z_]+[0-9]{1,2}$/;

export function checkMessage(m: SubscribeMessage): void {
  if (!m.openId || !m.templateId)
    throw new AdapterError('invalid_request', 'a subscription message needs openId and templateId');
  const entries = Object.entries(m.data);
  if (entries.length === 0 || entries.length > 20)
    throw new AdapterError('invalid_request', 'template data needs 1–20 fields');
  for (const [k, v] of entries) {
    if (!FIELD.test(k)) throw new AdapterError('invalid_request', `template field "${k}" is not a WeChat field name`);
    const max = k.startsWith('thing') ? 20 : k.startsWith('character_string') ? 32 : 200;
    if (v.length === 0 || [...v].length > max)
      throw new AdapterError('invalid_request', `template field ${k} must be 1–${max} characters`);
  }
}

export { thing } from './types';

type MiniprogramState = 'formal' | 'trial' | 'developer';

/** The body of subscribeMessage.send: each field's value wrapped as WeChat wants it. */
function sendBody(m: SubscribeMessage, state: MiniprogramState) {
  return {
    touser: m.openId,
    template_id: m.templateId,
    ...(m.page ? { page: m.page } : {}),
    data: Object.fromEntries(Object.entries(m.data).map(([k, v]) => [k, { value: v }])),
    miniprogram_state: state,
    lang: 'zh_CN',
  };
}

export function createSubscribe(
  cfg: LoginConfig,
  opts: { fetchImpl?: FetchLike; now?: () => number; state?: MiniprogramState } = {},
): WeChatSubscribe {
  const fetchImpl = opts.fetchImpl ?? (fetch as FetchLike);
  const now = opts.now ?? Date.now;
  const tokens = createTokenSource(cfg, fetchImpl, now, mapError);
  const post = (url: string, body: unknown, what: string) => postJson(fetchImpl, url, body, what);

  async function sendOnce(m: SubscribeMessage, force: boolean): Promise<number> {
    const t = await tokens.get(force);
    const body = sendBody(m, opts.state ?? 'formal');
    const a = SendAnswer.safeParse(
      await post(`${SUBSCRIBE_SEND_URL}?access_token=${encodeURIComponent(t)}`, body, 'subscribeMessage.send'),
    );
    if (!a.success) throw new AdapterError('upstream_error', 'subscribeMessage.send answer has an unexpected shape');
    if (a.data.errcode !== 0 && !TOKEN_REFUSED.has(a.data.errcode))
      throw mapError(a.data.errcode, a.data.errmsg, 'subscribeMessage.send');
    return a.data.errcode;
  }

  return {
    async send(m) {
      checkMessage(m);
      const code = await sendOnce(m, false);
      if (code === 0) return;
      // The cached token was revoked or expired early: one fresh token, one more try.
      const again = await sendOnce(m, true);
      if (again !== 0) throw mapError(again, 'access token refused twice', 'subscribeMessage.send');
    },
  };
}

function mapError(errcode: number, errmsg: string | undefined, what: string): AdapterError {
  const why = `${what} errcode ${errcode}: ${errmsg ?? ''}`.trim();
  switch (errcode) {
    case 43101: // user refuse to accept the msg (no consent, or consent used up)
      return new AdapterError('subscribe_refused', why);
    case 40003: // invalid openid
    case 40037: // invalid template_id
    case 47003: // argument invalid (a template field)
    case 41030: // invalid page
      return new AdapterError('invalid_request', why);
    case 45009: // reach max api daily quota
    case 45011:
      return new AdapterError('rate_limited', why);
    case -1:
      return new AdapterError('upstream_unavailable', why);
    default:
      return new AdapterError('upstream_error', why);
  }
}
