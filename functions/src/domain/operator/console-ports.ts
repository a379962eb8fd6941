// The reads only the staff console asks for (docs/staff.md "Console queries"): sums over every
// wallet, users by nickname, the parameters' versions, orders by status/user and date, every
// product. Read-only: nothing here writes.
import type { Params } from '@greenpoints/shared';
import type { Order, Product } from '../model';
import type { Paged } from '../ports';

/** Σ of each wallet field over every wallet (exact decimal strings), and how many wallets. */
export interface WalletTotals {
  sums: Record<string, string>;
  wallets: number;
}

export interface ConfigVersion {
  version: number;
  at: string;
  params: Params;
}

export interface OrderQuery {
  /** one of these two names the index read: a status (all users) or a user (all statuses) */
  status?: string;
  userId?: string;
  /** ISO instants, both included: the orders created in between */
  from?: string;
  to?: string;
}

export interface ConsoleStore {
  walletTotals(): Promise<WalletTotals>;
  /** Users whose nickname starts with `prefix`, at most `limit`, by nickname. */
  usersByNickname(prefix: string, limit: number): Promise<Array<{ userId: string; nickname: string }>>;
  /** The stored versions, newest first (version 0, the defaults, is never stored). */
  configVersions(limit: number, cursor?: string): Promise<Paged<ConfigVersion>>;
  /** Orders newest first by creation, read from the status or the user index. */
  orders(q: OrderQuery, limit: number, cursor?: string): Promise<Paged<Order>>;
  /** Every product, inactive ones included. */
  products(): Promise<Product[]>;
}

export interface ConsoleStores {
  console: ConsoleStore;
}
