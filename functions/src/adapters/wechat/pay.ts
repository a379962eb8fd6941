// WeChat Pay API v3, JSAPI (mini-program) payments: create the prepay order, sign the
// wx.requestPayment parameters, verify + decrypt the payment notify, and refund.
import { z } from 'zod';
import { fenToYuan, yuanToFen } from './amount';
import { checkOrderId, checkRefundId } from './ids';
import type { PayConfig } from './config';
import {
  AdapterError,
  type CloseResult,
  type FetchLike,
  type PaidNotice,
  type PrepayOrder,
  type RefundRequest,
  type RefundResult,
  type WeChatPay,
} from './types';
import {
  callV3,
  decryptResource,
  errorCode,
  loadKeys,
  lowerHeaders,
  nonce,
  rsaSign,
  verifyWechatSigned,
  type MerchantKeys,
  type V3Answer,
} from './v3';

export const JSAPI_PATH = '/v3/pay/transactions/jsapi';
export const REFUND_PATH = '/v3/refund/domestic/refunds';
/** Close an unpaid order: POST with {"mchid"}, 204 No Content (signed, empty body) when closed. */
export const closePath = (orderId: string) => `/v3/pay/transactions/out-trade-no/${orderId}/close`;

export interface PayOptions {
  fetchImpl?: FetchLike;
  /** seconds since epoch; injected so recorded notifies keep verifying in tests */
  now?: () => number;
}

const PrepayAnswer = z.object({ prepay_id: z.string().min(1) });

const NotifyBody = z.object({
  id: z.string(),
  create_time: z.string().optional(),
  event_type: z.string(),
  resource_type: z.literal('encrypt-resource'),
  resource: z.object({
    algorithm: z.literal('AEAD_AES_256_GCM'),
    ciphertext: z.string().min(1),
    associated_data: z.string().optional(),
    nonce: z.string().min(1),
    original_type: z.string().optional(),
  }),
  summary: z.string().optional(),
});

const Transaction = z.object({
  appid: z.string(),
  mchid: z.string(),
  out_trade_no: z.string().min(1),
  transaction_id: z.string().min(1),
  trade_state: z.string(),
  success_time: z.string().optional(),
  amount: z.object({ total: z.number().int().nonnegative(), currency: z.string().optional() }),
});

const RefundAnswer = z.object({
  refund_id: z.string().min(1),
  out_refund_no: z.string(),
  out_trade_no: z.string().optional(),
  status: z.string(),
  success_time: z.string().optional(),
  amount: z.object({
    refund: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    currency: z.string().optional(),
  }),
});

/** The JSON body POSTed to /v3/refund/domestic/refunds; refused before any call if WeChat would refuse it. */
export function refundBody(r: RefundRequest): string {
  checkOrderId(r.orderId);
  checkRefundId(r.refundId);
  const refund = yuanToFen(r.amount);
  const total = yuanToFen(r.total);
  if (refund > total)
    throw new AdapterError('invalid_amount', `refund ${r.amount} is more than the order's ${r.total}`);
  const reason = r.reason?.trim();
  if (reason !== undefined && reason.length > 80)
    throw new AdapterError('invalid_request', 'reason must be at most 80 characters');
  return JSON.stringify({
    out_trade_no: r.orderId,
    out_refund_no: r.refundId,
    ...(reason ? { reason } : {}),
    amount: { refund, total, currency: 'CNY' },
  });
}

// Refund states: SUCCESS and PROCESSING mean WeChat has the refund; ABNORMAL (the payer's
// account cannot take it) and CLOSED mean no money went back.
const REFUND_ACCEPTED = new Set(['SUCCESS', 'PROCESSING']);
const REFUND_REFUSED = new Set(['ABNORMAL', 'CLOSED']);

/** JSAPI paySign message: `${appId}\n${timeStamp}\n${nonceStr}\n${package}\n`. */
export function jsapiPayMessage(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
}

