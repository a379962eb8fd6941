// Referrals on DynamoDB (domain/programme/ports.ts ReferralStore): the referrer on the user item, the
// first login of a pre-created member and the referral index (GSI1 REFERRALS#<referrer>).
import type { ReferralStore } from '../domain/programme/ports';
import { getItem, query } from './ddb';
import { gsi, keys, referralIndexAttrs } from './keys';
import { asWrite } from './writes';

export const referralStore: ReferralStore = {
  async referrerOf(userId) {
    const u = await getItem(keys.user(userId), false);
    return u && typeof u.referrer === 'string' && u.referrer ? u.referrer : undefined;
  },
  async awaitingFirstLogin(userId) {
    const u = await getItem(keys.user(userId));
    if (!u || u.loggedIn !== false) return undefined;
    return {
      ...(typeof u.referrer === 'string' && u.referrer ? { referrer: u.referrer } : {}),
      ...(u.createdAt !== undefined ? { createdAt: String(u.createdAt) } : {}),
    };
  },
  firstLogin: (userId, at, bound) =>
    asWrite({
      op: 'set',
      key: keys.user(userId),
      values: {
        loggedIn: true,
        firstLoginAt: at,
        ...(bound
          ? { referrer: bound.referrer, boundAt: at, ...referralIndexAttrs(bound.referrer, bound.createdAt, userId) }
          : {}),
      },
      ifEquals: { loggedIn: false },
    }),
  async direct(referrer, limit) {
    const r = await query({ pk: gsi.referrals(referrer), index: 'GSI1', newestFirst: true, limit });
    return r.items.map((i) => ({
      userId: String(i.userId),
      nickname: String(i.nickname ?? ''),
      joinedAt: String(i.boundAt ?? i.createdAt ?? ''),
    }));
  },
};
