// Pool events staff submit for a user (grant, buyback) and the payout of an approved withdrawal.
import type { LedgerEvent } from '@greenpoints/shared';
import type { Deps } from '../deps';
import { addSubmission, awaitEvent } from './applier';
import { eventIdFor } from '../idempotency';
import { notFound } from '../errors';
import { Tx, retryStale } from '../tx';
import type { Pay } from './wallet';

type StaffEventDeps = Pick<Deps, 'config' | 'events' | 'ledger' | 'pool' | 'projection' | 'tx' | 'users' | 'wallets'>;

/** Submits `event` once per (kind, requestId) and answers its outcome (or pending). */
export async function submitAsStaff(
  d: StaffEventDeps,
  kind: string,
  actor: string,
  user: string,
  requestId: string,
  event: LedgerEvent,
) {
  if (!(await d.users.get(user))) throw notFound('user');
  const eventId = eventIdFor(`staff:${kind}`, requestId);
  // A retry of a call whose answer was lost: the event is recorded already, so its outcome is the
  // answer. Submitting again would reserve again at the edge and refuse (insufficient_points)
  // an event that in fact was applied.
  if (!(await d.events.get(eventId))) {
    try {
      await retryStale(async () => {
        const tx = new Tx(d.tx);
        await addSubmission(d, tx, { eventId, userId: user, event }, new Error('duplicate'));
        await tx.commit().catch((e) => {
          if ((e as Error).message !== 'duplicate') throw e;
        });
      });
    } catch (e) {
      if (!(await d.events.get(eventId))) throw e; // a concurrent retry recorded it meanwhile: go on
    }
  }
  const rec = await awaitEvent(d, eventId);
  return { eventId, status: rec?.status ?? 'pending', outcome: rec?.outcome, error: rec?.error, by: actor };
}

/**
 * The payout of an approved withdrawal: a WeChat transfer bill to the user's openId. Paid only
 * when WeChat says SUCCESS (wallet/transfers.ts sends the notice then).
 */
export function transferPayout(d: Pick<Deps, 'users' | 'wechatTransfer'>): Pay {
  return async ({ withdrawalId, userId, amount }) => {
    const u = await d.users.get(userId);
    return d.wechatTransfer().transfer({ withdrawalId, openId: u?.openId ?? '', amount });
  };
}
