// The answers of the shopper API (docs/api.md) as both sides see them: the server's views are
// typed by these (functions/src/domain/*View), the client reads them (client/src/api).
// Amounts are decimal strings, never numbers.
import type { Exact, Money, Points } from '../types';

export type PayWith = 'wechat' | 'constant' | 'storeCredit' | 'equity';

export interface LoginAnswer {
  token: string;
  userId: string;
}

/** GET /products: one active product. */
export interface ProductView {
  productId: string;
  name: string;
  price: Money;
  poolContribution: Money;
  dividendContribution: Money;
  stock: number | string;
  /** The cover (older clients). */
  image?: string;
  description?: string;
  /** Picture addresses, cover first (relative ones resolve against the API). */
  pictures?: string[];
  category?: string;
}

export interface CategoryView {
  name: string;
  count: number;
}

/** An entry of the shopper's address book (GB/T 2260 `regionCode` with its names in `region`). */
export interface BookAddress {
  addressId: string;
  name: string;
  phone: string;
  regionCode: string;
  region: string;
  detail: string;
  isDefault: boolean;
}

export interface AddressBook {
  addresses: BookAddress[];
  defaultId: string | null;
}

/**
 * The address an order keeps: a copy of the book's entry as it was when ordered, or the older
 * free-text `{region, detail}`. Not a book entry: it is never edited.
 */
export interface OrderAddress {
  region: string;
  detail: string;
  name?: string;
  phone?: string;
  regionCode?: string;
  addressId?: string;
}

export interface ProfileView {
  userId: string;
  nickname: string;
  avatar: string;
}

export type OrderStatus =
  | 'created'
  | 'paid'
  | 'shipped'
  | 'received'
  | 'after_sale'
  | 'completing'
  | 'completed'
  | 'refund_requested'
  | 'refunded'
  | 'returned'
  | 'cancelled';

export interface OrderLineView {
  productId: string;
  qty: number;
  name?: string;
  price?: Money;
  /** false: fresh food, customised goods: no return without a reason */
  noReasonReturn?: boolean;
  /** units returned or refunded through after-sale */
  returnedQty?: number;
}

/** GET /orders/{id} and the items of GET /orders. */
export interface OrderView {
  orderId: string;
  status: OrderStatus;
  amount: Money;
  payWith?: PayWith;
  pointsCost?: Points;
  items?: OrderLineView[];
  address?: OrderAddress;
  createdAt?: string;
  /** An unpaid WeChat order is cancelled after this (ISO). */
  payExpiresAt?: string;
  /** unpaid past `payExpiresAt`: cancelled, stock back */
  cancelledAt?: string;
  paidAt?: string;
  shippedAt?: string;
  carrier?: string;
  trackingNo?: string;
  receivedAt?: string;
  /** the end of the after-sale window: the points come then */
  completesAt?: string;
  /** points the kept items would earn at today's price (in the window) */
  pointsEstimate?: Points;
  openRequestId?: string;
  afterSale?: string[];
  refundedAmount?: Money;
  completedAt?: string;
  refundRequestedAt?: string;
  refundedAt?: string;
  pointsGranted?: Points;
  priceAfter?: Exact;
}

/** POST /orders (201), /pay, /confirm, /refund: the order's new state and what came with it. */
export interface OrderAnswer {
  orderId: string;
  status: OrderStatus;
  amount?: Money;
  pointsCost?: Points;
  /** WeChat orders: the JSAPI parameters for wx.requestPayment (create answer only). */
  payParams?: Record<string, string>;
  payExpiresAt?: string;
  receivedAt?: string;
  completesAt?: string;
  pointsEstimate?: Points;
  pointsGranted?: Points;
  priceAfter?: Exact;
  refundId?: string;
}

export interface OrdersPage {
  orders: OrderView[];
  cursor?: string;
}

export type AfterSaleKind = 'return' | 'refund_only';
export type AfterSaleStatus = 'requested' | 'refused' | 'approved' | 'returning' | 'refunding' | 'refunded';

export interface Shipment {
  carrier?: string;
  trackingNo?: string;
}

/** GET /after-sale/{id}: the request with the goods' way out and back. */
export interface AfterSaleView {
  requestId: string;
  orderId: string;
  kind: AfterSaleKind;
  items: Array<{ productId: string; qty: number }>;
  reason: string;
  amount: Money;
  status: AfterSaleStatus;
  note?: string;
  history: Array<{ at: string; status: AfterSaleStatus; by?: string; note?: string }>;
  shipment?: Shipment;
  returnShipment?: Shipment;
  refund?: { refundId?: string; points?: Points; refundedAt?: string };
  createdAt: string;
}

