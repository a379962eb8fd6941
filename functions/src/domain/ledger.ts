// Writing applied events: wallets (guarded by version) and one ledger entry per WalletChange.
import type { Outcome, Wallet, WalletChange } from '@greenpoints/shared';
import type { Item } from '../repo/ddb';
import { keys } from '../repo/keys';
import { walletItem, type StoredWallet } from '../repo/repository';
import { StaleRead, type Tx } from './tx';

export function ledgerItems(eventId: string, kind: string, at: string, changes: WalletChange[], ref: Record<string, string> = {}): Item[] {
  return changes.map((c, n) => ({
    ...keys.ledger(c.user, at, eventId, n),
    type: 'ledger',
    userId: c.user,
    field: c.field,
    delta: c.delta,
    why: c.why,
    kind,
    eventId,
    at,
    ...ref,
  }));
}

/** Wallet writes for every user an outcome touched, each conditioned on the version read. */
export function addWalletWrites(tx: Tx, outcome: Outcome, before: Map<string, StoredWallet>, after: Record<string, Wallet>): void {
  const users = [...new Set(outcome.changes.map((c) => c.user))];
  for (const u of users) {
    const prior = before.get(u) ?? { wallet: after[u]!, version: 0 };
    tx.add({ op: 'put', item: walletItem(u, after[u]!, prior.version + 1), ifVersion: prior.version === 0 ? null : prior.version }, new StaleRead(`wallet ${u}`));
  }
}

export function addLedger(tx: Tx, eventId: string, outcome: Outcome, at: string, ref: Record<string, string> = {}): void {
  for (const it of ledgerItems(eventId, outcome.kind, at, outcome.changes, ref)) tx.add({ op: 'create', item: it });
}
