// Withdrawals paid by 商家转账 (docs/wechat.md "Transfer"): what WeChat says about a withdrawal's
// transfer bill moves the withdrawal, through guarded status writes only, so an approval, the
// notify and the schedule's query may report the same bill in any order and at once:
//   paying -> awaiting_confirmation (a bill the shopper must confirm; nothing booked yet)
//   paying | awaiting_confirmation -> approved (SUCCESS: pending -> withdrawn, the only payout)
//                                   -> failed | cancelled (FAIL, CANCELLED: pending -> cash, once)
// A bill left unconfirmed past `confirmBy` is cancelled at WeChat by the schedule.
import type { LedgerEvent } from '@greenpoints/shared';
import type { TransferBill, TransferResult } from '../../adapters/wechat/types';
import type { Withdrawal, WithdrawalBill, WithdrawalFrom, WithdrawalStatus } from './ports';
import type { Deps } from '../deps';
import type { WithdrawalLists } from './transfers-ports';
import { applyNotedEvent } from './noted';
import { conflict, notFound } from '../errors';
import { Tx } from '../tx';
import { notify } from '../notify';
import { log } from '../../log';

/** What moving a withdrawal on needs: its store, the wallet it books into and the shopper's notice. */
export type StepDeps = Pick<
  Deps,
  'config' | 'ledger' | 'tx' | 'users' | 'wallets' | 'wechatSubscribe' | 'withdrawals' | 'pool' | 'projection'
>;

/** WeChat closes a bill the shopper has not confirmed after 24 hours; we cancel it then too. */
export const transferTuning = { confirmWindowMs: 24 * 3600_000 };

type Next = 'awaiting_confirmation' | 'approved' | 'failed' | 'cancelled';
interface Step {
  status: Next;
  bill: WithdrawalBill;
}

const FINAL = new Set<WithdrawalStatus>(['approved', 'rejected', 'failed', 'cancelled']);
export const isFinal = (s: WithdrawalStatus) => FINAL.has(s);

/** What a bill's state means for the withdrawal (CANCELING: still open until CANCELLED). */
export function stepOfBill(b: TransferBill, confirmBy?: string): Step {
  const bill: WithdrawalBill = {
    transferState: b.state,
    ...(b.transferBillNo ? { transferBillNo: b.transferBillNo } : {}),
    ...(b.confirm ? { confirm: b.confirm } : {}),
    ...(b.failReason ? { failReason: b.failReason } : {}),
    ...(confirmBy ? { confirmBy } : {}),
  };
  const status: Next =
    b.state === 'SUCCESS'
      ? 'approved'
      : b.state === 'FAIL'
        ? 'failed'
        : b.state === 'CANCELLED'
          ? 'cancelled'
          : 'awaiting_confirmation';
  return { status, bill };
}

/** The create answer: a refusal before any bill (NOT_ENOUGH …) failed; a bill, by its state. */
export function stepOfResult(r: TransferResult, confirmBy: string): Step {
  if (r.bill) return stepOfBill(r.bill, confirmBy);
  if (r.status === 'rejected') {
    const why = reasonOf(r.detail);
    return { status: 'failed', bill: { transferState: 'REFUSED', ...(why ? { failReason: why } : {}) } };
  }
  // Accepted without a bill to show: open, never paid before WeChat says SUCCESS.
  return { status: 'awaiting_confirmation', bill: { transferState: 'ACCEPTED', confirmBy } };
}

function reasonOf(detail: string | undefined): string | undefined {
  try {
    const d = JSON.parse(detail ?? '') as { code?: unknown; failReason?: unknown };
    const why = typeof d.failReason === 'string' ? d.failReason : d.code;
    return typeof why === 'string' ? why : undefined;
  } catch {
    return detail?.slice(0, 64);
  }
}

const fromOf = (w: Withdrawal): WithdrawalFrom =>
  w.status === 'paying'
    ? { status: 'paying', claim: w.claim ?? '' }
    : w.status === 'requested'
      ? { status: 'requested' }
      : { status: 'awaiting_confirmation' };

