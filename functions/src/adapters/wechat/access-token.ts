// The mini-program's access token (getStableAccessToken, POST /cgi-bin/stable_token), cached
// until five minutes before it expires; shared by every API that takes ?access_token=
// (subscribeMessage.send, getwxacodeunlimit, upload_shipping_info).
import { z } from 'zod';
import { AdapterError, type FetchLike } from './types';
import type { LoginConfig } from './config';

export const STABLE_TOKEN_URL = 'https://api.weixin.qq.com/cgi-bin/stable_token';

const TokenAnswer = z.object({
  access_token: z.string().min(1).optional(),
  expires_in: z.number().int().optional(),
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
});

/** errcode of a token WeChat no longer takes: fetch a fresh one, once. */
export const TOKEN_REFUSED = new Set([40001, 42001]);

/** POST JSON, answer JSON; network, 5xx and non-JSON are upstream_unavailable. */
export async function postJson(fetchImpl: FetchLike, url: string, body: unknown, what: string): Promise<unknown> {
  let status: number;
  let text: string;
  try {
    const res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    status = res.status;
    text = await res.text();
  } catch (e) {
    throw new AdapterError('upstream_unavailable', `${what} unreachable: ${(e as Error).message}`);
  }
  if (status >= 500) throw new AdapterError('upstream_unavailable', `${what} HTTP ${status}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AdapterError('upstream_unavailable', `${what} answered non-JSON (HTTP ${status})`);
  }
}

export interface TokenSource {
  /** The cached token, or a new one (`force`: always a new one). */
  get(force?: boolean): Promise<string>;
}

export function createTokenSource(
  cfg: LoginConfig,
  fetchImpl: FetchLike,
  now: () => number,
  mapError: (errcode: number, errmsg: string | undefined, what: string) => AdapterError,
): TokenSource {
  let token: { value: string; until: number } | undefined;
  return {
    async get(force = false) {
      if (!force && token && token.until > now()) return token.value;
      const a = TokenAnswer.safeParse(
        await postJson(
          fetchImpl,
          STABLE_TOKEN_URL,
          { grant_type: 'client_credential', appid: cfg.appId, secret: cfg.secret, force_refresh: false },
          'stable_token',
        ),
      );
      if (!a.success) throw new AdapterError('upstream_error', 'stable_token answer has an unexpected shape');
      if (a.data.errcode) throw mapError(a.data.errcode, a.data.errmsg, 'stable_token');
      if (!a.data.access_token) throw new AdapterError('upstream_error', 'stable_token answer lacks access_token');
      // Five minutes early, so a token is never used in its last moments.
      token = { value: a.data.access_token, until: now() + Math.max(0, (a.data.expires_in ?? 7200) - 300) * 1000 };
      return token.value;
    },
  };
}
