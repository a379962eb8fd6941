// The shopper's own account: the invitation code (GET /me/invite).
import { route } from '../http/wrapper';
import { getWeChatCode } from '../adapters/wechat';
import { invite as makeInvite } from '../domain/invite';

/** WECHAT_CODE_ENV_VERSION: the mini-program version a code opens (release unless set: trial, develop). */
function envVersion(): 'release' | 'trial' | 'develop' | undefined {
  const v = process.env.WECHAT_CODE_ENV_VERSION;
  return v === 'trial' || v === 'develop' || v === 'release' ? v : undefined;
}

export const invite = route({}, async (c) => {
  const v = envVersion();
  return { body: await makeInvite({ code: getWeChatCode(), ...(v ? { envVersion: v } : {}) }, c.userId) };
});
