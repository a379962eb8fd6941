// The adapter contract other modules code against. Production talks to WeChat; the sandbox
// (STAGE=local) answers locally with the same shapes.
import type { ErrorKind } from '../../error-kind';

export interface CodeSession {
  openId: string;
  unionId?: string;
}

export interface WeChatLogin {
  code2Session(code: string): Promise<CodeSession>;
}

export interface PrepayOrder {
  orderId: string;
  /** Money in yuan as a decimal string, at most 2 decimals ("97.77"). */
  amount: string;
  description: string;
  openId: string;
}

export interface PaidNotice {
  orderId: string;
  transactionId: string;
  /** yuan decimal string with 2 decimals, e.g. "97.77" */
  amount: string;
  /** ISO-8601 time as WeChat reports success_time */
  paidAt: string;
}

export interface RefundRequest {
  /** out_trade_no of the paid order */
  orderId: string;
  /** out_refund_no: WeChat refunds one out_refund_no once, so a retry with it never refunds twice */
  refundId: string;
  /** yuan decimal strings: this refund, and what the order was paid */
  amount: string;
  total: string;
  /** shown to the payer; at most 80 characters */
  reason?: string;
}

export interface RefundResult {
  refundId: string;
  /** WeChat's refund_id */
  wechatRefundId: string;
  /** SUCCESS: the money is back; PROCESSING: accepted, WeChat is returning it */
  status: 'SUCCESS' | 'PROCESSING';
  /** yuan decimal string */
  amount: string;
  successTime?: string;
}

export interface WeChatPay {
  createJsapiPrepay(o: PrepayOrder): Promise<{ prepayId: string; payParams: Record<string, string> }>;
  parseNotify(headers: Record<string, string | undefined>, rawBody: string): Promise<PaidNotice>;
  /** Refunds (part of) a paid order. Refusals (ABNORMAL, CLOSED, a 4xx) throw refund_refused. */
  refund(r: RefundRequest): Promise<RefundResult>;
  /**
   * Closes an unpaid order so it can no longer be paid. `paid`: WeChat answered ORDERPAID (the
   * payer paid meanwhile); the notify brings the payment. Other refusals throw close_refused.
   */
  closeOrder(orderId: string): Promise<CloseResult>;
}

export interface CloseResult {
  status: 'closed' | 'paid';
}

export interface TransferOrder {
  withdrawalId: string;
  openId: string;
  /** yuan decimal string */
  amount: string;
}

/** A transfer bill's states at WeChat, in the order a bill goes through them (docs/wechat.md). */
export const TRANSFER_STATES = [
  'ACCEPTED',
  'PROCESSING',
  'WAIT_USER_CONFIRM',
  'TRANSFERING',
  'SUCCESS',
  'FAIL',
  'CANCELING',
  'CANCELLED',
] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

/** One transfer bill as WeChat reports it (create answer, query, cancel, notify). */
export interface TransferBill {
  /** out_bill_no */
  withdrawalId: string;
  state: TransferState;
  transferBillNo?: string;
  /** WAIT_USER_CONFIRM only: what wx.requestMerchantTransfer({mchId, appId, package}) takes */
  confirm?: { mchId: string; appId: string; packageInfo: string };
  failReason?: string;
  createdAt?: string;
  updatedAt?: string;
  /** yuan, when WeChat names it (query, notify) */
  amount?: string;
}

export interface TransferResult {
  /** accepted: a bill exists that is not failed or cancelled (it is NOT paid before state SUCCESS) */
  status: 'accepted' | 'rejected';
  detail?: string;
  /** absent when WeChat refused before making a bill (NOT_ENOUGH, PARAM_ERROR, …) */
  bill?: TransferBill;
}

export interface WeChatTransfer {
  transfer(o: TransferOrder): Promise<TransferResult>;
  /** The bill under out_bill_no = withdrawalId; undefined when WeChat has none (NOT_FOUND). */
  query(withdrawalId: string): Promise<TransferBill | undefined>;
  /** Cancels an unconfirmed bill (CANCELING or CANCELLED); one past that point throws cancel_refused. */
  cancel(withdrawalId: string): Promise<TransferBill>;
  /** Verifies (signature, serial, time) and opens a transfer-bill notify (MCHTRANSFER.BILL.FINISHED). */
  parseNotify(headers: Record<string, string | undefined>, rawBody: string): Promise<TransferBill>;
}

/** A subscription message (订阅消息): one template, its fields, the page the card opens. */
export interface SubscribeMessage {
  openId: string;
  templateId: string;
  /** mini-program page the card opens, e.g. "pages/order/index?id=o123" */
  page?: string;
  /** template fields, e.g. { thing1: "五常大米", character_string2: "SF123" } */
  data: Record<string, string>;
}

