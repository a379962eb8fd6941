// What domain/shop/privacy.ts needs: the stores it reads for the export and the erasing writes of a
// deletion (repo/privacy.ts on DynamoDB). The edge passes them in (wiring/privacy.ts).
import type { Paged, Committer } from '../ports';
import type { Withdrawal } from '../wallet/ports';
import type { AddressStore } from './ports';
import type { LedgerStore, UserReader, WalletStore, Write } from '../ports';
import type { OrderStore } from '../orders/ports';
import type { ReferralStore } from '../programme/ports';

/** The personal fields of the user's own item. */
export interface PersonalRecord {
  userId: string;
  openId: string;
  nickname: string;
  avatar: string;
  phone?: string;
  referrer?: string;
  createdAt: string;
  deletedAt?: string;
  /** The newest order the account placed (createOrder sets it through AccountGuard). */
  lastOrderId?: string;
}

/**
 * What the erase is guarded by: the account as the check read it. Any order placed, or any
 * wallet change (a withdrawal, a sell, a credit arriving) between the check and the erase makes
 * the erase fail, so the check is taken again (domain/shop/privacy.ts deleteAccount).
 */
export interface EraseGuard {
  lastOrderId?: string;
  /** 0: the wallet did not exist */
  walletVersion: number;
}

/** The write each new order makes on its account: refused once the account is deleted. */
export interface AccountGuard {
  orderPlaced(userId: string, orderId: string, at: string): Write;
}

export interface PrivacyStore {
  personal(userId: string): Promise<PersonalRecord | undefined>;
  /**
   * Erases the person: the user item keeps only its pseudonymous id, referrer link and dates
   * (deletedAt set; openId, nickname, avatar, phone removed); the openId binding, the address
   * book and the phone marker go.
   */
  erase(p: PersonalRecord, deletedAt: string, guard: EraseGuard): Write[];
  /** An order's copy of the delivery address (name, phone) replaced by nothing personal. */
  scrubOrder(orderId: string): Write;
}

export interface PrivacyDeps {
  /** commits the writes all or none */
  tx: Committer;
  privacy: PrivacyStore;
  users: Pick<UserReader, 'get'>;
  wallets: Pick<WalletStore, 'get'>;
  orders: Pick<OrderStore, 'listByUser' | 'get'>;
  addresses: Pick<AddressStore, 'get'>;
  ledger: Pick<LedgerStore, 'page'>;
  referrals: Pick<ReferralStore, 'direct'>;
  withdrawals: { byUser(userId: string, limit: number, cursor?: string): Promise<Paged<Withdrawal>> };
}
