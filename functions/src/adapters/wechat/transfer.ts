// 商家转账 (current API, 2025+): POST /v3/fund-app/mch-transfer/transfer-bills, one bill per
// withdrawal, out_bill_no = withdrawalId so a retry after a timeout is idempotent at WeChat.
// The bill's life (docs/wechat.md "Transfer"): ACCEPTED -> PROCESSING -> WAIT_USER_CONFIRM (the
// shopper confirms with wx.requestMerchantTransfer and package_info) -> TRANSFERING -> SUCCESS,
// or FAIL, or CANCELING -> CANCELLED (cancelled by us, or unconfirmed past WeChat's 24 hours).
import { z } from 'zod';
import { fenToYuan, yuanToFen } from './amount';
import { checkWithdrawalId } from './ids';
import type { TransferConfig } from './config';
import {
  AdapterError,
  TRANSFER_STATES,
  type FetchLike,
  type TransferBill,
  type TransferResult,
  type TransferState,
  type WeChatTransfer,
} from './types';
import {
  callV3,
  decryptResource,
  errorCode,
  loadKeys,
  lowerHeaders,
  verifyWechatSigned,
  type MerchantKeys,
} from './v3';
import { NotifyEnvelope } from './notify-envelope';

export const TRANSFER_PATH = '/v3/fund-app/mch-transfer/transfer-bills';
/** Query one bill by our number: GET, signed over the path. */
export const transferQueryPath = (withdrawalId: string) => `${TRANSFER_PATH}/out-bill-no/${withdrawalId}`;
/** Cancel a bill the shopper has not confirmed: POST with an empty body. */
export const transferCancelPath = (withdrawalId: string) => `${TRANSFER_PATH}/out-bill-no/${withdrawalId}/cancel`;

// Error codes where retrying the same out_bill_no later is right: not a refusal.
const RETRY_CODES = new Set(['SYSTEM_ERROR', 'FREQUENCY_LIMITED']);
const REJECTED_STATES = new Set<TransferState>(['FAIL', 'CANCELING', 'CANCELLED']);

const State = z.enum(TRANSFER_STATES);

/** The fields every bill answer (create, query, cancel) and the notify resource share. */
const Bill = z.object({
  out_bill_no: z.string().min(1),
  transfer_bill_no: z.string().optional(),
  create_time: z.string().optional(),
  update_time: z.string().optional(),
  state: State,
  fail_reason: z.string().optional(),
  package_info: z.string().optional(),
  mch_id: z.string().optional(),
  appid: z.string().optional(),
  transfer_amount: z.number().int().positive().optional(),
});

export interface TransferOptions {
  fetchImpl?: FetchLike;
  now?: () => number;
}

/** The JSON body for transfer-bills; scene 1000 (现金营销) needs 活动名称 and 奖励说明 reports. */
export function transferBody(cfg: TransferConfig, o: { withdrawalId: string; openId: string; amount: string }): string {
  checkWithdrawalId(o.withdrawalId);
  if (o.openId.length === 0) throw new AdapterError('invalid_request', 'openId is required');
  return JSON.stringify({
    appid: cfg.appId,
    out_bill_no: o.withdrawalId,
    transfer_scene_id: cfg.sceneId,
    openid: o.openId,
    transfer_amount: yuanToFen(o.amount),
    transfer_remark: '绿色积分提现',
    ...(cfg.notifyUrl ? { notify_url: cfg.notifyUrl } : {}),
    user_recv_perception: '现金奖励',
    transfer_scene_report_infos: [
      { info_type: '活动名称', info_content: '绿色积分' },
      { info_type: '奖励说明', info_content: '积分卖出所得' },
    ],
  });
}

/** A bill as the domain sees it; `confirm` only while the shopper can still confirm it. */
export function toBill(cfg: { mchId: string; appId: string }, a: z.infer<typeof Bill>): TransferBill {
  return {
    withdrawalId: a.out_bill_no,
    state: a.state,
    ...(a.transfer_bill_no ? { transferBillNo: a.transfer_bill_no } : {}),
    ...(a.package_info && a.state === 'WAIT_USER_CONFIRM'
      ? { confirm: { mchId: cfg.mchId, appId: cfg.appId, packageInfo: a.package_info } }
      : {}),
    ...(a.fail_reason ? { failReason: a.fail_reason } : {}),
    ...(a.create_time ? { createdAt: a.create_time } : {}),
    ...(a.update_time ? { updatedAt: a.update_time } : {}),
    ...(a.transfer_amount !== undefined ? { amount: fenToYuan(a.transfer_amount) } : {}),
  };
}

function parseBill(body: string, what: string): z.infer<typeof Bill> {
  try {
    return Bill.parse(JSON.parse(body));
  } catch {
    throw new AdapterError('upstream_error', `${what} answer has an unexpected shape`);
  }
}

