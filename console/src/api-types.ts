// The shapes of the staff functions' answers (docs/staff.md) and the public pool (docs/api.md).
// Every amount is a decimal string.

export interface OrderRow {
  orderId: string;
  userId: string;
  status: string;
  amount: string;
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

export interface AfterSaleRow {
  requestId: string;
  orderId: string;
  userId: string;
  status: string;
  kind: string;
  items: string;
  amount: string;
  reason: string;
  note?: string;
  carrier?: string;
  trackingNo?: string;
  createdAt: string;
  updatedAt: string;
}

export interface WithdrawalRow {
  withdrawalId: string;
  userId: string;
  amount: string;
  status: string;
  createdAt: string;
  decidedAt: string;
  detail: string;
}

export interface Shipment {
  orderId: string;
  carrier: string;
  trackingNo: string;
}

export interface DailyReport {
  date: string;
  orders: number;
  sales: string;
  contributions: string;
  pointsIssued: string;
  pointsBurned: string;
  payouts: string;
  feesKept: string;
  commissions: string;
  dividends: string;
  dividendsSettled: boolean;
  priceOpen: string;
  priceClose: string;
  poolEvents: number;
  truncated?: boolean;
}

export interface FoundUser {
  user: { userId: string; openId: string; role: string; referrer: string; createdAt: string };
  wallet: Record<string, string>;
  orders: Array<{ orderId: string; status: string; amount: string; createdAt: string }>;
}

export interface Pool {
  price: string;
  priceDisplay: string;
  fund: string;
  circulating: string;
  treasury: string;
  issued: string;
  burned: string;
  supplyCap: string;
  seq: number;
  sellFeeRate: string;
  rewardRatio: string;
  issuePrice: string;
}

export interface PricePoint {
  seq: number;
  at: string;
  kind: string;
  price: string;
}

export interface Product {
  productId: string;
  name: string;
  price: string;
  poolContribution: string;
  dividendContribution: string;
  stock: number;
  image?: string;
  pictures: string[];
  category?: string;
  description?: string;
  active?: boolean;
  noReasonReturn?: boolean;
}

export interface UploadTicket {
  key: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresIn: number;
  url: string;
}

export interface AuditEntry {
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

export interface ApprovalRequest {
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

export interface StaffAccount {
  username: string;
  roles: string[];
  disabled?: boolean;
  createdAt?: string;
  totp?: boolean;
}

export interface ReconcileResult {
  clean: boolean;
  problems: string[];
  totals?: Record<string, unknown>;
}

export interface ConfigResult {
  version: number;
  previousVersion: number;
  changed: string[];
  warnings: string[];
  params: Record<string, unknown>;
}

export interface ImportRow {
  line: number;
  message: string;
}
