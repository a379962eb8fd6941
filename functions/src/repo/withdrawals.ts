// Withdrawals on DynamoDB (docs/data-model.md): the request item (WITHDRAWAL#id, listed by status
// on GSI1), the day's sum per user (USER#id / WDAY#date, version-guarded), claims and decisions
// as conditional sets on the request.
import type {
  Withdrawal,
  WithdrawalBill,
  WithdrawalFrom,
  WithdrawalStatus,
  WithdrawalStore,
} from '../domain/wallet/ports';
import { getItem, type Item } from './ddb';
import { indexKeys, keys } from './keys';
import { asWrite } from './writes';

const fromCondition = (from: WithdrawalFrom): Record<string, string> =>
  from.status === 'paying' ? { status: 'paying', claim: from.claim } : { status: from.status };

/** The bill's attributes on the withdrawal item (`confirm` as JSON text). */
const billValues = (b: WithdrawalBill | undefined): Record<string, string> =>
  b
    ? {
        transferState: b.transferState,
        ...(b.transferBillNo ? { transferBillNo: b.transferBillNo } : {}),
        ...(b.confirm ? { confirm: JSON.stringify(b.confirm) } : {}),
        ...(b.failReason ? { failReason: b.failReason } : {}),
        ...(b.confirmBy ? { confirmBy: b.confirmBy } : {}),
      }
    : {};

function toBill(i: Item): WithdrawalBill | undefined {
  if (typeof i.transferState !== 'string') return undefined;
  const s = (k: string) => (typeof i[k] === 'string' ? (i[k] as string) : undefined);
  const confirm = s('confirm');
  return {
    transferState: i.transferState,
    ...(s('transferBillNo') ? { transferBillNo: s('transferBillNo') } : {}),
    ...(confirm ? { confirm: JSON.parse(confirm) as NonNullable<WithdrawalBill['confirm']> } : {}),
    ...(s('failReason') ? { failReason: s('failReason') } : {}),
    ...(s('confirmBy') ? { confirmBy: s('confirmBy') } : {}),
  };
}

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
  const bill = toBill(i);
  if (bill) w.bill = bill;
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
        ...indexKeys.userWithdrawal(userId, at, withdrawalId),
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
  decide: (withdrawalId, status, decidedAt, detail, from, bill) =>
    asWrite({
      op: 'set',
      key: keys.withdrawal(withdrawalId),
      values: {
        status,
        ...indexKeys.withdrawalStatus(status),
        decidedAt,
        ...(detail ? { detail } : {}),
        ...billValues(bill),
      },
      ifEquals: fromCondition(from),
      // A bill that can no longer be confirmed keeps no package to confirm it with.
      ...(bill && !bill.confirm ? { remove: ['confirm'] } : {}),
    }),
};
