// The stores the pool applier receives (docs/architecture.md "The pool as a log"). The domain
// speaks only these interfaces; functions/src/repo/ owns key layout, item forms and conditions
// (poollog.ts on DynamoDB, memory.ts in memory for fast unit tests).
import type { LedgerEvent, Outcome, Params, PoolState, Wallet, WalletChange } from '@greenpoints/shared';
import type { EventRecord, StoredParams, StoredWallet, User } from './model';

/** What happens to an order when its pool event is applied or rejected. */
export interface OrderLink {
  orderId: string;
  revertTo: string; // status to go back to if the event is rejected
  shippedAt?: string; // with revertTo 'shipped': back into the auto-complete queue at this time
}

/** A pool event waiting in the queue (recorded by the caller's own transaction). */
export interface Queued {
  ref: string; // the store's handle of the queue entry
  eventId: string;
  userId: string;
  event: LedgerEvent;
  order?: OrderLink;
}

/** One event of a batch as the log keeps it: the input, the wallet view it was decided on, the result. */
export interface LogEntry {
  queueRef: string; // internal (not published): the queue entry projection removes
  eventId: string;
  userId: string;
  event: LedgerEvent;
  order?: OrderLink;
  /** the wallets the engine saw (non-zero fields only): built from the hold, never read for held events */
  views: Record<string, Partial<Wallet>>;
  outcome?: Outcome;
  error?: { code: string; message: string };
  /** rejected held events: the release of the reserve, computed by the engine */
  release?: WalletChange[];
}

export interface BatchLog {
  batch: number;
  at: string; // the batch's time: every projected record carries it, so a replayed projection writes the same keys
  paramsVersion: number;
  prevHash: string;
  hash: string; // sha256 over prevHash and the canonical public form (domain/poolhash.ts)
  poolBefore: PoolState;
  poolAfter: PoolState;
  entries: LogEntry[];
}

/** The pool item: its state, the last committed batch and how far projection has gone. */
export interface PoolHead {
  pool: PoolState;
  batch: number;
  projected: number; // == batch, or batch − 1 while the last batch is being projected
  hash: string;
  exists: boolean;
}

/** A commit lost to another drainer: re-read and go on. */
export class BatchRace extends Error {
  constructor() {
    super('another drainer committed this batch');
    this.name = 'BatchRace';
  }
}

export interface PoolLogStore {
  /** The queue entry of a submission, in the caller's own transaction (sorted by `arrival`). */
  enqueue(arrival: string, q: Omit<Queued, 'ref'>): Write;
  /** The caller's own record of its event, pending until projected; created once (a duplicate fails). */
  record(eventId: string, userId: string, kind: string, submittedAt: string): Write;
  head(params: Params): Promise<PoolHead>;
  /** The oldest queued events (bounded). */
  readQueue(limit: number): Promise<Queued[]>;
  /** One write on the pool's partition plus the batch log item; BatchRace when the head moved. */
  commit(head: PoolHead, log: BatchLog): Promise<void>;
  getBatch(batch: number): Promise<BatchLog | undefined>;
  /** Batches from..from+count−1 that exist, ascending. */
  getBatches(from: number, count: number): Promise<BatchLog[]>;
  /** Records that `batch` is fully projected (a no-op when a later batch is already committed). */
  markProjected(batch: number): Promise<void>;
  /** The drainers' short lease (efficiency only: the batch guard keeps a stale holder harmless). */
  lease(owner: string, ms: number): Promise<boolean>;
  releaseLease(owner: string): Promise<void>;
}

/** The projected effects of one batch, all idempotent (docs/architecture.md). */
export interface ProjectionStore {
  /**
   * Users' parts (each: the wallet and its ledger entries of the batch) and order settlements,
   * packed into as few transactions as the item limit allows. Each unit is all or nothing: a part
   * whose entries exist was projected before and is skipped (counted), an order no longer
   * completing was settled before.
   */
  project(parts: Array<{ user: string; part: UserPart }>, orders: OrderSettlement[]): Promise<ProjectedCount>;
  /** One user part alone (a user with several parts: they go in order). False: projected before. */
  creditWallet(user: string, part: UserPart): Promise<boolean>;
  /** The event records (the callers' own items) and the day's dividend fund entries; queue entries removed. */
  finish(log: BatchLog): Promise<void>;
}

export interface ProjectedCount {
  written: number;
  skipped: number;
}

/** One user's share of a batch, in ≤ 90 changes (a transaction holds 100 items). */
export interface UserPart {
  batch: number;
  part: number;
  at: string;
  changes: Array<WalletChange & { eventId: string; kind: string; n: number; orderId?: string }>;
}

export type OrderSettlement =
  | { orderId: string; eventId: string; at: string; applied: true; pointsGranted: string; priceAfter: string }
  | { orderId: string; eventId: string; at: string; applied: false; revertTo: string; shippedAt?: string };

/** Wallet reads the applier needs for the few events decided on stored balances (release_locked). */
export interface WalletReader {
  wallets(users: string[]): Promise<Map<string, Wallet>>;
}

// ---------- every domain write: guarded writes built by stores, committed all or none ----------
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
}

export interface EventReader {
  get(eventId: string): Promise<EventRecord | undefined>;
}

export interface PoolReader {
  state(params: Params, consistent?: boolean): Promise<PoolState>;
}

/**
 * Everything the domain reads and writes, installed once by the edge (functions/src/repo/install.ts
 * for DynamoDB; tests may install the in-memory stores of functions/src/repo/memory*.ts).
 */
export interface Stores {
  tx: Committer;
  config: ConfigStore;
  users: UserReader;
  wallets: WalletStore;
  ledger: LedgerStore;
  events: EventReader;
  poolState: PoolReader;
  pool: PoolLogStore;
  projection: ProjectionStore;
  walletReader: WalletReader;
}

let installed: Stores | undefined;
export function useStores(s: Stores): void {
  installed = s;
}
export function stores(): Stores {
  if (!installed) throw new Error('no stores installed: import functions/src/repo/install first');
  return installed;
}