export interface WeChatSubscribe {
  /** Sends one message; refused (no consent left, 43101) throws subscribe_refused. */
  send(m: SubscribeMessage): Promise<void>;
}

export type AdapterErrorCode =
  | 'invalid_code' // login code unknown, used or expired (40029, 40163)
  | 'rate_limited' // 45011
  | 'upstream_unavailable' // -1 busy, network failure, 5xx
  | 'upstream_error' // any other WeChat error answer
  | 'config_missing' // a required env var is not set
  | 'invalid_amount' // not a positive yuan amount with at most 2 decimals
  | 'bad_signature' // notify signature does not verify
  | 'serial_mismatch' // notify signed by a platform certificate we do not hold
  | 'stale_timestamp' // notify older (or further in the future) than 5 minutes
  | 'decrypt_failed' // resource does not decrypt / authenticate with the APIv3 key
  | 'trade_not_success' // trade_state is not SUCCESS
  | 'refund_refused' // WeChat refused the refund (4xx, or status ABNORMAL / CLOSED): no money moved
  | 'close_refused' // WeChat refused to close the order (a 4xx other than ORDERPAID / 429)
  | 'cancel_refused' // WeChat refused to cancel a transfer bill (already confirmed, paid or failed)
  | 'invalid_notify' // body or headers are not what WeChat sends
  | 'invalid_request' // an id WeChat would refuse (e.g. out_bill_no not [A-Za-z0-9]{1,32})
  | 'subscribe_refused'; // 43101: the user gave no (or no more) consent for this template

/** Raised by every adapter; `kind` says what it means for the caller (functions/src/errors.ts). */
export class AdapterError extends Error {
  readonly code: AdapterErrorCode;
  readonly kind: ErrorKind;
  constructor(code: AdapterErrorCode, message: string) {
    super(message);
    this.name = 'AdapterError';
    this.code = code;
    this.kind = kindOf(code);
  }
}

function kindOf(code: AdapterErrorCode): ErrorKind {
  switch (code) {
    case 'invalid_code':
    case 'invalid_amount':
    case 'bad_signature':
    case 'serial_mismatch':
    case 'stale_timestamp':
    case 'decrypt_failed':
    case 'trade_not_success':
    case 'invalid_notify':
    case 'invalid_request':
      return 'invalid';
    case 'rate_limited':
      return 'busy';
    case 'refund_refused':
    case 'close_refused':
    case 'cancel_refused':
    case 'subscribe_refused':
    case 'upstream_unavailable':
    case 'upstream_error':
      return 'upstream';
    case 'config_missing':
      return 'internal';
  }
}

/** The subset of fetch the adapters use; injected so tests replay recorded answers. */
export type FetchLike = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** binary answers (a mini-program code image) */
  arrayBuffer?(): Promise<ArrayBuffer>;
}>;

/** Cuts a text to what a template's `thing` field takes (20 characters), for names of goods. */
export const thing = (s: string) => ([...s].length > 20 ? [...s].slice(0, 19).join('') + '…' : s || '-');

export interface ShippingUpload {
  orderId: string;
  payerOpenId: string;
  carrier: string;
  trackingNo: string;
  /** the goods, at most 120 characters */
  itemDesc: string;
  /** the receiver's phone; sent masked, only where the carrier needs it */
  receiverPhone?: string;
  /** ISO time of shipping */
  shippedAt: string;
}

export interface WeChatShipping {
  upload(u: ShippingUpload): Promise<void>;
}

/** The buyer's receipt of a WeChat-paid order, as the trade-management push reports it. */
/** The buyer's receipt of a WeChat-paid order, as the trade-management settlement push reports it. */
export interface ReceiptEvent {
  orderId: string;
  transactionId?: string;
  /** confirm_receive_method: 1 automatic, 2 by the buyer (as documented; reported reversed in practice: log only) */
  method?: number;
  /** confirm_receive_time (ISO) */
  receivedAt?: string;
}

export interface CodeRequest {
  scene: string;
  /** the page the code opens, without a leading slash: "pages/index/index" */
  page: string;
  /** "release" | "trial" | "develop": the version the code opens (release in production) */
  envVersion?: 'release' | 'trial' | 'develop';
  width?: number;
}

export interface CodeImage {
  contentType: string;
  /** the image bytes, base64 */
  base64: string;
}

export interface WeChatCode {
  unlimited(r: CodeRequest): Promise<CodeImage>;
}