/** A non-2xx answer that is not a refusal: ask again later with the same number. */
function retryable(what: string, status: number, e: { code: string; message: string }): AdapterError | undefined {
  if (status !== 429 && !RETRY_CODES.has(e.code)) return undefined;
  return new AdapterError(
    e.code === 'FREQUENCY_LIMITED' || status === 429 ? 'rate_limited' : 'upstream_unavailable',
    `${what} HTTP ${status} ${e.code}: ${e.message}`,
  );
}

export function createTransfer(cfg: TransferConfig, opts: TransferOptions = {}): WeChatTransfer {
  const fetchImpl = opts.fetchImpl ?? (fetch as FetchLike);
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  let keys: MerchantKeys | undefined;
  const call = (method: 'GET' | 'POST', path: string, body: string) =>
    callV3(fetchImpl, cfg, (keys ??= loadKeys(cfg)), method, path, body, now);

  return {
    async transfer(o): Promise<TransferResult> {
      const ans = await call('POST', TRANSFER_PATH, transferBody(cfg, o));
      if (ans.status !== 200) {
        const e = errorCode(ans.body);
        const again = retryable('transfer', ans.status, e);
        if (again) throw again;
        // A business refusal (NOT_ENOUGH, PARAM_ERROR, NO_AUTH, ...): no bill, the money did not move.
        return { status: 'rejected', detail: JSON.stringify({ code: e.code, message: e.message }) };
      }
      const a = parseBill(ans.body, 'transfer');
      if (a.out_bill_no !== o.withdrawalId)
        throw new AdapterError('upstream_error', `transfer answer is for ${a.out_bill_no}`);
      const bill = toBill(cfg, a);
      const detail = JSON.stringify({
        state: a.state,
        ...(a.transfer_bill_no ? { transferBillNo: a.transfer_bill_no } : {}),
        ...(a.package_info ? { packageInfo: a.package_info } : {}),
        ...(a.fail_reason ? { failReason: a.fail_reason } : {}),
      });
      return { status: REJECTED_STATES.has(a.state) ? 'rejected' : 'accepted', detail, bill };
    },

    async query(withdrawalId) {
      checkWithdrawalId(withdrawalId); // also keeps the id safe inside the URL path
      const ans = await call('GET', transferQueryPath(withdrawalId), '');
      if (ans.status === 200) return toBill(cfg, checkedBill(parseBill(ans.body, 'transfer query'), withdrawalId));
      const e = errorCode(ans.body);
      if (ans.status === 404 || e.code === 'NOT_FOUND') return undefined; // no bill under this number
      throw (
        retryable('transfer query', ans.status, e) ??
        new AdapterError('upstream_error', `transfer query HTTP ${ans.status} ${e.code}: ${e.message}`)
      );
    },

    async cancel(withdrawalId) {
      checkWithdrawalId(withdrawalId);
      const ans = await call('POST', transferCancelPath(withdrawalId), '');
      if (ans.status === 200) return toBill(cfg, checkedBill(parseBill(ans.body, 'transfer cancel'), withdrawalId));
      const e = errorCode(ans.body);
      // A bill past the point of cancelling (confirmed, paid, failed): the query says what it is.
      throw (
        retryable('transfer cancel', ans.status, e) ??
        new AdapterError('cancel_refused', `transfer cancel HTTP ${ans.status} ${e.code}: ${e.message}`)
      );
    },

    async parseNotify(headers, rawBody) {
      verifyWechatSigned(lowerHeaders(headers), rawBody, (keys ??= loadKeys(cfg)).platform, now());
      if (!cfg.apiV3Key) throw new AdapterError('config_missing', 'env WECHAT_API_V3_KEY is not set (transfer notify)');
      const env = NotifyEnvelope.safeParse(safeJson(rawBody));
      if (!env.success)
        throw new AdapterError('invalid_notify', 'notify body is not a v3 encrypt-resource notification');
      const plain = decryptResource(cfg.apiV3Key, env.data.resource);
      const b = Bill.safeParse(safeJson(plain));
      if (!b.success) throw new AdapterError('invalid_notify', 'decrypted notify resource is not a transfer bill');
      if (b.data.mch_id !== undefined && b.data.mch_id !== cfg.mchId)
        throw new AdapterError('invalid_notify', 'notify is for another merchant');
      return toBill(cfg, b.data);
    },
  };
}

function checkedBill(a: z.infer<typeof Bill>, withdrawalId: string): z.infer<typeof Bill> {
  if (a.out_bill_no !== withdrawalId)
    throw new AdapterError('upstream_error', `answer is for bill ${a.out_bill_no}, not ${withdrawalId}`);
  return a;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
