// The stores the pool applier receives (docs/architecture.md "The pool as a log"). The domain
// speaks only these interfaces; functions/src/repo/ owns key layout, item forms and conditions
// (poollog.ts on DynamoDB, memory.ts in memory for fast unit tests).
import type { BookAddress, LedgerLine } from '@greenpoints/shared';
import type { LedgerEvent, Outcome, Params, PoolState, Wallet, WalletChange } from '@greenpoints/shared';
import type { AccountNote, LoggedNote, PoolAccounts } from '@greenpoints/shared';
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

/** Notes queued by one change made outside the pool (domain/notes.ts): a batch logs them. */
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
  prevHash: string;
  hash: string; // sha256 over prevHash and the canonical public form (domain/poolhash.ts)
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

/**
 * Everything the domain reads and writes, installed once by the edge (functions/src/repo/install.ts
 * for DynamoDB; tests may install the in-memory stores of functions/src/repo/memory*.ts). The order
 * area's stores (orders to profiles) are in OrderAreaStores below.
 */
export interface Stores extends OrderAreaStores {
  tx: Committer;
  config: ConfigStore;
  users: UserReader;
  wallets: WalletStore;
  ledger: LedgerStore;
  events: EventReader;
  poolState: PoolReader;
  pool: PoolLogStore;
  projection: ProjectionStore;
  legacy: LegacyStore;
  referrals: ReferralStore;
  agents: AgentStore;
  team: TeamStore;
  settlement: SettlementStore;
  ranking: RankingStore;
  withdrawals: WithdrawalStore;
  queries: OperatorQueries;
  audit: AuditStore;
}

let installed: Stores | undefined;
export function useStores(s: Stores): void {
  installed = s;
}
export function stores(): Stores {
  if (!installed) throw new Error('no stores installed: import functions/src/repo/install first');
  return installed;
}

// ---------- wallet reads and withdrawals, the operator's queries, the audit log, login ----------
// Every list is paged by an opaque cursor (a string the store made and alone reads back; a
// foreign or broken one is refused as invalid_cursor).

/** One page of a list, newest first; `cursor` names the next page when there is one. */
export interface Paged<T> {
  items: T[];
  cursor?: string;
}

/** One ledger entry as the user's history shows it: the contract's line (GET /ledger). */
export type { LedgerLine };

/**
 * requested -> paying (an approval's claim) -> awaiting_confirmation (a WeChat bill the shopper
 * must confirm) -> approved (WeChat: SUCCESS, paid) | failed | cancelled (cash back); requested ->
 * rejected (staff refused, cash back). domain/transfers.ts.
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

/** An after-sale request as the operator's list shows it ('' for what it does not have). */
export interface AfterSaleListing {
  requestId: string;
  orderId: string;
  userId: string;
  status: string;
  kind: string;
  items: Array<{ productId: string; qty: number }>;
  amount: string;
  reason: string;
  note: string;
  carrier: string;
  trackingNo: string;
  createdAt: string;
  updatedAt: string;
}

/** The operator's lists by status, newest first (from indexes: eventually consistent). */
export interface OperatorQueries {
  /** Orders listed under `status` (the order as stored now: it may have moved on). */
  ordersByStatus(status: string, limit: number, cursor?: string): Promise<Paged<Order>>;
  afterSales(status: string, limit: number, cursor?: string): Promise<Paged<AfterSaleListing>>;
  withdrawals(status: string, limit: number, cursor?: string): Promise<Paged<Withdrawal>>;
  /** A user's latest orders, newest first. */
  latestOrders(userId: string, limit: number): Promise<Order[]>;
}

/** One staff call as the audit log keeps it (input and result: JSON text, maybe truncated). */
export interface AuditRecord {
  at: string;
  actor?: string;
  fn?: string;
  ok?: boolean;
  input?: string;
  result?: string;
  error?: string;
}

