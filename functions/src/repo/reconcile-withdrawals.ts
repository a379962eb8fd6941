// Reconcile's withdrawal accounting (I6, per user): the cash a wallet holds pending is exactly
// its withdrawals still open (requested, paying, awaiting_confirmation: WeChat has not said
// SUCCESS, FAIL or CANCELLED), and what it has withdrawn is exactly its approved (paid) ones.
import { wideDec, type WideDec, type Wallet } from '@greenpoints/shared';
import type { Item } from './ddb';

const OPEN = new Set(['requested', 'paying', 'awaiting_confirmation']);

export function withdrawalProblems(all: Item[], wallets: Map<string, Wallet>): string[] {
  const want = new Map<string, { pending: WideDec; withdrawn: WideDec }>();
  for (const w of all.filter((i) => i.type === 'withdrawal')) {
    const u = String(w.userId);
    const s = want.get(u) ?? { pending: wideDec(0), withdrawn: wideDec(0) };
    if (OPEN.has(String(w.status))) s.pending = s.pending.plus(wideDec(String(w.amount)));
    if (w.status === 'approved') s.withdrawn = s.withdrawn.plus(wideDec(String(w.amount)));
    want.set(u, s);
  }
  const problems: string[] = [];
  for (const [u, wallet] of wallets) {
    const s = want.get(u) ?? { pending: wideDec(0), withdrawn: wideDec(0) };
    if (!wideDec(wallet.cashPending).eq(s.pending))
      problems.push(`I6 wallet ${u}.cashPending ${wallet.cashPending} ≠ Σ open withdrawals ${s.pending.toFixed()}`);
    if (!wideDec(wallet.withdrawn).eq(s.withdrawn))
      problems.push(
        `I6 wallet ${u}.withdrawn ${wallet.withdrawn} ≠ Σ paid (approved) withdrawals ${s.withdrawn.toFixed()}`,
      );
  }
  return problems.slice(0, 20);
}
