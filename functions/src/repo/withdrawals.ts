// Withdrawals on DynamoDB (docs/data-model.md): the request item (WITHDRAWAL#id, listed by status
// on GSI1), the day's sum per user (USER#id / WDAY#date, version-guarded), claims and decisions
// as conditional sets on the request.
import type { Withdrawal, WithdrawalFrom, WithdrawalStatus, WithdrawalStore } from '../domain/wallet/ports';
import { getItem, type Item } from './ddb';
import { indexKeys, keys } from './keys';
import { asWrite } from './writes';

const fromCondition = (from: WithdrawalFrom): Record<string, string> =>
  from.status === 'paying' ? { status: 'paying', claim: from.claim } : { status: 'requested' };

export function toWithdrawal(i: Item): Withdrawal {
  const opt = (k: string) => (typeof i[k] === 'string' ? (i[k] as string) : undefined);
  const w: Withdrawal = {
    withdrawalId: String(i.withdrawalId),
    userId: String(i.userId),
    amount: String(i.amount),
    status: String(i.status) as WithdrawalStatus,
    createdAt: String(i.createdAt ?? ''),
  };
  const claim = opt('claim');
  if (claim !== undefined) w.claim = claim;
  if (i.claimedAt !== undefined) w.claimedAt = Number(i.claimedAt);
  const decidedAt = opt('decidedAt');
  if (decidedAt !== undefined) w.decidedAt = decidedAt;
  const detail = opt('detail');
  if (detail !== undefined) w.detail = detail;
  return w;
}

export const withdrawalStore: WithdrawalStore = {
  async get(withdrawalId) {
    const i = await getItem(keys.withdrawal(withdrawalId));
    return i ? toWithdrawal(i) : undefined;
  },
  async daySum(userId, day) {
    const i = await getItem(keys.withdrawDay(userId, day));
    return i ? { amount: String(i.amount), version: Number(i.version) } : { amount: '0', version: 0 };
  },
  putDaySum: (userId, day, amount, prior) =>
    asWrite({
      op: 'put',
      item: { ...keys.withdrawDay(userId, day), type: 'withdraw_day', amount, version: prior + 1 },
      ifVersion: prior === 0 ? null : prior,
    }),
  create: ({ withdrawalId, userId, amount, at }) =>
    asWrite({
      op: 'create',
      item: {
        ...keys.withdrawal(withdrawalId),
        ...indexKeys.withdrawal('requested', at, withdrawalId),
        type: 'withdrawal',
        withdrawalId,
        userId,
        amount,
        status: 'requested',
        createdAt: at,
      },
    }),
  claim: (withdrawalId, claim, claimedAt, from) =>
    asWrite({
      op: 'set',
      key: keys.withdrawal(withdrawalId),
      values: { status: 'paying', ...indexKeys.withdrawalStatus('paying'), claimedAt, claim },
      ifEquals: fromCondition(from),
    }),
  decide: (withdrawalId, status, decidedAt, detail, from) =>
    asWrite({
      op: 'set',
      key: keys.withdrawal(withdrawalId),
      values: { status, ...indexKeys.withdrawalStatus(status), decidedAt, ...(detail ? { detail } : {}) },
      ifEquals: fromCondition(from),
    }),
};
