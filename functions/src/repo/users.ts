// The user store's lookups and writes beyond the common reads (repo/repository.ts): a legacy
// member's phone, and the first login's user and openId binding.
import type { User } from '../domain/model';
import { getItem } from './ddb';
import { keys } from './keys';
import { programmeKeys } from './programme';
import { userItem } from './repository';
import { asWrite } from './stores';

export async function userIdByPhone(phone: string): Promise<string | undefined> {
  const p = await getItem(programmeKeys.phone(phone));
  return p ? String(p.userId) : undefined;
}

export const createUser = (u: User) => [
  asWrite({ op: 'create', item: { ...keys.openId(u.openId), type: 'openid', userId: u.userId } }),
  asWrite({ op: 'create', item: userItem(u) }),
];
