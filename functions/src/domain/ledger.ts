// Writing applied events: wallets (guarded by version) and one ledger entry per WalletChange,
// through the stores (domain/stores.ts).
import { apply, emptyPool, isPoolEvent, type LedgerEvent, type Outcome, type Wallet } from '@greenpoints/shared';
import type { StoredWallet } from './model';
import { stores } from './stores';
import { StaleRead, type Tx } from './tx';
import { addNotes, NOTED_KINDS, walletNote } from './notes';

/** Wallet writes for every user an outcome touched, each conditioned on the version read. */
export function addWalletWrites(
  tx: Tx,
  outcome: Outcome,
  before: Map<string, StoredWallet>,
  after: Record<string, Wallet>,
): void {
  const users = [...new Set(outcome.changes.map((c) => c.user))];
  for (const u of users) {
    const prior = before.get(u) ?? { wallet: after[u]!, version: 0 };
    tx.add(stores().wallets.put(u, after[u]!, prior.version), new StaleRead(`wallet ${u}`));
  }
}

export function addLedger(
  tx: Tx,
  eventId: string,
  outcome: Outcome,
  at: string,
  ref: Record<string, string> = {},
): void {
  tx.addAll(stores().ledger.entries(eventId, outcome.kind, at, outcome.changes, ref));
}

/**
 * Applies a wallet-only event (hold, spend, refunds, withdrawals, dividends, quota and store
 * credit) to the user's stored wallet and adds its wallet write and ledger entries to `tx`.
 * These events never move the pool, so the busy pool item is not read for them.
 */
export async function addWalletEvent(
  tx: Tx,
  user: string,
  eventId: string,
  event: LedgerEvent,
  at: string,
  ref: Record<string, string> = {},
): Promise<void> {
  if (isPoolEvent(event)) throw new Error(`${event.kind} is a pool event: it goes through the pool applier`);
  const [{ params }, stored] = await Promise.all([stores().config.params(), stores().wallets.get(user)]);
  const a = apply({ pool: emptyPool(params), wallets: { [user]: stored.wallet } }, event, params);
  addWalletWrites(tx, a.outcome, new Map([[user, stored]]), a.state.wallets);
  addLedger(tx, eventId, a.outcome, at, ref);
  // Money the pool log accounts for (cash, withdrawals, quota, store credit in) enters it as a note.
  if (NOTED_KINDS.has(event.kind))
    addNotes(tx, stores().pool, [walletNote(eventId, user, event, stored.wallet, a.outcome)]);
}