export interface AuditStore {
  /** A new audit entry (its own key: never overwrites another). */
  record(r: AuditRecord & { actor: string; fn: string; ok: boolean; input: string }): Write;
  /** Entries at or before `through` (a time prefix: every entry whose time starts with it counts), newest first. */
  page(limit: number, through?: string, cursor?: string): Promise<Paged<AuditRecord>>;
}

// ---------- members: legacy import, referrals, agents, team ----------
/** Where an imported identity (`openid:…` or `phone:…`) went: written once, so a member is imported once. */
export interface LegacyMarker {
  identity: string;
  userId: string;
  importId: string;
  line: number;
}

/** A legacy member created before their first WeChat login (which may still bind a referrer). */
export interface LegacyMember {
  userId: string;
  openId: string; // '' when imported by phone only
  nickname: string;
  createdAt: string;
  phone?: string;
}

/** One import run: the hash of its file, `applying` or `done`, and (done) its report as JSON text. */
export interface ImportMeta {
  hash: string;
  status: string;
  report?: string;
}

/** One date's run of the locked releases, advanced page by page under its version. */
export interface ReleaseState {
  date: string;
  status: 'running' | 'done';
  cursor: string; // the store's position in the locked holders ('' at the start)
  users: number;
  released: string;
  finished: number;
  version: number;
  report?: string; // JSON text, when done
}

export interface LegacyStore {
  marker(identity: string): Promise<LegacyMarker | undefined>;
  /** The markers of the identities that have one (bounded by the caller's file size). */
  markers(identities: string[]): Promise<Map<string, LegacyMarker>>;
  userIdByPhone(phone: string): Promise<string | undefined>;
  /** Created once: the openid a later login finds. */
  newOpenId(openId: string, userId: string): Write;
  /** Created once: the member, not logged in yet. */
  newMember(m: LegacyMember): Write;
  /** Created once: the phone a later phone-only row finds. */
  newPhone(phone: string, userId: string): Write;
  /** Created once per identity. */
  newMarker(m: LegacyMarker, at: string): Write;
  importMeta(importId: string): Promise<ImportMeta | undefined>;
  /** Created once per import id. */
  startImport(importId: string, hash: string, rows: number, by: string, at: string): Write;
  /** applying -> done with the report, guarded by the file's hash. */
  finishImport(importId: string, hash: string, report: string, at: string): Write;
  /** Created once per (import, line, step): the row's step is done. */
  importStep(importId: string, line: number, step: string, userId: string, amount: string): Write;
  /** Puts the user on the list of locked holders (idempotent). */
  markLocked(userId: string, since: string): Promise<void>;
  /** A page of locked holders, in a stable order; `next` to continue (absent: the end). */
  lockedHolders(limit: number, cursor?: string): Promise<{ userIds: string[]; next?: string }>;
  /** Takes the user off the list of locked holders (unconditional). */
  unlock(userId: string): Write;
  release(date: string): Promise<ReleaseState | undefined>;
  /** Created once per date: a run at its start. */
  startRelease(first: ReleaseState): Write;
  /** The run's next state, guarded by the version it was computed from. */
  saveRelease(next: ReleaseState, priorVersion: number): Write;
}

/** A user created before their first login (a legacy member) who has not logged in yet. */
export interface AwaitingFirstLogin {
  referrer?: string;
  createdAt?: string;
}

export interface ReferralStore {
  /** The user's referrer (an eventually consistent read: the chain walk's). */
  referrerOf(userId: string): Promise<string | undefined>;
  /** Undefined when the user does not exist or has logged in before (or was never pre-created). */
  awaitingFirstLogin(userId: string): Promise<AwaitingFirstLogin | undefined>;
  /** Marks the first login (and binds the referrer, listed under them), guarded: still not logged in. */
  firstLogin(userId: string, at: string, bound?: { referrer: string; createdAt: string }): Write;
  /** Direct referrals of a user, newest first. */
  direct(referrer: string, limit: number): Promise<Array<{ userId: string; nickname: string; joinedAt: string }>>;
}

