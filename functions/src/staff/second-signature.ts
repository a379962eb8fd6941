// Which first calls wait for a second signature (staff/roles.ts SECOND_SIGNATURE): all of them,
// except reads (assign-agent {list: true}), refusing a withdrawal (the cash goes back to its
// owner) and approving one of at most withdrawSecondSignAbove (the parameter, default ¥500.00).
import { dec } from '@greenpoints/shared';
import { core } from '../wiring/core';
import { wallet } from '../wiring/wallet';
import { SECOND_SIGNATURE } from './roles';

export async function needsSecondSignature(fn: string, input: unknown): Promise<boolean> {
  if (!SECOND_SIGNATURE.has(fn)) return false;
  const i = (input ?? {}) as Record<string, unknown>;
  if (fn === 'assign-agent') return i.list !== true;
  if (fn === 'import-legacy-members') return i.dryRun !== true;
  if (fn !== 'approve-withdrawal') return true;
  if (i.approve === false) return false;
  const w = await wallet.withdrawals.get(String(i.withdrawalId));
  if (!w) return false; // the function itself answers not_found
  const { params } = await core.config.params();
  return dec(w.amount).gt(params.withdrawSecondSignAbove);
}
