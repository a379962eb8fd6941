// The wallet area's ports: the pool as a log (queue, batches, projection) and withdrawals.
import type { LedgerEvent, Outcome, Params, PoolState, Wallet, WalletChange } from '@greenpoints/shared';
import type { AccountNote, LoggedNote, PoolAccounts } from '@greenpoints/shared';
import type { Write } from '../ports';

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

/** Notes queued by one change made outside the pool (domain/wallet/notes.ts): a batch logs them. */
export interface QueuedNotes {
  ref: string;
  notes: AccountNote[];
}

/** A note as a batch keeps it: `queueRef` is internal (not published), `user` the real user id. */
export type StoredNote = LoggedNote & { queueRef: string };

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
  paramsHash: string; // sha256 of the canonical parameters in force (their content)
  prevHash: string;
  hash: string; // sha256 over prevHash and the canonical public form (domain/wallet/poolhash.ts)
  poolBefore: PoolState;
  poolAfter: PoolState;
  entries: LogEntry[];
  /** changes made outside the pool, logged by this batch (absent in batches logged before notes) */
  notes?: StoredNote[];
  /** the log's accounts before and after this batch (absent in batches logged before them) */
  accountsBefore?: PoolAccounts;
  accountsAfter?: PoolAccounts;
}

/** The pool item: its state, the last committed batch and how far projection has gone. */
export interface PoolHead {
  pool: PoolState;
  batch: number;
  projected: number; // == batch, or batch − 1 while the last batch is being projected
  hash: string;
  exists: boolean;
  /** the accounts as the last batch left them (absent: none logged yet) */
  accounts?: PoolAccounts;
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
  /** A queue entry of notes, in the transaction of the change they log (`id` makes its key unique). */
  enqueueNotes(arrival: string, id: string, notes: AccountNote[]): Write;
  head(params: Params): Promise<PoolHead>;
  /** The oldest queued events and notes (bounded). */
  readQueue(limit: number): Promise<Array<Queued | QueuedNotes>>;
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

/**
 * requested -> paying (an approval's claim) -> awaiting_confirmation (a WeChat bill the shopper
 * must confirm) -> approved (WeChat: SUCCESS, paid) | failed | cancelled (cash back); requested ->
 * rejected (staff refused, cash back). domain/wallet/transfers.ts.
 */
export type WithdrawalStatus =
  'requested' | 'paying' | 'awaiting_confirmation' | 'approved' | 'rejected' | 'failed' | 'cancelled';

/** The WeChat transfer bill of a withdrawal, as last reported (create answer, query, notify). */
export interface WithdrawalBill {
  transferState: string;
  transferBillNo?: string;
  /** while the shopper can confirm: wx.requestMerchantTransfer's {mchId, appId, package} */
  confirm?: { mchId: string; appId: string; packageInfo: string };
  failReason?: string;
  /** ISO: an unconfirmed bill is cancelled after this */
  confirmBy?: string;
}

export interface Withdrawal {
  withdrawalId: string;
  userId: string;
  amount: string;
  status: WithdrawalStatus;
  createdAt: string;
  /** the approval paying it out: its claim and when it claimed (epoch ms) */
  claim?: string;
  claimedAt?: number;
  decidedAt?: string;
  detail?: string;
  bill?: WithdrawalBill;
}

/** The state a withdrawal must still be in for a claim or decision to go through. */
export type WithdrawalFrom =
  { status: 'requested' } | { status: 'paying'; claim: string } | { status: 'awaiting_confirmation' };

export interface WithdrawalStore {
  get(withdrawalId: string): Promise<Withdrawal | undefined>;
  /** Σ the user requested on one business day and its version (0: nothing yet). */
  daySum(userId: string, day: string): Promise<{ amount: string; version: number }>;
  /** The day's new sum, guarded by the version it was computed from. */
  putDaySum(userId: string, day: string, amount: string, priorVersion: number): Write;
  /** A new request (status requested), created once. */
  create(w: { withdrawalId: string; userId: string; amount: string; at: string }): Write;
  /** requested (or a stale claim) -> paying, by this claim: only one approval gets it. */
  claim(withdrawalId: string, claim: string, claimedAt: number, from: WithdrawalFrom): Write;
  /** The decision (or the bill's next state), if the withdrawal is still as `from` says. */
  decide(
    withdrawalId: string,
    status: Exclude<WithdrawalStatus, 'requested' | 'paying'>,
    decidedAt: string,
    detail: string | undefined,
    from: WithdrawalFrom,
    bill?: WithdrawalBill,
  ): Write;
}

/** The wallet area's stores. */
export interface WalletStores {
  pool: PoolLogStore;
  projection: ProjectionStore;
  withdrawals: WithdrawalStore;
}
