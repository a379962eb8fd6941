// Writing applied events: wallets (guarded by version) and one ledger entry per WalletChange,
// through the stores (domain/ports.ts).
import {
  apply,
  emptyPool,
  isPoolEvent,
  type LedgerEvent,
  type Outcome,
  type Params,
  type Wallet,
} from '@greenpoints/shared';
import type { StoredWallet } from '../model';
import { StaleRead, Tx, retryStale } from '../tx';
import type { Deps } from '../deps';
import { addNotes, NOTED_KINDS, walletNote } from './notes';

/** Wallet writes for every user an outcome touched, each conditioned on the version read. */
export function addWalletWrites(
  d: Pick<Deps, 'wallets'>,
  tx: Tx,
  outcome: Outcome,
  before: Map<string, StoredWallet>,
  after: Record<string, Wallet>,
): void {
  const users = [...new Set(outcome.changes.map((c) => c.user))];
  for (const u of users) {
    const prior = before.get(u) ?? { wallet: after[u]!, version: 0 };
    tx.add(d.wallets.put(u, after[u]!, prior.version), new StaleRead(`wallet ${u}`));
  }
}

export function addLedger(
  d: Pick<Deps, 'ledger'>,
  tx: Tx,
  eventId: string,
  outcome: Outcome,
  at: string,
  ref: Record<string, string> = {},
): void {
  tx.addAll(d.ledger.entries(eventId, outcome.kind, at, outcome.changes, ref));
}

/** The parameters and a user's stored wallet, read once for all an attempt decides on them. */
export interface WalletRead {
  params: Params;
  stored: StoredWallet;
}

export async function readWallet(d: Pick<Deps, 'config' | 'wallets'>, user: string): Promise<WalletRead> {
  const [{ params }, stored] = await Promise.all([d.config.params(), d.wallets.get(user)]);
  return { params, stored };
}

/**
 * Applies a wallet-only event (hold, spend, refunds, withdrawals, dividends, quota and store
 * credit) to the user's stored wallet and adds its wallet write and ledger entries to `tx`.
 * These events never move the pool, so the busy pool item is not read for them.
 */
export async function addWalletEvent(
  d: Pick<Deps, 'config' | 'ledger' | 'wallets'> & Partial<Pick<Deps, 'pool'>>,
  tx: Tx,
  user: string,
  eventId: string,
  event: LedgerEvent,
  at: string,
  ref: Record<string, string> = {},
  read?: WalletRead,
): Promise<void> {
  if (isPoolEvent(event)) throw new Error(`${event.kind} is a pool event: it goes through the pool applier`);
  const { params, stored } = read ?? (await readWallet(d, user));
  const a = apply({ pool: emptyPool(params), wallets: { [user]: stored.wallet } }, event, params);
  addWalletWrites(d, tx, a.outcome, new Map([[user, stored]]), a.state.wallets);
  addLedger(d, tx, eventId, a.outcome, at, ref);
  // Money the pool log accounts for (cash, withdrawals, quota, store credit in) enters it as a note.
  if (NOTED_KINDS.has(event.kind)) {
    if (!d.pool) throw new Error(`${event.kind} enters the pool log: its caller must pass the pool store`);
    addNotes(tx, d.pool, [walletNote(eventId, user, event, stored.wallet, a.outcome)]);
  }
}

/** One wallet-only event as one transaction, retried when the wallet moved meanwhile. */
export async function applyWalletEvent(
  d: Pick<Deps, 'config' | 'ledger' | 'tx' | 'wallets'> & Partial<Pick<Deps, 'pool'>>,
  user: string,
  eventId: string,
  event: LedgerEvent,
  extra: (tx: Tx) => void,
): Promise<void> {
  await retryStale(async () => {
    const tx = new Tx(d.tx);
    extra(tx);
    await addWalletEvent(d, tx, user, eventId, event, new Date().toISOString());
    await tx.commit();
  });
}
