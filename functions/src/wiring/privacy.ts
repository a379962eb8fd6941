// Composition root of a person's data export and account deletion (domain/shop/privacy.ts).
import type { PrivacyDeps } from '../domain/shop/privacy-ports';
import { privacyStore } from '../repo/privacy';
import { committer } from '../repo/writes';
import { withdrawalLists } from '../repo/transfers';
import { core } from './core';
import { orders } from './orders';
import { shop } from './shop';
import { referrals } from './programme';

export function privacyDeps(): PrivacyDeps {
  return {
    tx: committer,
    privacy: privacyStore,
    users: core.users,
    wallets: core.wallets,
    orders: orders.orders,
    addresses: shop.addresses,
    ledger: core.ledger,
    referrals: referrals.referrals,
    withdrawals: { byUser: (u, limit, cursor) => withdrawalLists.byUser(u, limit, cursor) },
  };
}