export interface AgentAssignment {
  region: string;
  userId: string;
  assignedAt: string;
  version: number;
}

export interface AgentStore {
  /** region -> agent, for those of the given regions that have one. */
  assigned(regions: string[]): Promise<Map<string, string>>;
  get(region: string): Promise<AgentAssignment | undefined>;
  /** The region's agent, guarded by the version read (0: no agent yet). */
  assign(a: { region: string; userId: string; at: string; by: string }, priorVersion: number): Write;
  /** Unconditional. */
  remove(region: string): Write;
  list(limit: number): Promise<Array<{ region: string; userId: string; assignedAt: string }>>;
}

export interface TeamStore {
  /** The user's newest ledger entries (at least `max` when that many exist: the caller reports `partial`). */
  recentLedger(userId: string, max: number): Promise<Array<{ field: string; why: string; delta: string }>>;
}

// ---------- orders, products, after-sale, idempotency keys, address books, profiles ----------
// (repo/orders.ts on DynamoDB, repo/memory-orders.ts in memory)
import type { Order, OrderStatus, Product } from './model';

/** A page's position in a listing (opaque to the domain). */
export type PageCursor = Record<string, string | number | boolean>;

/** The fields of an order a write may set (everything but its identity and creation). */
export type OrderFields = Partial<Omit<Order, 'orderId' | 'userId' | 'createdAt'>>;

/** What must hold of the stored order for a write to apply. */
export interface OrderGuard {
  status?: OrderStatus;
  openRequestId?: string;
  latePayment?: string;
  /** fields that must not be set yet (a one-time claim) */
  absent?: Array<keyof Order>;
}

/** A system entry of the audit log (beside the staff wrapper's own). */
export interface OrderStore {
  get(orderId: string): Promise<Order | undefined>;
  /** The user's orders, newest first. */
  listByUser(userId: string, limit: number, cursor?: PageCursor): Promise<{ orders: Order[]; next?: PageCursor }>;
  /** A new order (written once). */
  create(o: Order): Write;
  /** Sets `fields` while `when` holds; `clear`: fields removed. */
  update(orderId: string, fields: OrderFields, when: OrderGuard, clear?: Array<keyof Order>): Write;
  /** The auto-confirm queue, read by shipping time: a new entry (once), one put back, one taken out. */
  shippedAdd(shippedAt: string, orderId: string): Write;
  shippedPut(shippedAt: string, orderId: string): Write;
  shippedRemove(shippedAt: string, orderId: string): Write;
  /** Orders shipped before `cutoff`, oldest first (bounded). */
  shippedBefore(cutoff: string, limit: number): Promise<string[]>;
  /** The completion queue, read by the end of each order's window. */
  duePut(completesAt: string, orderId: string): Write;
  dueRemove(completesAt: string, orderId: string): Write;
  /** Orders whose window ends before `now`, oldest first (bounded). */
  dueBefore(now: string, limit: number): Promise<string[]>;
}

export interface ProductStore {
  getMany(ids: string[]): Promise<Map<string, Product>>;
  /** Takes `qty` from the product's stock; the guard fails while less than `qty` is left. */
  takeStock(productId: string, qty: number): Write;
  /** Gives `qty` back to the product's stock (the product must exist). */
  giveBackStock(productId: string, qty: number): Write;
}

export type AfterSaleKind = 'return' | 'refund_only';
export type AfterSaleStatus = 'requested' | 'refused' | 'approved' | 'returning' | 'refunding' | 'refunded';

export interface AfterSaleRequest {
  requestId: string;
  orderId: string;
  userId: string;
  kind: AfterSaleKind;
  items: Array<{ productId: string; qty: number }>;
  reason: string;
  /** yuan: Σ price × qty of the items */
  amount: string;
  status: AfterSaleStatus;
  history: Array<{ at: string; status: AfterSaleStatus; by: string; note?: string }>;
  createdAt: string;
  note?: string;
  carrier?: string;
  trackingNo?: string;
  refundId?: string;
  refundDetail?: string;
  refundedAt?: string;
  /** a redemption: the held points given back */
  points?: string;
}