/**
 * Moves `w` (as read, `from`) by one step. A final step books its ledger event with the status
 * write in one transaction; losing the guard means another report moved it first: its result.
 */
export async function recordStep(deps: StepDeps, w: Withdrawal, step: Step, detail?: string): Promise<Withdrawal> {
  const from = fromOf(w);
  const at = new Date().toISOString();
  const write = deps.withdrawals.decide(w.withdrawalId, step.status, at, detail, from, step.bill);
  const lost = conflict('invalid_status', 'the withdrawal moved meanwhile');
  try {
    if (step.status === 'awaiting_confirmation') {
      await new Tx(deps.tx).add(write, lost).commit();
    } else {
      const paid = step.status === 'approved';
      const event: LedgerEvent = {
        kind: paid ? 'withdraw_approve' : 'withdraw_reject',
        user: w.userId,
        amount: w.amount,
        withdrawalId: w.withdrawalId,
      };
      // One cash-back event id for every way back (rejected, failed, cancelled): never twice.
      await applyNotedEvent(deps, w.userId, `${w.withdrawalId}:${paid ? 'approved' : 'rejected'}`, event, (tx) =>
        tx.add(write, lost),
      );
    }
  } catch (e) {
    // Another report (notify, query, approval) moved it first: its guard won, or the engine
    // found the pending cash already gone (read after the winner's commit). Its result stands.
    const now = await deps.withdrawals.get(w.withdrawalId);
    if (!now || now.status === w.status) throw e;
    return now;
  }
  if (step.status === 'approved')
    await notify(deps, w.userId, 'withdrawal', { amount: w.amount, at }, 'pages/withdrawals/index');
  return { ...w, status: step.status, decidedAt: at, bill: step.bill, ...(detail ? { detail } : {}) };
}

/** A verified transfer notify (or the sandbox's stand-in): the bill's state, applied once. */
export async function onTransferNotice(deps: StepDeps, b: TransferBill) {
  const w = await deps.withdrawals.get(b.withdrawalId);
  if (!w) throw notFound('withdrawal');
  if (isFinal(w.status)) {
    const agrees = stepOfBill(b).status === w.status || (w.status === 'rejected' && b.state !== 'SUCCESS');
    if (!agrees)
      log.error('transfer notify disagrees with a settled withdrawal', {
        withdrawalId: w.withdrawalId,
        status: w.status,
        state: b.state,
      });
    return withdrawalView(w); // a repeated notify
  }
  if (w.status === 'requested') throw conflict('invalid_status', 'the withdrawal has no transfer yet');
  const step = stepOfBill(b, w.bill?.confirmBy ?? confirmByFrom(new Date()));
  // An open bill already recorded: a notify carries nothing new for it.
  if (step.status === 'awaiting_confirmation' && w.status === 'awaiting_confirmation') return withdrawalView(w);
  return withdrawalView(await recordStep(deps, w, step));
}

export const confirmByFrom = (at: Date) => new Date(at.getTime() + transferTuning.confirmWindowMs).toISOString();

/** The shopper's view of a withdrawal (GET /withdrawals). */
export function withdrawalView(w: Withdrawal) {
  return {
    withdrawalId: w.withdrawalId,
    amount: w.amount,
    status: w.status,
    createdAt: w.createdAt,
    ...(w.decidedAt ? { decidedAt: w.decidedAt } : {}),
    ...(w.status === 'awaiting_confirmation' && w.bill?.confirm ? { confirm: w.bill.confirm } : {}),
    ...(w.status === 'awaiting_confirmation' && w.bill?.confirmBy ? { confirmBy: w.bill.confirmBy } : {}),
    ...(w.bill?.failReason && (w.status === 'failed' || w.status === 'cancelled')
      ? { failReason: w.bill.failReason }
      : {}),
  };
}

export async function listOwnWithdrawals(
  deps: { lists: WithdrawalLists },
  userId: string,
  limit: number,
  cursor?: string,
) {
  const r = await deps.lists.byUser(userId, limit, cursor);
  return { items: r.items.map(withdrawalView), ...(r.cursor ? { cursor: r.cursor } : {}) };
}