/** The JSON body POSTed to /v3/pay/transactions/jsapi, in the order the v3 docs list it. */
export function jsapiBody(
  cfg: PayConfig,
  o: { orderId: string; amount: string; description: string; openId: string },
): string {
  checkOrderId(o.orderId);
  const description = o.description.trim();
  if (description.length === 0 || description.length > 127) {
    throw new AdapterError('invalid_request', 'description must be 1-127 characters');
  }
  if (o.openId.length === 0) throw new AdapterError('invalid_request', 'openId is required');
  return JSON.stringify({
    appid: cfg.appId,
    mchid: cfg.mchId,
    description,
    out_trade_no: o.orderId,
    notify_url: cfg.notifyUrl,
    amount: { total: yuanToFen(o.amount), currency: 'CNY' },
    payer: { openid: o.openId },
  });
}

/** What every call to WeChat Pay needs: the merchant, its keys (loaded once, on first use), the clock. */
interface PayClient {
  cfg: PayConfig;
  fetchImpl: FetchLike;
  now: () => number;
  keys: () => MerchantKeys;
}

const post = (c: PayClient, path: string, body: string): Promise<V3Answer> =>
  callV3(c.fetchImpl, c.cfg, c.keys(), 'POST', path, body, c.now);

const limited = (status: number, code: string) => status === 429 || code === 'FREQUENCY_LIMITED';

/** The prepay_id of a 200 answer; a refusal or an answer without one throws. */
function prepayIdOf(ans: V3Answer): string {
  if (ans.status !== 200) {
    const e = errorCode(ans.body);
    throw new AdapterError(
      limited(ans.status, e.code) ? 'rate_limited' : 'upstream_error',
      `jsapi prepay HTTP ${ans.status} ${e.code}: ${e.message}`,
    );
  }
  try {
    return PrepayAnswer.parse(JSON.parse(ans.body)).prepay_id;
  } catch {
    throw new AdapterError('upstream_error', 'jsapi prepay answer lacks prepay_id');
  }
}

async function createJsapiPrepay(c: PayClient, o: PrepayOrder) {
  const body = jsapiBody(c.cfg, o);
  const prepayId = prepayIdOf(await post(c, JSAPI_PATH, body));
  const timeStamp = String(c.now());
  const nonceStr = nonce();
  const pkg = `prepay_id=${prepayId}`;
  const paySign = rsaSign(jsapiPayMessage(c.cfg.appId, timeStamp, nonceStr, pkg), c.keys().privateKey);
  return { prepayId, payParams: { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign } };
}

/** The refund answer of a 200; any other status is a refusal or a request to try again later. */
function refundAnswerOf(ans: V3Answer): z.infer<typeof RefundAnswer> {
  if (ans.status !== 200) {
    const e = errorCode(ans.body);
    // 429: not processed, try again later with the same out_refund_no. Any other 4xx
    // (NOT_ENOUGH, PARAM_ERROR, RESOURCE_NOT_EXISTS, ...) is a refusal: no money moved.
    if (limited(ans.status, e.code))
      throw new AdapterError('rate_limited', `refund HTTP ${ans.status} ${e.code}: ${e.message}`);
    throw new AdapterError('refund_refused', `refund HTTP ${ans.status} ${e.code}: ${e.message}`);
  }
  try {
    return RefundAnswer.parse(JSON.parse(ans.body));
  } catch {
    throw new AdapterError('upstream_error', 'refund answer has an unexpected shape');
  }
}

/** The answer must be this refund, accepted, for this amount. */
function checkRefundAnswer(a: z.infer<typeof RefundAnswer>, r: RefundRequest): void {
  if (a.out_refund_no !== r.refundId)
    throw new AdapterError('upstream_error', `refund answer is for ${a.out_refund_no}, not ${r.refundId}`);
  if (REFUND_REFUSED.has(a.status)) throw new AdapterError('refund_refused', `refund ${r.refundId} is ${a.status}`);
  if (!REFUND_ACCEPTED.has(a.status))
    throw new AdapterError('upstream_error', `refund answered unknown status ${a.status}`);
  if (a.amount.refund !== yuanToFen(r.amount))
    throw new AdapterError('upstream_error', `refund answer is for ${fenToYuan(a.amount.refund)}, not ${r.amount}`);
}

