// The caller's team: who they referred (two levels), what it earned them, and who referred them.
import { sum, type TeamView } from '@greenpoints/shared';
import { directReferrals } from './referrals';
import { maskName } from './levels';
import type { Deps } from '../deps';

const MAX_DIRECT = 200;
const MAX_SECOND_PER_DIRECT = 50;
/** Newest ledger entries scanned for the earnings summary (a bound, reported as `partial`). */
const MAX_LEDGER = 5000;

export async function teamView(d: Pick<Deps, 'referrals' | 'team' | 'users'>, userId: string): Promise<TeamView> {
  const me = await d.users.get(userId);
  const direct = await directReferrals(d, userId, MAX_DIRECT);
  const second: Array<{ userId: string; name: string; joinedAt: string; via: string }> = [];
  for (const first of direct.slice(0, MAX_DIRECT)) {
    for (const s of await directReferrals(d, first.userId, MAX_SECOND_PER_DIRECT)) {
      second.push({
        userId: s.userId,
        name: maskName(s.nickname, s.userId),
        joinedAt: s.joinedAt,
        via: maskName(first.nickname, first.userId),
      });
    }
  }
  const entries = await d.team.recentLedger(userId, MAX_LEDGER);
  const sumOf = (pred: (why: string, field: string) => boolean) =>
    sum(entries.filter((e) => pred(e.why, e.field)).map((e) => e.delta));
  const commissionL1 = sumOf((w, f) => f === 'cash' && w === 'commission_l1');
  const commissionL2 = sumOf((w, f) => f === 'cash' && w === 'commission_l2');
  const agent = sumOf((w, f) => f === 'cash' && w === 'agent_commission');
  const pointsL1 = sumOf((w, f) => f === 'equity' && w === 'referral_l1');
  const pointsL2 = sumOf((w, f) => f === 'equity' && w === 'referral_l2');
  return {
    referrer: me?.referrer ? { userId: me.referrer } : null,
    direct: direct.map((r) => ({ userId: r.userId, name: maskName(r.nickname, r.userId), joinedAt: r.joinedAt })),
    second: second.slice(0, 500),
    counts: { direct: direct.length, second: second.length },
    commissions: commissionL1.plus(commissionL2).plus(agent).toFixed(2), // cash earned, all kinds
    commissionsByKind: { l1: commissionL1.toFixed(2), l2: commissionL2.toFixed(2), agent: agent.toFixed(2) },
    referralPoints: { l1: pointsL1.toFixed(), l2: pointsL2.toFixed() },
    ...(entries.length >= MAX_LEDGER ? { partial: true } : {}),
  };
}