/** GET /after-sale: the caller's requests, newest first (each as GET /after-sale/{id}, without the parcels). */
export interface AfterSalesPage {
  items: AfterSaleView[];
  cursor?: string;
}

export interface AfterSaleAnswer {
  requestId: string;
  status: AfterSaleStatus;
  orderId?: string;
  kind?: AfterSaleKind;
  amount?: Money;
  carrier?: string;
  trackingNo?: string;
}

/** GET /wallet. */
export interface WalletView {
  equity: Points;
  equityLocked: Points;
  equityHeld: Points;
  equityReserved?: Points;
  constantReserved?: Money;
  equityValue: Money;
  constant: Money;
  storeCredit: Money;
  cash: Money;
  cashPending: Money;
  withdrawn: Money;
  quota: Money;
  dividendsPaid: Money;
  level: string;
  price: Exact;
  priceDisplay: string;
  /** The points estimate of the caller's orders not yet completed, all of them (server-side). */
  pendingPoints?: Points;
}

export interface SellAnswer {
  points: Points;
  gross: Exact;
  fee: Money;
  payout: Money;
  priceBefore: Exact;
  priceAfter: Exact;
}

export interface ConvertAnswer {
  points: Points;
  constant: Money;
  price: Exact;
}

export interface ConvertBackAnswer {
  amount: Money;
  points: Points;
  price: Exact;
}

export type WithdrawalStatus =
  'requested' | 'paying' | 'awaiting_confirmation' | 'approved' | 'rejected' | 'failed' | 'cancelled';

/** POST /withdrawals (201). */
export interface WithdrawalAnswer {
  withdrawalId: string;
  status: WithdrawalStatus;
  amount: Money;
}

/** What wx.requestMerchantTransfer needs to let the shopper confirm a transfer. */
export interface TransferConfirm {
  mchId: string;
  appId: string;
  packageInfo: string;
}

/** One row of GET /withdrawals. */
export interface WithdrawalView {
  withdrawalId: string;
  amount: Money;
  status: WithdrawalStatus;
  createdAt: string;
  decidedAt?: string;
  /** present while `awaiting_confirmation` */
  confirm?: TransferConfirm;
  /** an unconfirmed bill is cancelled after this (ISO), the cash back in the wallet */
  confirmBy?: string;
  failReason?: string;
}

export interface WithdrawalsPage {
  items: WithdrawalView[];
  cursor?: string;
}

/** One line of GET /ledger. */
export interface LedgerLine {
  at: string;
  kind: string;
  field: string;
  delta: string;
  why: string;
  eventId: string;
  orderId?: string;
}

export interface LedgerAnswer {
  entries: LedgerLine[];
  cursor?: string;
}

export interface TeamMemberView {
  userId: string;
  name?: string;
  joinedAt?: string;
  /** second level: the direct referral they came through (masked) */
  via?: string;
}

/** GET /team. */
export interface TeamView {
  referrer: { userId: string } | null;
  direct: TeamMemberView[];
  second: TeamMemberView[];
  counts: { direct: number; second: number };
  /** Cash earned from referrals, all kinds. */
  commissions: Money;
  commissionsByKind: { l1: Money; l2: Money; agent: Money };
  referralPoints: { l1: Points; l2: Points };
  /** The summary read only the newest entries of a very long ledger. */
  partial?: boolean;
}

/** GET /me/invite: the shopper's mini-program code. */
export interface InviteAnswer {
  /** `r=<userId>` */
  scene: string;
  path: string;
  /** `data:image/png;base64,…` */
  image: string;
}

/** GET /me/export: the person's data as one document (PIPL). */
export interface ExportAnswer {
  profile: unknown;
  addresses: unknown;
  orders: unknown;
  ledger: unknown;
  referrals: unknown;
  withdrawals: unknown;
  exportedAt: string;
}

/** POST /me/delete; refused with 409 `account_has_*` while anything is owed either way. */
export interface DeleteAnswer {
  deleted: true;
}

/** GET /pool. */
export interface PoolView {
  price: Exact;
  priceDisplay: string;
  fund: Money;
  circulating: Points;
  treasury: Points;
  issued: Points;
  burned: Points;
  supplyCap: Points;
  seq: number;
  /** The live rules the previews need. */
  sellFeeRate: Exact;
  rewardRatio: Exact;
  issuePrice: Money;
}

/** One row of GET /leaderboard: names come masked from the server. */
export interface LeaderRow {
  rank: number;
  name: string;
  /** equity + equityLocked */
  equity: Points;
  level: string;
  /** The caller's own row. */
  me?: boolean;
}

/** One point of GET /pool/history. */
export interface PricePoint {
  seq: number;
  at: string;
  kind: string;
  price: Exact;
}