async function refund(c: PayClient, r: RefundRequest): Promise<RefundResult> {
  const a = refundAnswerOf(await post(c, REFUND_PATH, refundBody(r)));
  checkRefundAnswer(a, r);
  return {
    refundId: a.out_refund_no,
    wechatRefundId: a.refund_id,
    status: a.status as RefundResult['status'],
    amount: fenToYuan(a.amount.refund),
    ...(a.success_time ? { successTime: a.success_time } : {}),
  };
}

async function closeOrder(c: PayClient, orderId: string): Promise<CloseResult> {
  checkOrderId(orderId); // also keeps the id safe inside the URL path
  const ans = await post(c, closePath(orderId), JSON.stringify({ mchid: c.cfg.mchId }));
  if (ans.status >= 200 && ans.status < 300) return { status: 'closed' };
  const e = errorCode(ans.body);
  // ORDERPAID: the payer paid before the close arrived; the money is there, the order stays payable-by-notify.
  if (e.code === 'ORDERPAID') return { status: 'paid' };
  if (limited(ans.status, e.code))
    throw new AdapterError('rate_limited', `close HTTP ${ans.status} ${e.code}: ${e.message}`);
  throw new AdapterError('close_refused', `close HTTP ${ans.status} ${e.code}: ${e.message}`);
}

/** The transaction a notify carries, once its signature is verified and its resource decrypted. */
function notifiedTransaction(
  c: PayClient,
  headers: Record<string, string | undefined>,
  rawBody: string,
): z.infer<typeof Transaction> {
  // Verify before parsing anything: the signature covers the exact bytes WeChat sent.
  verifyWechatSigned(lowerHeaders(headers), rawBody, c.keys().platform, c.now());
  let body: z.infer<typeof NotifyBody>;
  try {
    body = NotifyBody.parse(JSON.parse(rawBody));
  } catch {
    throw new AdapterError('invalid_notify', 'notify body is not a v3 encrypt-resource notification');
  }
  const plain = decryptResource(c.cfg.apiV3Key, body.resource);
  try {
    return Transaction.parse(JSON.parse(plain));
  } catch {
    throw new AdapterError('invalid_notify', 'decrypted notify resource is not a transaction');
  }
}

/** A paid notice from a notified transaction: this merchant and app, successful, in CNY. */
function paidNotice(cfg: PayConfig, tx: z.infer<typeof Transaction>): PaidNotice {
  if (tx.mchid !== cfg.mchId || tx.appid !== cfg.appId) {
    throw new AdapterError('invalid_notify', 'notify is for another merchant or app');
  }
  if (tx.trade_state !== 'SUCCESS') {
    throw new AdapterError('trade_not_success', `trade_state is ${tx.trade_state}, not SUCCESS`);
  }
  if (tx.amount.currency !== undefined && tx.amount.currency !== 'CNY') {
    throw new AdapterError('invalid_notify', `currency ${tx.amount.currency} is not CNY`);
  }
  if (!tx.success_time) throw new AdapterError('invalid_notify', 'successful transaction lacks success_time');
  return {
    orderId: tx.out_trade_no,
    transactionId: tx.transaction_id,
    amount: fenToYuan(tx.amount.total),
    paidAt: tx.success_time,
  };
}

export function createPay(cfg: PayConfig, opts: PayOptions = {}): WeChatPay {
  let keys: MerchantKeys | undefined;
  const c: PayClient = {
    cfg,
    fetchImpl: opts.fetchImpl ?? (fetch as FetchLike),
    now: opts.now ?? (() => Math.floor(Date.now() / 1000)),
    keys: () => (keys ??= loadKeys(cfg)),
  };
  return {
    createJsapiPrepay: (o) => createJsapiPrepay(c, o),
    refund: (r) => refund(c, r),
    closeOrder: (orderId) => closeOrder(c, orderId),
    parseNotify: async (headers, rawBody) => paidNotice(cfg, notifiedTransaction(c, headers, rawBody)),
  };
}
