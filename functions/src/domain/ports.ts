// The ports every area shares (the kernel): guarded writes and their commit, the parameters,
// users, wallets and their ledger, event records, the pool's state, Idempotency-Keys, pages.
import type { LedgerLine, Params, PoolState, Wallet, WalletChange } from '@greenpoints/shared';
import type { EventRecord, StoredParams, StoredWallet, User } from './model';

declare const writeBrand: unique symbol;
/** One guarded write built by a store. Its form (key, item, condition) is the store's alone. */
export interface Write {
  readonly [writeBrand]: 'write';
}

/** A commit refused: `failed` are the indexes of the writes whose guard failed (empty: none named). */
export class WritesRejected extends Error {
  constructor(
    readonly failed: number[],
    readonly detail: string[] = [],
  ) {
    super(`writes rejected at ${failed.join(',') || '?'}${detail.length ? `: ${detail.join(' ')}` : ''}`);
    this.name = 'WritesRejected';
  }
}

/** Commits writes atomically (one DynamoDB transaction): all of them, or none and WritesRejected. */
export interface Committer {
  readonly maxWrites: number;
  commit(writes: Write[]): Promise<void>;
}

export interface ConfigStore {
  /** The programme's parameters (cached briefly unless fresh) and their version (0: defaults). */
  params(fresh?: boolean): Promise<StoredParams>;
  /** The parameters as they were at a version (the log names the version it was decided on). */
  paramsAt(version: number): Promise<Params>;
}

export interface UserReader {
  get(userId: string): Promise<User | undefined>;
  idByOpenId(openId: string): Promise<string | undefined>;
  /** The user and their openId binding, each created once (a second login's twin is refused). */
  create(user: User): Write[];
}

export interface WalletStore {
  get(userId: string): Promise<StoredWallet>;
  getMany(userIds: string[]): Promise<Map<string, StoredWallet>>;
  /** The new wallet, guarded by the version it was computed from (0: must not exist yet). */
  put(userId: string, wallet: Wallet, priorVersion: number): Write;
}

export interface LedgerStore {
  /** One new ledger entry per change (each written once: a replay is refused by its guard). */
  entries(eventId: string, kind: string, at: string, changes: WalletChange[], ref?: Record<string, string>): Write[];
  /** The user's own entries, newest first. */
  page(userId: string, limit: number, cursor?: string): Promise<Paged<LedgerLine>>;
}

export interface EventReader {
  get(eventId: string): Promise<EventRecord | undefined>;
}

export interface PoolReader {
  state(params: Params, consistent?: boolean): Promise<PoolState>;
}

// Every list is paged by an opaque cursor (a string the store made and alone reads back; a
// foreign or broken one is refused as invalid_cursor).

/** One page of a list, newest first; `cursor` names the next page when there is one. */
export interface Paged<T> {
  items: T[];
  cursor?: string;
}

/** One ledger entry as the user's history shows it: the contract's line (GET /ledger). */
export type { LedgerLine };

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdemRecord {
  hash: string;
  status: 'pending' | 'done';
  response?: StoredResponse;
  eventId?: string;
}

/** A user's Idempotency-Key and the hash of the request it was sent with. */
export interface IdemKey {
  userId: string;
  key: string;
  hash: string;
}

export interface IdempotencyStore {
  read(userId: string, key: string): Promise<IdemRecord | undefined>;
  /** Claims the key (once), with the answer when it is already known. */
  claim(idem: IdemKey, response?: StoredResponse, eventId?: string): Write;
  /** Records the final answer on a claimed key (guarded by the request's hash). */
  finish(idem: IdemKey, response: StoredResponse): Write;
}

/** The kernel's stores, part of every area's deps. */
export interface KernelStores {
  tx: Committer;
  config: ConfigStore;
  users: UserReader;
  wallets: WalletStore;
  ledger: LedgerStore;
  events: EventReader;
  poolState: PoolReader;
  idempotency: IdempotencyStore;
}
