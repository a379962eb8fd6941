// I5 for the log's accounts (domain/wallet/notes.ts): the pool item holds what the replay of the log
// gives, and the wallets' totals of the logged fields are what the log says they are (every
// change of cash, cash pending, withdrawn and quota is a logged event or note).
import { LOGGED_WALLET_FIELDS, emptyAccounts, wideDec, type PoolAccounts, type Wallet } from '@greenpoints/shared';
import type { Item } from './ddb';
import { accountsDiff } from '../domain/wallet/accounts-replay';

export function accountsProblems(
  poolItem: Item | undefined,
  replayed: PoolAccounts | undefined,
  wallets: Map<string, Wallet>,
): string[] {
  const problems: string[] = [];
  const want = replayed ?? emptyAccounts();
  const held =
    typeof poolItem?.accounts === 'string' ? (JSON.parse(poolItem.accounts) as PoolAccounts) : emptyAccounts();
  const diff = accountsDiff(held, want);
  if (diff) problems.push(`I5 the pool item's accounts are not what the log gives: ${diff}`);
  for (const f of LOGGED_WALLET_FIELDS) {
    let total = wideDec(0);
    for (const w of wallets.values()) total = total.plus(wideDec(w[f]));
    if (!total.eq(wideDec(want[f])))
      problems.push(`I5 Σ wallets' ${f} is ${total.toFixed(2)} but the log accounts for ${want[f]}`);
  }
  return problems;
}
