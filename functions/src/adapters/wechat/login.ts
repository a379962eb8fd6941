// Mini-program login: wx.login() code -> openid via auth.code2Session (jscode2session).
// session_key is parsed (to validate the answer) but never returned or logged: we do not
// decrypt user data, and leaking it would let anyone forge wx data signatures for the user.
import { z } from 'zod';
import { AdapterError, type FetchLike, type WeChatLogin } from './types';
import type { LoginConfig } from './config';

export const JSCODE2SESSION_URL = 'https://api.weixin.qq.com/sns/jscode2session';

const Answer = z.object({
  openid: z.string().min(1).optional(),
  session_key: z.string().optional(),
  unionid: z.string().min(1).optional(),
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
});

export function createLogin(cfg: LoginConfig, opts: { fetchImpl?: FetchLike } = {}): WeChatLogin {
  const fetchImpl = opts.fetchImpl ?? (fetch as FetchLike);
  return {
    async code2Session(code: string) {
      if (typeof code !== 'string' || code.length === 0 || code.length > 256) {
        throw new AdapterError('invalid_code', 'login code is missing');
      }
      const qs = new URLSearchParams({
        appid: cfg.appId,
        secret: cfg.secret,
        js_code: code,
        grant_type: 'authorization_code',
      });
      let status: number;
      let text: string;
      try {
        const res = await fetchImpl(`${JSCODE2SESSION_URL}?${qs.toString()}`, { method: 'GET' });
        status = res.status;
        text = await res.text();
      } catch (e) {
        throw new AdapterError('upstream_unavailable', `jscode2session unreachable: ${(e as Error).message}`);
      }
      if (status >= 500) throw new AdapterError('upstream_unavailable', `jscode2session HTTP ${status}`);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new AdapterError('upstream_unavailable', `jscode2session answered non-JSON (HTTP ${status})`);
      }
      const parsed = Answer.safeParse(json);
      if (!parsed.success) throw new AdapterError('upstream_error', 'jscode2session answer has an unexpected shape');
      const a = parsed.data;
      if (a.errcode !== undefined && a.errcode !== 0) throw mapError(a.errcode, a.errmsg);
      if (!a.openid || !a.session_key) throw new AdapterError('upstream_error', 'jscode2session answer lacks openid');
      return a.unionid ? { openId: a.openid, unionId: a.unionid } : { openId: a.openid };
    },
  };
}

function mapError(errcode: number, errmsg: string | undefined): AdapterError {
  // errmsg carries a request id (rid) that WeChat support asks for; keep it in the message.
  const why = `jscode2session errcode ${errcode}: ${errmsg ?? ''}`.trim();
  switch (errcode) {
    case 40029: // invalid code
    case 40163: // code been used
      return new AdapterError('invalid_code', why);
    case 45011: // api minute-quota reach limit
      return new AdapterError('rate_limited', why);
    case -1: // system busy
      return new AdapterError('upstream_unavailable', why);
    default:
      return new AdapterError('upstream_error', why);
  }
}
