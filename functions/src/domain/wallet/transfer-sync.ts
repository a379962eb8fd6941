// The schedule sync-transfers: asks WeChat about every open bill (awaiting_confirmation) and
// every approval whose claimant went quiet (paying past its lease), records what WeChat says,
// and cancels bills the shopper left unconfirmed past confirmBy. Racing a notify is harmless:
// both go through recordStep's guarded writes (domain/wallet/transfers.ts).
import { AdapterError, type TransferBill } from '../../adapters/wechat/types';
import type { Withdrawal } from './ports';
import type { TransferDeps } from './transfers-ports';
import { confirmByFrom, recordStep, stepOfBill } from './transfers';
import { withdrawalTuning } from './wallet';
import { log } from '../../log';

export interface SyncReport {
  checked: number;
  settled: Record<string, number>;
  open: number;
  cancelRequested: number;
  errors: Array<{ withdrawalId: string; code: string }>;
}

/** One run: at most `max` of each list; `now` (ISO) is the schedule's clock. */
export async function syncTransfers(deps: TransferDeps, o: { now: string; max: number }): Promise<SyncReport> {
  const report: SyncReport = { checked: 0, settled: {}, open: 0, cancelRequested: 0, errors: [] };
  const awaiting = (await deps.lists.inStatus('awaiting_confirmation', o.max)).items;
  const paying = (await deps.lists.inStatus('paying', o.max)).items;
  for (const listed of [...awaiting, ...paying]) {
    try {
      const outcome = await syncOne(deps, listed.withdrawalId, o.now, report);
      if (outcome === 'skipped') continue;
      report.checked++;
      if (outcome === 'awaiting_confirmation') report.open++;
      else report.settled[outcome] = (report.settled[outcome] ?? 0) + 1;
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'internal';
      log.warn('sync-transfers: one withdrawal not synced', { withdrawalId: listed.withdrawalId, code });
      report.errors.push({ withdrawalId: listed.withdrawalId, code });
    }
  }
  return report;
}

/** An approval that is paying now and within its lease answers for itself. */
function claimIsLive(w: Withdrawal, now: string): boolean {
  return w.status === 'paying' && Date.parse(now) - (w.claimedAt ?? 0) < withdrawalTuning.leaseMs;
}

async function syncOne(deps: TransferDeps, withdrawalId: string, now: string, report: SyncReport) {
  // The lists are indexes (eventually consistent): act on the item as it is now.
  const w = await deps.withdrawals.get(withdrawalId);
  if (!w || (w.status !== 'awaiting_confirmation' && w.status !== 'paying') || claimIsLive(w, now)) return 'skipped';
  let bill = await deps.wechat.query(withdrawalId);
  // A paying claim with no bill at WeChat: the approval never reached it; approving again resumes.
  if (!bill) return w.status === 'paying' ? 'skipped' : 'awaiting_confirmation';
  const confirmBy = w.bill?.confirmBy ?? confirmByFrom(new Date(now));
  if (stepOfBill(bill).status === 'awaiting_confirmation' && w.bill?.confirmBy && now >= w.bill.confirmBy) {
    bill = await cancelBill(deps, withdrawalId, bill);
    report.cancelRequested++;
  }
  const step = stepOfBill(bill, confirmBy);
  if (step.status === 'awaiting_confirmation' && w.status === 'awaiting_confirmation') return step.status;
  return (await recordStep(deps, w, step)).status;
}

/** Cancel at WeChat; a bill past cancelling (confirmed meanwhile) is what the query says. */
async function cancelBill(deps: TransferDeps, withdrawalId: string, open: TransferBill): Promise<TransferBill> {
  try {
    return await deps.wechat.cancel(withdrawalId);
  } catch (e) {
    if (!(e instanceof AdapterError) || e.code !== 'cancel_refused') throw e;
    return (await deps.wechat.query(withdrawalId)) ?? open;
  }
}
