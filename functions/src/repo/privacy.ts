// The erasing writes of an account deletion and the personal record, on DynamoDB (domain/shop/privacy.ts).
import type { AccountGuard, EraseGuard, PrivacyStore } from '../domain/shop/privacy-ports';
import type { AccountStatus } from '../http/account-check';
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
    const lastOrderId = str(i.lastOrderId);
    return {
      userId,
      openId: str(i.openId) ?? '',
      nickname: str(i.nickname) ?? '',
      avatar: str(i.avatar) ?? '',
      createdAt: str(i.createdAt) ?? '',
      ...(phone ? { phone } : {}),
      ...(referrer ? { referrer } : {}),
      ...(deletedAt ? { deletedAt } : {}),
      ...(lastOrderId ? { lastOrderId } : {}),
    };
  },
  erase(p, deletedAt, guard) {
    return [
      asWrite({
        op: 'set',
        key: keys.user(p.userId),
        values: { deletedAt, nickname: '' },
        // No order placed since the check (createOrder moves lastOrderId).
        ifEquals: { type: 'user', ...(guard.lastOrderId ? { lastOrderId: guard.lastOrderId } : {}) },
        remove: ['openId', 'avatar', 'phone', ...NICKNAME_INDEX_ATTRS],
        ifAbsent: ['deletedAt', ...(guard.lastOrderId ? [] : ['lastOrderId'])],
      }),
      walletUnchanged(p.userId, guard),
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

/** The wallet as the check read it: same version, or still no wallet at all. */
function walletUnchanged(userId: string, guard: EraseGuard) {
  return asWrite(
    guard.walletVersion > 0
      ? { op: 'check', key: keys.wallet(userId), ifEquals: { version: guard.walletVersion } }
      : { op: 'check', key: keys.wallet(userId), ifEquals: {}, ifAbsent: ['PK'] },
  );
}

/** Every new order marks its account (refused once it is deleted): the erase's guard sees it. */
export const accountGuard: AccountGuard = {
  orderPlaced: (userId, orderId, at) =>
    asWrite({
      op: 'set',
      key: keys.user(userId),
      values: { lastOrderId: orderId, lastOrderAt: at },
      ifEquals: { type: 'user' },
      ifAbsent: ['deletedAt'],
    }),
};

/** The deletion mark the HTTP wrapper checks on every shopper call (http/account-check.ts). */
export const accountStatus: AccountStatus = {
  async deletedAt(userId) {
    return str((await getItem(keys.user(userId)))?.deletedAt);
  },
};
