// Staff and scheduled functions of 商家转账 withdrawals (docs/staff.md, docs/wechat.md):
// sync-transfers (every 5 minutes) and, on the local stage only, sandbox-transfer, the stand-in
// for the shopper confirming (or WeChat failing / closing) a sandbox bill.
import { z } from 'zod';
import { getWeChatTransfer, sandboxSettleBill, sandboxTransferNotify } from '../adapters/wechat';
import { syncTransfers as runSync } from '../domain/wallet/transfer-sync';
import { onTransferNotice } from '../domain/wallet/transfers';
import { transferDeps } from '../wiring/transfers';
import { forbidden, notFound } from '../domain/errors';
import { isLocalStage } from '../stage';
import { staff } from './wrapper';
import { standIn } from './stand-in';

export const syncTransfers = staff(
  'sync-transfers',
  z.object({ now: standIn, max: z.number().int().min(1).max(500).default(100) }).passthrough(),
  async ({ now, max }) => runSync(transferDeps(), { now: now ?? new Date().toISOString(), max }),
  { scheduled: true },
);

/**
 * Local stage: the sandbox WeChat settles a bill as the shopper (confirm: SUCCESS) or WeChat
 * (fail: FAIL, cancel: CANCELLED) would, and delivers its signed notify through the same path
 * as the transfer notify handler.
 */
export const sandboxTransfer = staff(
  'sandbox-transfer',
  z
    .object({
      withdrawalId: z.string().min(1).max(64),
      outcome: z.enum(['confirm', 'fail', 'cancel']).default('confirm'),
    })
    .strict(),
  async ({ withdrawalId, outcome }) => {
    if (!isLocalStage()) throw forbidden('sandbox-transfer exists on the local stage only');
    const deps = transferDeps();
    if (!(await deps.withdrawals.get(withdrawalId))) throw notFound('withdrawal');
    const state = outcome === 'confirm' ? 'SUCCESS' : outcome === 'fail' ? 'FAIL' : 'CANCELLED';
    const n = sandboxTransferNotify(sandboxSettleBill(withdrawalId, state));
    const bill = await getWeChatTransfer().parseNotify(n.headers, n.body);
    return onTransferNotice(deps, bill);
  },
);
