// A wallet-only event the pool log accounts for (a withdrawal's steps, a quota reset, a legacy
// store credit: domain/wallet/notes.ts), as one transaction with its note, then drained into the
// log before the caller answers.
import type { LedgerEvent } from '@greenpoints/shared';
import type { Tx } from '../tx';
import type { Deps } from '../deps';
import { applyWalletEvent } from './ledger';
import { drainSoon } from './applier';

export type NotedDeps = Pick<Deps, 'config' | 'ledger' | 'tx' | 'wallets' | 'pool' | 'projection'>;

export async function applyNotedEvent(
  d: NotedDeps,
  user: string,
  eventId: string,
  event: LedgerEvent,
  extra: (tx: Tx) => void,
): Promise<void> {
  await applyWalletEvent(d, user, eventId, event, extra);
  await drainSoon(d);
}
