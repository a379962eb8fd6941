// The entities the domain works on, as the domain sees them. Their stored forms (keys, item
// attributes) are the repo's (functions/src/repo/).
import type { Params, Wallet } from '@greenpoints/shared';

// ---------- products ----------
export interface Product {
  productId: string;
  name: string;
  price: string;
  poolContribution: string;
  dividendContribution: string;
  stock: number;
  image: string;
  active: boolean;
  /** 分类 shown as a tab, e.g. 粮油; '' for none. */
  category?: string;
  description?: string;
  /** Keys in the pictures bucket (adapters/pictures.ts), first = cover. */
  pictures?: string[];
  /** 七日无理由退货: false for the law's exemptions (fresh food, customised goods) */
  noReasonReturn: boolean;
}
// ---------- users ----------
export interface User {
  userId: string;
  openId: string;
  role: 'user' | 'staff';
  referrer?: string;
  nickname: string;
  createdAt: string;
  /** the account was deleted (POST /me/delete): only the pseudonymous id is left */
  deletedAt?: string;
}
// ---------- wallets ----------
export interface StoredWallet {
  wallet: Wallet;
  version: number; // 0: no item yet
}
// ---------- params ----------
export interface StoredParams {
  params: Params;
  version: number; // 0: defaults, never set
}
// ---------- orders ----------
export type OrderStatus =
  | 'created'
  | 'paid'
  | 'shipped'
  | 'received' // the after-sale window is open
  | 'after_sale' // an after-sale request is open: the order waits for it
  | 'completing'
  | 'completed'
  | 'refund_requested'
  | 'refunded'
  | 'returned'
  | 'cancelled';
export type PayWith = 'wechat' | 'constant' | 'storeCredit' | 'equity';
export interface OrderLine {
  productId: string;
  name: string;
  qty: number;
  price: string;
  poolContribution: string;
  dividendContribution: string;
  /** false: exempt from returns without a reason (absent on orders older than the rule: true) */
  noReasonReturn?: boolean;
  /** units returned or refunded by after-sale requests */
  returnedQty?: number;
}
export interface Order {
  orderId: string;
  userId: string;
  status: OrderStatus;
  items: OrderLine[];
  amount: string;
  payWith: PayWith;
  pointsCost?: string;
  contribution: string;
  dividendContribution: string;
  /** A copy of the address as it was (domain/shop/addresses.ts OrderAddress), or the older {region, detail}. */
  address: { region: string; detail: string; regionCode?: string; name?: string; phone?: string };
  createdAt: string;
  /** WeChat orders: unpaid after this, cancel-unpaid cancels it (createdAt + payTimeoutMinutes) */
  payExpiresAt?: string;
  /** when cancel-unpaid cancelled it (status cancelled) */
  cancelledAt?: string;
  paidAt?: string;
  shippedAt?: string;
  completedAt?: string;
  refundedAt?: string;
  /** WeChat refunds: out_refund_no, when it was asked, the status it left, WeChat's answer */
  refundId?: string;
  refundRequestedAt?: string;
  refundFrom?: string;
  refundDetail?: string;
  transactionId?: string;
  /**
   * A payment WeChat reported after the order was cancelled unpaid: JSON of LatePayment
   * (domain/orders/late-payment.ts), refunded automatically with out_refund_no R<orderId>.
   */
  latePayment?: string;
  eventId?: string;
  /** the last completion event the applier rejected (the next attempt derives its id from it) */
  rejectedEventId?: string;
  pointsGranted?: string;
  priceAfter?: string;
  carrier?: string;
  trackingNo?: string;
  /** WeChat-paid orders: the upload of the parcel to WeChat (JSON ShippingReport, domain/orders/shipping-report.ts) */
  shippingReport?: string;
  receivedAt?: string;
  /** the end of the after-sale window: receivedAt + afterSaleDays */
  completesAt?: string;
  openRequestId?: string;
  /** JSON array of the order's after-sale request ids, oldest first */
  afterSale?: string;
  /** yuan and held points given back by after-sale requests */
  refundedAmount?: string;
  refundedPoints?: string;
}
// ---------- events ----------
export interface EventRecord {
  eventId: string;
  status: 'pending' | 'applied' | 'rejected';
  userId: string;
  kind: string;
  seq?: number;
  outcome?: unknown;
  error?: { code: string; message: string };
}
