// The programme area's ports: legacy members, referrals, agents, the team view, settlement and
// the leaderboard.
import type { Wallet, WalletChange } from '@greenpoints/shared';
import type { Write } from '../ports';
import type { LockedSinceStore } from './schedule-bounds';

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

export type SettlementStatus = 'snapshot' | 'paying' | 'exiting' | 'done';

/** The state of one day's settlement (domain/programme/settlement.ts describes the moves). */
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

/** The programme area's stores. */
export interface ProgrammeStores {
  legacy: LegacyStore;
  /** when each locked holder was granted (a day's release pays only those granted by then) */
  locked: LockedSinceStore;
  referrals: ReferralStore;
  agents: AgentStore;
  team: TeamStore;
  settlement: SettlementStore;
  ranking: RankingStore;
}
