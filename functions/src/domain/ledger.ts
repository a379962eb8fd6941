// Writing applied events: wallets (guarded by version) and one ledger entry per WalletChange.
import {
  apply,
  emptyPool,
  isPoolEvent,
  type LedgerEvent,
  type Outcome,
  type Wallet,
  type WalletChange,
} from '@greenpoints/shared';
import type { Item } from '../repo/ddb';
import { keys } from '../repo/keys';
import { getParams, getWallet, walletItem, type StoredWallet } from '../repo/repository';
import { StaleRead, type Tx } from './tx';

export function ledgerItems(
  eventId: string,
  kind: string,
  at: string,
  changes: WalletChange[],
  ref: Record<string, string> = {},
): Item[] {
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
export function addWalletWrites(
  tx: Tx,
  outcome: Outcome,
  before: Map<string, StoredWallet>,
  after: Record<string, Wallet>,
): void {
  const users = [...new Set(outcome.changes.map((c) => c.user))];
  for (const u of users) {
    const prior = before.get(u) ?? { wallet: after[u]!, version: 0 };
    tx.add(
      {
        op: 'put',
        item: walletItem(u, after[u]!, prior.version + 1),
        ifVersion: prior.version === 0 ? null : prior.version,
      },
      new StaleRead(`wallet ${u}`),
    );
  }
}

export function addLedger(
  tx: Tx,
  eventId: string,
  outcome: Outcome,
  at: string,
  ref: Record<string, string> = {},
): void {
  for (const it of ledgerItems(eventId, outcome.kind, at, outcome.changes, ref)) tx.add({ op: 'create', item: it });
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
  const [{ params }, stored] = await Promise.all([getParams(), getWallet(user)]);
  const a = apply({ pool: emptyPool(params), wallets: { [user]: stored.wallet } }, event, params);
  addWalletWrites(tx, a.outcome, new Map([[user, stored]]), a.state.wallets);
  addLedger(tx, eventId, a.outcome, at, ref);
}