/** The optional fields of a request a write may set. */
export type AfterSaleFields = Partial<
  Pick<AfterSaleRequest, 'note' | 'carrier' | 'trackingNo' | 'refundId' | 'refundDetail' | 'refundedAt' | 'points'>
>;

export interface AfterSaleStore {
  get(requestId: string): Promise<AfterSaleRequest | undefined>;
  /** A new request (written once). */
  create(r: AfterSaleRequest): Write;
  /** `from` -> `to` with its history (and its time), guarded by the status. */
  move(
    requestId: string,
    from: AfterSaleStatus,
    to: AfterSaleStatus,
    change: AfterSaleFields & { history: AfterSaleRequest['history']; updatedAt: string },
  ): Write;
  /** Sets fields while the request is `status`. */
  update(requestId: string, fields: AfterSaleFields, status: AfterSaleStatus): Write;
}

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

/** An address-book entry: the contract's `BookAddress` (shared/src/api). */
export type Address = BookAddress;

export interface AddressBook {
  list: Address[];
  version: number; // 0: no book yet
}

export interface AddressStore {
  get(userId: string): Promise<AddressBook>;
  /** The new list, guarded by the version it was computed from (0: must not exist yet). */
  put(userId: string, list: Address[], priorVersion: number): Write;
}

export interface ProfileFields {
  nickname: string;
  avatar: string;
}

export interface ProfileStore {
  /** undefined: no such user. */
  get(userId: string): Promise<ProfileFields | undefined>;
  /** Changes an existing user's profile (no stray item for an unknown user). */
  update(userId: string, change: Partial<ProfileFields>): Write;
}

/** The stores of this area (part of Stores). */
export interface OrderAreaStores {
  orders: OrderStore;
  products: ProductStore;
  afterSales: AfterSaleStore;
  idempotency: IdempotencyStore;
  addresses: AddressStore;
  profiles: ProfileStore;
}

// ---------- settlement (daily dividends, exits, the dividend fund, the leaderboard) ----------
export type SettlementStatus = 'snapshot' | 'paying' | 'exiting' | 'done';

/** The state of one day's settlement (domain/settlement.ts describes the moves). */
export interface Settlement {
  date: string;
  status: SettlementStatus;
  fromDate: string; // first day whose contributions are in this fund
  contributions: string;
  days: string; // JSON {date: amount} of the days read one by one (days with contributions)
  foldedFrom: string; // '' unless a gap longer than MAX_GAP_DAYS was folded in as one sum
  foldedThrough: string;
  foldedAmount: string;
  late: string; // JSON {date: amount}: entries that reached the previous settlement's days after it read them
  carryIn: string;
  dayFund: string;
  exitEnabled: boolean;
  paramsVersion: number;
  snapCursor: string;
  chunks: number;
  participants: number;
  totalWeight: string;
  payCursor: number;
  paid: string;
  payees: number;
  exitCursor: number;
  exits: number;
  exitPoints: string;
  exitPayout: string;
  carryOut: string;
  startedAt: string;
  finishedAt: string;
  version: number;
}

/** What the last settlement left for the next day. */
export interface Carry {
  lastDate: string | undefined;
  amount: string;
  version: number;
}

/** One payee of a chunk: the dividend and the wallet changes it made (the ledger entries). */
export interface ChunkPay {
  userId: string;
  amount: string;
  changes: WalletChange[];
}

/** A chunk's payment, recorded once with the wallet credits: what was paid, when. */
export interface ChunkPayment {
  paidAt: string;
  paid: string;
  pays: ChunkPay[];
}

