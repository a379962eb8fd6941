// 我的邀请: the shopper's mini-program code (scene r=<userId>) and share path. Whoever opens the
// code or the shared page logs in with that scene / referrer, and the first login binds it
// (domain/shop/auth.ts, domain/programme/referrals.ts; later logins never rebind).
import type { WeChatCode } from '../../adapters/wechat/types';

/** The page a code opens and a share carries (the home page reads `scene` and `ref`). */
export const INVITE_PAGE = 'pages/index/index';

export async function invite(deps: { code: WeChatCode; envVersion?: 'release' | 'trial' | 'develop' }, userId: string) {
  const scene = `r=${userId}`;
  const img = await deps.code.unlimited({
    scene,
    page: INVITE_PAGE,
    ...(deps.envVersion ? { envVersion: deps.envVersion } : {}),
  });
  return {
    scene,
    path: `${INVITE_PAGE}?ref=${encodeURIComponent(userId)}`,
    image: `data:${img.contentType};base64,${img.base64}`,
  };
}
