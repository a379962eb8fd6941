import Taro from '@tarojs/taro';

// The login token and a pending referrer live in Taro storage: localStorage on H5,
// wx storage in the mini-program.
const TOKEN = 'gp.token';
const USER = 'gp.userId';
const REFERRER = 'gp.referrer';
/** The launch scene of a mini-program code (`r=<userId>`), sent as it came. */
const SCENE = 'gp.scene';

export function getToken(): string {
  return (Taro.getStorageSync(TOKEN) as string) || '';
}

export function getUserId(): string {
  return (Taro.getStorageSync(USER) as string) || '';
}

export function saveSession(token: string, userId: string): void {
  Taro.setStorageSync(TOKEN, token);
  Taro.setStorageSync(USER, userId);
  // A referrer counts once, at the first login.
  Taro.removeStorageSync(REFERRER);
  Taro.removeStorageSync(SCENE);
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN);
  Taro.removeStorageSync(USER);
}

const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

function decoded(x: unknown): string {
  if (typeof x !== 'string') return '';
  try {
    return decodeURIComponent(x).trim();
  } catch {
    return ''; // a malformed link: no referrer rather than a crash
  }
}

/**
 * Remember who invited, until the shopper logs in: `?ref=` / `?referrer=<userId>` of a shared
 * page, or the `scene` of a mini-program code, `r=<userId>` (a bare userId, the older code form,
 * counts as a referrer). Logged in already: nothing (the first login binds, later ones never).
 */
export function rememberReferrer(ref: unknown, scene?: unknown): void {
  if (getToken()) return;
  const s = decoded(scene);
  const fromScene = /^r=([A-Za-z0-9_-]{1,64})$/.exec(s);
  if (fromScene) {
    Taro.setStorageSync(SCENE, s);
    Taro.setStorageSync(REFERRER, fromScene[1]);
    return;
  }
  const r = decoded(ref) || s;
  if (USER_ID.test(r)) Taro.setStorageSync(REFERRER, r);
}

export function getReferrer(): string {
  return (Taro.getStorageSync(REFERRER) as string) || '';
}

/** What login sends about the invite: the code's scene as it came, else the referrer. */
export function inviteForLogin(): { scene?: string; referrer?: string } {
  const scene = (Taro.getStorageSync(SCENE) as string) || '';
  if (scene) return { scene };
  const referrer = getReferrer();
  return referrer ? { referrer } : {};
}
