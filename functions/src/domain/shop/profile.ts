// The shopper's nickname and avatar (我的). WeChat's avatar fill-in gives a small picture file: the
// mini-program sends it as a data URL (at most 48 KB), or any https address of a picture.
import { DomainError, notFound } from '../errors';
import { Tx } from '../tx';
import type { Deps } from '../deps';

export const MAX_AVATAR_CHARS = 48 * 1024;
const DATA_URL_RE = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/;
const HTTPS_RE = /^https:\/\/[^\s"'<>]{1,490}$/;
// Letters, digits, CJK, spaces and a few marks; no control characters, no markup.
const NICKNAME_RE = /^[\p{L}\p{N}\p{M} _.·-]{1,20}$/u;

export interface Profile {
  userId: string;
  nickname: string;
  avatar: string;
}

export function checkNickname(raw: string): string {
  const n = raw.trim();
  if (!NICKNAME_RE.test(n))
    throw new DomainError('invalid', 'invalid_nickname', 'nickname: 1–20 letters, digits or spaces');
  return n;
}

export function checkAvatar(raw: string): string {
  if (raw === '') return '';
  if (raw.length > MAX_AVATAR_CHARS)
    throw new DomainError('invalid', 'invalid_avatar', `avatar: at most ${MAX_AVATAR_CHARS} characters`);
  if (!DATA_URL_RE.test(raw) && !HTTPS_RE.test(raw))
    throw new DomainError('invalid', 'invalid_avatar', 'avatar: a png/jpeg/webp data URL or an https address');
  return raw;
}

export async function getProfile(d: Pick<Deps, 'profiles'>, userId: string): Promise<Profile> {
  const p = await d.profiles.get(userId);
  if (!p) throw notFound('user');
  return { userId, nickname: p.nickname, avatar: p.avatar };
}

export async function updateProfile(
  d: Pick<Deps, 'profiles' | 'tx'>,
  userId: string,
  change: { nickname?: string; avatar?: string },
): Promise<Profile> {
  const values: { nickname?: string; avatar?: string } = {};
  if (change.nickname !== undefined) values.nickname = checkNickname(change.nickname);
  if (change.avatar !== undefined) values.avatar = checkAvatar(change.avatar);
  if (!Object.keys(values).length) return getProfile(d, userId);
  // Only an existing user's profile (the store's guard): no stray items.
  await new Tx(d.tx).add(d.profiles.update(userId, values)).commit();
  return getProfile(d, userId);
}
