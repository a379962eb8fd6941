import Taro from '@tarojs/taro';

// The login token and a pending referrer live in Taro storage: localStorage on H5,
// wx storage in the mini-program.
const TOKEN = 'gp.token';
const USER = 'gp.userId';
const REFERRER = 'gp.referrer';

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
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN);
  Taro.removeStorageSync(USER);
}

/** Remember `?ref=<userId>` (or a mini-program scene) until the shopper logs in. */
export function rememberReferrer(ref: unknown): void {
  if (typeof ref !== 'string') return;
  let clean: string;
  try {
    clean = decodeURIComponent(ref).trim();
  } catch {
    return; // a malformed link: no referrer rather than a crash
  }
  if (/^[A-Za-z0-9_-]{1,64}$/.test(clean) && !getToken()) Taro.setStorageSync(REFERRER, clean);
}

export function getReferrer(): string {
  return (Taro.getStorageSync(REFERRER) as string) || '';
}
