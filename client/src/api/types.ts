// The shopper API of docs/api.md as types. Amounts are decimal strings, never numbers.
import type { Money, Points, Exact } from '@greenpoints/shared';

export type PayWith = 'wechat' | 'constant' | 'storeCredit' | 'equity';

export interface LoginAnswer {
  token: string;
  userId: string;
}

export interface Product {
  productId: string;
  name: string;
  price: Money;
  poolContribution: Money;
  dividendContribution: Money;
  stock: number | string;
  image?: string;
  description?: string;
  /** Picture addresses, cover first (relative ones resolve against the API: assetUrl). */
  pictures?: string[];
  category?: string;
}

export interface Category {
  name: string;
  count: number;
}

/** An entry of the address book; region is GB/T 2260 (regionCode) with its names. */
export interface BookAddress {
  addressId: string;
  name: string;
  phone: string;
  regionCode: string;
  region: string;
  detail: string;
  isDefault: boolean;
}

export interface AddressForm {
  name: string;
  phone: string;
  regionCode: string;
  detail: string;
  isDefault?: boolean;
}

export interface Profile {
  userId: string;
  nickname: string;
  avatar: string;
}

export interface OrderItem {
  productId: string;
  qty: number;
  name?: string;
  price?: Money;
  /** false: fresh food, customised goods: no return without a reason */
  noReasonReturn?: boolean;
  /** units returned or refunded through after-sale */
  returnedQty?: number;
}

/** The address an order keeps: a copy of the book's entry, or the older free-text {region, detail}. */
export interface Address {
  region: string;
  detail: string;
  name?: string;
  phone?: string;
  regionCode?: string;
  addressId?: string;
}

export interface Order {
  orderId: string;
  status: string;
  amount: Money;
  payWith?: PayWith;
  pointsCost?: Points;
  items?: OrderItem[];
  address?: Address;
  createdAt?: string;
  pointsGranted?: Points;
  priceAfter?: Exact;
  /** WeChat orders: the JSAPI parameters for wx.requestPayment (create answer only). */
  payParams?: Record<string, string>;
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
}

export type AfterSaleKind = 'return' | 'refund_only';

export interface AfterSaleRequest {
  requestId: string;
  orderId: string;
  kind: AfterSaleKind;
  items: Array<{ productId: string; qty: number }>;
  reason: string;
  amount: Money;
  status: string;
  note?: string;
  history: Array<{ at: string; status: string; note?: string }>;
  shipment?: { carrier?: string; trackingNo?: string };
  returnShipment?: { carrier?: string; trackingNo?: string };
  refund?: { refundId?: string; points?: Points; refundedAt?: string };
  createdAt: string;
}

export interface Wallet {
  equity: Points;
  equityLocked: Points;
  equityValue: Money;
  constant: Money;
  storeCredit: Money;
  cash: Money;
  quota: Money;
  dividendsPaid: Money;
  level: string;
  cashPending: Money;
  withdrawn: Money;
  equityHeld: Points;
  price: Exact;
  priceDisplay: string;
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

export interface WithdrawalAnswer {
  withdrawalId: string;
  status: string;
  amount: Money;
}

/** One ledger line of GET /ledger. */
export interface LedgerEntry {
  at: string;
  kind: string;
  field: string;
  delta: string;
  why: string;
  eventId: string;
  orderId?: string;
}

export interface LedgerPage {
  items: LedgerEntry[];
  cursor?: string | null;
}

export interface TeamMember {
  userId: string;
  name?: string;
  joinedAt?: string;
  [k: string]: unknown;
}

export interface Team {
  direct: TeamMember[];
  second: TeamMember[];
  /** Cash earned from referrals, all kinds. */
  commissions?: Money;
  /** The same cash by kind: 一级 / 二级 commissions and the regional agent's share. */
  commissionsByKind?: { l1?: Money; l2?: Money; agent?: Money };
  counts?: { direct?: number; second?: number };
  /** The summary read only the newest entries of a very long ledger. */
  partial?: boolean;
  /** Points earned as referral rewards, per level. */
  referralPoints?: { l1?: Points; l2?: Points };
  referrer?: { userId: string } | null;
  [k: string]: unknown;
}

export interface Pool {
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

export interface PricePoint {
  seq: number;
  at: string;
  kind: string;
  price: Exact;
}