/** A chunk of participants: [userId, weight] fixed by the snapshot, and its payment once made. */
export interface SettlementChunk {
  users: Array<[string, string]>;
  payment?: ChunkPayment;
}

export interface ExitMarker {
  userId: string;
  points: string;
  payout: string;
  sell: string; // 'applied' | 'rejected: <code>' | 'none'
}

/** The quota and dividendsPaid an exit was decided on, written with its sell. */
export interface ExitPlan {
  quota: string;
  dividendsPaid: string;
}

/** Σ amount over pages of entries; `complete` false when the page bound was reached first. */
export interface PagedSum {
  sum: string;
  complete: boolean;
}

/** One completion's share of its business day's dividend fund. */
export interface DividendFundEntry {
  date: string;
  eventId: string;
  amount: string;
  at: string;
  orderId?: string;
}

export interface SettlementStore {
  get(date: string): Promise<Settlement | undefined>;
  /** The new day (must not exist yet). */
  create(s: Settlement): Write;
  /** The next state of a day, guarded by the version it was read at (`s.version` is the next one). */
  advance(s: Settlement, priorVersion: number): Write;

  carry(): Promise<Carry | undefined>;
  /** The carry moves into `date` (amount 0 until the day is done), guarded by its version (undefined: none yet). */
  openCarry(date: string, openedAt: string, priorVersion: number | undefined): Write;
  /** What is left goes back to the carry, guarded by the day it was moved into. */
  closeCarry(date: string, amount: string, closedAt: string): Write;

  /** Users with quota > 0, ascending userId (an eventually consistent index): one page from `cursor` ('' = start; next '' = end). */
  holders(cursor: string, limit: number): Promise<{ users: string[]; next: string }>;
  createChunk(date: string, k: number, users: Array<[string, string]>): Write;
  chunk(date: string, k: number): Promise<SettlementChunk | undefined>;
  /**
   * A dividend's wallet write: only the two fields a dividend moves (cash, dividendsPaid) and the
   * version, guarded by the version it was computed from (the wallet exists: its quota is > 0).
   */
  creditDividend(userId: string, next: Wallet, priorVersion: number): Write;
  /** Records a chunk's payment, once: refused if the chunk was paid before. */
  claimChunk(date: string, k: number, payment: ChunkPayment): Write;
  /** The dividends' ledger entries of a recorded payment; idempotent (same keys and content on a replay). */
  writeDividendLedger(
    at: string,
    ref: Record<string, string>,
    rows: Array<{ eventId: string; changes: WalletChange[] }>,
  ): Promise<void>;

  exitMarker(date: string, userId: string): Promise<ExitMarker | undefined>;
  exitMarkers(date: string, userIds: string[]): Promise<ExitMarker[]>;
  /** The exit is done (create-once). */
  markExit(date: string, m: ExitMarker): Write;
  exitPlan(date: string, userId: string): Promise<ExitPlan | undefined>;
  recordExitPlan(date: string, userId: string, p: ExitPlan): Write;
  exits(date: string, limit: number): Promise<ExitMarker[]>;

  /** Σ of one business day's dividend fund entries (consistent reads), at most `maxPages` pages. */
  dayContributions(date: string, maxPages: number): Promise<PagedSum>;
  /** Σ of the entries dated from..through (inclusive) in date order, at most `maxPages` pages. */
  contributionsBetween(from: string, through: string, maxPages: number): Promise<PagedSum>;
  /** The first business day anyone contributed to a dividend fund. */
  firstContributionDate(): Promise<string | undefined>;
  /** A completion's fund entry (create-once). */
  contribution(e: DividendFundEntry): Write;
}

/** The leaderboard's reads: holders of equity by weight, per index shard. */
export interface RankingStore {
  /** Each shard's top `n` (userId, weight = equity + equityLocked), descending. */
  topPerShard(n: number): Promise<Array<Array<{ userId: string; weight: string }>>>;
  nicknames(userIds: string[]): Promise<Map<string, string>>;
}
