// The erasing writes of an account deletion and the personal record, on DynamoDB (domain/shop/privacy.ts).
import type { PrivacyStore } from '../domain/shop/privacy-ports';
import { getItem } from './ddb';
import { keys, NICKNAME_INDEX_ATTRS } from './keys';
import { asWrite } from './writes';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const privacyStore: PrivacyStore = {
  async personal(userId) {
    const i = await getItem(keys.user(userId));
    if (!i) return undefined;
    const phone = str(i.phone);
    const referrer = str(i.referrer);
    const deletedAt = str(i.deletedAt);
    return {
      userId,
      openId: str(i.openId) ?? '',
      nickname: str(i.nickname) ?? '',
      avatar: str(i.avatar) ?? '',
      createdAt: str(i.createdAt) ?? '',
      ...(phone ? { phone } : {}),
      ...(referrer ? { referrer } : {}),
      ...(deletedAt ? { deletedAt } : {}),
    };
  },
  erase(p, deletedAt) {
    return [
      asWrite({
        op: 'set',
        key: keys.user(p.userId),
        values: { deletedAt, nickname: '' },
        ifEquals: { type: 'user' },
        remove: ['openId', 'avatar', 'phone', ...NICKNAME_INDEX_ATTRS],
        ifAbsent: ['deletedAt'],
      }),
      ...(p.openId ? [asWrite({ op: 'delete', key: keys.openId(p.openId) })] : []),
      asWrite({ op: 'delete', key: keys.addressBook(p.userId) }),
      ...(p.phone ? [asWrite({ op: 'delete', key: keys.phone(p.phone) })] : []),
    ];
  },
  scrubOrder: (orderId) =>
    asWrite({
      op: 'set',
      key: keys.order(orderId),
      values: { address: JSON.stringify({ region: '', detail: '' }) },
      ifEquals: { type: 'order' },
    }),
};
