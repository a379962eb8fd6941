// cancel-unpaid (every minute): a WeChat order nobody paid within payTimeoutMinutes is closed at
// WeChat (so the open pay sheet can no longer take money), then created -> cancelled with its
// stock back, in one transaction guarded by the status, so it happens once whatever runs at once.
// A payment that still arrives is refunded by the notify like any late payment (domain/orders/late-payment.ts).
import { AdapterError } from '../../adapters/wechat/types';
import type { UnpaidDeps, UnpaidEntry } from './unpaid-ports';
import { conflict } from '../errors';
import { Tx } from '../tx';
import { log } from '../../log';

export interface CancelReport {
  cancelled: string[];
  /** WeChat said ORDERPAID: the payment notice brings it */
  paid: string[];
  /** entries of orders paid or ended meanwhile, taken out of the index */
  cleared: number;
  errors: Array<{ orderId: string; code: string }>;
}

export async function cancelUnpaid(deps: UnpaidDeps, o: { now: string; max: number }): Promise<CancelReport> {
  const report: CancelReport = { cancelled: [], paid: [], cleared: 0, errors: [] };
  for (const e of await deps.unpaid.due(o.now, o.max)) {
    try {
      const r = await cancelOne(deps, e, o.now);
      if (r === 'cancelled') report.cancelled.push(e.orderId);
      else if (r === 'paid') report.paid.push(e.orderId);
      else if (r === 'cleared') report.cleared++;
    } catch (err) {
      const code = err instanceof AdapterError ? err.code : ((err as { code?: string }).code ?? 'internal');
      log.warn('cancel-unpaid: order not cancelled this run', { orderId: e.orderId, code });
      report.errors.push({ orderId: e.orderId, code });
    }
  }
  return report;
}

async function cancelOne(deps: UnpaidDeps, e: UnpaidEntry, now: string) {
  const o = await deps.orders.get(e.orderId);
  if (!o || o.status !== 'created') {
    await new Tx(deps.tx).add(deps.unpaid.remove(e)).commit();
    return 'cleared';
  }
  if (o.payExpiresAt && o.payExpiresAt > now) return 'skipped';
  // Close first: an unreachable WeChat throws here, before anything is written (next run retries).
  const closed = await deps.pay.closeOrder(o.orderId);
  if (closed.status === 'paid') return 'paid';
  const lost = conflict('invalid_status', 'the order moved meanwhile');
  const tx = new Tx(deps.tx)
    .add(
      deps.orders.update(
        o.orderId,
        { status: 'cancelled', cancelledAt: new Date().toISOString() },
        { status: 'created' },
      ),
      lost,
    )
    .add(deps.unpaid.remove(e));
  for (const l of o.items) tx.add(deps.products.giveBackStock(l.productId, l.qty));
  try {
    await tx.commit();
  } catch (err) {
    if (err !== lost) throw err;
    return 'skipped'; // paid or cancelled by another run meanwhile: its write stands
  }
  return 'cancelled';
}
