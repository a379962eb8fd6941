// The shopper's own account: the invitation code (GET /me/invite), a copy of their data
// (GET /me/export) and the deletion of the account (POST /me/delete).
import { routes } from '../http/wrapper';
import { http } from '../wiring/http';
import { getWeChatCode } from '../adapters/wechat';
import { invite as makeInvite } from '../domain/shop/invite';
import { deleteAccount, exportData } from '../domain/shop/privacy';
import { privacyDeps } from '../wiring/privacy';
import { emptyBody } from '../http/schemas';

const route = routes(http);

/** WECHAT_CODE_ENV_VERSION: the mini-program version a code opens (release unless set: trial, develop). */
function envVersion(): 'release' | 'trial' | 'develop' | undefined {
  const v = process.env.WECHAT_CODE_ENV_VERSION;
  return v === 'trial' || v === 'develop' || v === 'release' ? v : undefined;
}

export const invite = route({}, async (c) => {
  const v = envVersion();
  return { body: await makeInvite({ code: getWeChatCode(), ...(v ? { envVersion: v } : {}) }, c.userId) };
});

export const exportMine = route({}, async (c) => ({ body: await exportData(privacyDeps(), c.userId) }));

export const deleteMine = route({ idempotent: true, body: emptyBody }, async (c) => ({
  body: await deleteAccount(privacyDeps(), c.userId),
  final: true, // a replay of the key answers {deleted: true} again
}));
