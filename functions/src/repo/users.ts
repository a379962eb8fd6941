// The user store's writes beside the common reads (repo/repository.ts): the first login's user
// and its openId binding.
import type { User } from '../domain/model';
import { keys } from './keys';
import { userItem } from './repository';
import { asWrite } from './writes';

export const createUser = (u: User) => [
  asWrite({ op: 'create', item: { ...keys.openId(u.openId), type: 'openid', userId: u.userId } }),
  asWrite({ op: 'create', item: userItem(u) }),
];
