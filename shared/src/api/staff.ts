// The answers of the staff functions (docs/staff.md) as both sides see them: the server's
// queries are typed by these (functions/src/domain/*), the console reads them (console/src/api.ts).
// Amounts are decimal strings, never numbers.
import type { Exact, Money, Points } from '../types';
import type { AfterSaleKind, AfterSaleStatus, OrderStatus } from './answers';

/** A page of a staff list: flat rows (the same rows become a CSV export) and a sealed cursor. */
export interface StaffPage<R> {
  rows: R[];
  cursor?: string;
}

/** One row of list-orders. */
export interface OrderRow {
  orderId: string;
  userId: string;
  status: string;
  amount: Money;
  payWith: string;
  items: string;
  region: string;
  address: string;
  createdAt: string;
  paidAt: string;
  shippedAt: string;
  carrier: string;
  trackingNo: string;
  completesAt: string;
  openRequestId: string;
}

/** One row of list-after-sale. */
export interface AfterSaleRow {
  requestId: string;
  orderId: string;
  userId: string;
  status: string;
  kind: string;
  items: string;
  amount: Money;
  reason: string;
  note?: string;
  carrier?: string;
  trackingNo?: string;
  createdAt: string;
  updatedAt: string;
}

/** One row of list-withdrawals. */
export interface WithdrawalRow {
  withdrawalId: string;
  userId: string;
  amount: Money;
  status: string;
  createdAt: string;
  decidedAt: string;
  detail: string;
}

/** daily-report: one business day (China time). */
export interface DailyReport {
  date: string;
  orders: number;
  sales: Money;
  contributions: Money;
  pointsIssued: Points;
  pointsBurned: Points;
  payouts: Money;
  feesKept: Money;
  commissions: Money;
  dividends: Money;
  dividendsSettled: boolean;
  priceOpen: string;
  priceClose: string;
  poolEvents: number;
  truncated?: boolean;
}

/** find-user: one user, their wallet (field → amount) and latest orders. */
export interface FoundUser {
  user: { userId: string; openId: string; role: string; referrer: string; nickname: string; createdAt: string };
  wallet: Record<string, string>;
  orders: Array<{ orderId: string; status: string; amount: Money; createdAt: string }>;
}

/** find-user by nickname: the users whose nickname starts with the text. */
export interface UserMatch {
  userId: string;
  nickname: string;
  createdAt: string;
}

/** user-ledger: one page of a user's ledger, newest first. */
export interface UserLedgerRow {
  at: string;
  kind: string;
  field: string;
  delta: string;
  why: string;
  eventId: string;
  orderId: string;
}

/** user-referrals: a user's team, two levels down. */
export interface ReferralRow {
  userId: string;
  nickname: string;
  joinedAt: string;
  level: 1 | 2;
  /** level 2: the direct referral they came through */
  via: string;
}
export interface UserReferrals {
  userId: string;
  rows: ReferralRow[];
  counts: { level1: number; level2: number };
  /** a level held more than the answer lists */
  truncated: boolean;
}

/** liabilities: what the programme owes, from the pool item and the sum of every wallet. */
export interface Liabilities {
  asOf: string;
  price: Exact;
  priceDisplay: string;
  fund: Money;
  circulating: Points;
  treasury: Points;
  /** circulating × price, to the fen below */
  circulatingValue: Money;
  /** Σ cash + Σ cashPending: cash shoppers may withdraw, pending withdrawals included */
  cashOwed: Money;
  /** Σ cashPending: withdrawals asked for and not yet paid or given back */
  pendingWithdrawals: Money;
  /** Σ constant + Σ constantReserved (恒定积分) */
  constantOutstanding: Money;
  /** Σ storeCredit (消费币) */
  storeCredit: Money;
  /** points in wallets (equity, locked, held, reserved) */
  walletPoints: Points;
  wallets: number;
}

/** get-config: the current parameters and their versions, newest first. */
export interface ConfigVersionRow {
  version: number;
  at: string;
  changed: string;
  params: Record<string, unknown>;
}
export interface ConfigView {
  version: number;
  params: Record<string, unknown>;
  defaults: Record<string, unknown>;
  history: ConfigVersionRow[];
  cursor?: string;
}

/** list-products: every product, inactive ones included. */
export interface ProductRow {
  productId: string;
  name: string;
  price: Money;
  poolContribution: Money;
  dividendContribution: Money;
  stock: number;
  image?: string;
  pictures: string[];
  category?: string;
  description?: string;
  active?: boolean;
  noReasonReturn?: boolean;
}

/** get-order: an order, its timeline and its after-sale requests with their history. */
export interface TimelineStep {
  at: string;
  what: string;
  by?: string;
  note?: string;
}
export interface StaffAfterSale {
  requestId: string;
  kind: AfterSaleKind;
  status: AfterSaleStatus;
  reason: string;
  amount: Money;
  items: Array<{ productId: string; qty: number }>;
  createdAt: string;
  note?: string;
  carrier?: string;
  trackingNo?: string;
  history: Array<{ at: string; status: AfterSaleStatus; by: string; note?: string }>;
}
export interface OrderDetail {
  order: OrderRow & {
    status: OrderStatus;
    pointsGranted: Points;
    refundedAmount: Money;
    receivedAt: string;
    completedAt: string;
  };
  timeline: TimelineStep[];
  afterSale: StaffAfterSale[];
}

/** import-legacy-members {dryRun: true}: what the file would import; nothing is written. */
export interface ImportRowError {
  line: number;
  message: string;
}
export interface LegacyDryRun {
  importId: string;
  status: 'dry_run' | 'rejected' | 'done';
  rows: number;
  errors: ImportRowError[];
  storeCredit: Money;
  pointsLocked: Points;
  /** ceil2(points × the current price): what the grants would pay into the fund at today's price */
  grantFundingNow: Money;
  newUsers: number;
  existingUsers: number;
}

/** One parcel of ship-order (a row of the console's shipping CSV). */
export interface StaffShipment {
  orderId: string;
  carrier: string;
  trackingNo: string;
}

/** upload-url: a presigned PUT for one product picture. */
export interface UploadTicket {
  key: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresIn: number;
  url: string;
}

/** One entry of audit-log as the query answers it. */
export interface AuditLogEntry {
  at: string;
  actor: string;
  fn: string;
  ok: boolean;
  /** ok, awaiting_approval, denied (401/403) or error. */
  outcome?: string;
  roles?: string | string[];
  approvalId?: string;
  requester?: string;
  approver?: string;
  input?: unknown;
  result?: unknown;
  error?: { code: string; message: string } | string;
}

/** One request for a second signature (list-requests). */
export interface ApprovalRequestView {
  approvalId: string;
  fn: string;
  input?: unknown;
  /** pending, approved, executed, failed, rejected */
  status: string;
  requester: string;
  requesterRoles?: string[];
  createdAt: string;
  expiresOn: string;
  /** A pending request past its 24 hours (it can no longer be approved). */
  expired?: boolean;
  approver?: string;
  decidedAt?: string;
  note?: string;
  outcome?: unknown;
}

/** One staff account (list-staff): never a hash or a secret. */
export interface StaffAccountView {
  username: string;
  roles: string[];
  disabled?: boolean;
  createdAt?: string;
  totp?: boolean;
}

/** reconcile. */
export interface ReconcileAnswer {
  clean: boolean;
  problems: string[];
  totals?: Record<string, unknown>;
}

/** set-config once it runs (a first call answers awaiting_approval). */
export interface ConfigAnswer {
  version: number;
  previousVersion: number;
  changed: string[];
  warnings: string[];
  params: Record<string, unknown>;
}
