// The edge's composition of domain/privacy.ts (from the installed stores for now).
import { stores } from '../domain/stores';
import type { PrivacyDeps } from '../domain/privacy-ports';
import { privacyStore } from '../repo/privacy';
import { withdrawalLists } from '../repo/transfers';

export function privacyDeps(): PrivacyDeps {
  const s = stores();
  return {
    privacy: privacyStore,
    users: s.users,
    wallets: s.wallets,
    orders: s.orders,
    addresses: s.addresses,
    ledger: s.ledger,
    referrals: s.referrals,
    withdrawals: { byUser: (u, limit, cursor) => withdrawalLists.byUser(u, limit, cursor) },
  };
}
