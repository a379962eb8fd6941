// 商家转账 (current API, 2025+): POST /v3/fund-app/mch-transfer/transfer-bills, one bill per
// withdrawal, out_bill_no = withdrawalId so a retry after a timeout is idempotent at WeChat.
import { z } from 'zod';
import { yuanToFen } from './amount';
import { checkWithdrawalId } from './ids';
import type { TransferConfig } from './config';
import { AdapterError, type FetchLike, type TransferResult, type WeChatTransfer } from './types';
import { callV3, errorCode, loadKeys, type MerchantKeys } from './v3';

export const TRANSFER_PATH = '/v3/fund-app/mch-transfer/transfer-bills';

// States after which WeChat holds the money for the user (WAIT_USER_CONFIRM: the user must
// still confirm in the mini-program with wx.requestMerchantTransfer using package_info).
const ACCEPTED_STATES = new Set(['ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM', 'TRANSFERING', 'SUCCESS']);
const REJECTED_STATES = new Set(['FAIL', 'CANCELING', 'CANCELLED']);
// Error codes where retrying the same out_bill_no later is right: not a refusal.
const RETRY_CODES = new Set(['SYSTEM_ERROR', 'FREQUENCY_LIMITED']);

const Answer = z.object({
  out_bill_no: z.string(),
  transfer_bill_no: z.string().optional(),
  create_time: z.string().optional(),
  state: z.string(),
  fail_reason: z.string().optional(),
  package_info: z.string().optional(),
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

export function createTransfer(cfg: TransferConfig, opts: TransferOptions = {}): WeChatTransfer {
  const fetchImpl = opts.fetchImpl ?? (fetch as FetchLike);
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  let keys: MerchantKeys | undefined;

  return {
    async transfer(o): Promise<TransferResult> {
      const body = transferBody(cfg, o);
      const ans = await callV3(fetchImpl, cfg, (keys ??= loadKeys(cfg)), 'POST', TRANSFER_PATH, body, now);
      if (ans.status !== 200) {
        const e = errorCode(ans.body);
        if (ans.status === 429 || RETRY_CODES.has(e.code)) {
          throw new AdapterError(
            e.code === 'FREQUENCY_LIMITED' || ans.status === 429 ? 'rate_limited' : 'upstream_unavailable',
            `transfer HTTP ${ans.status} ${e.code}: ${e.message}`,
          );
        }
        // A business refusal (NOT_ENOUGH, PARAM_ERROR, NO_AUTH, ...): the money did not move.
        return { status: 'rejected', detail: JSON.stringify({ code: e.code, message: e.message }) };
      }
      let a: z.infer<typeof Answer>;
      try {
        a = Answer.parse(JSON.parse(ans.body));
      } catch {
        throw new AdapterError('upstream_error', 'transfer answer has an unexpected shape');
      }
      const detail = JSON.stringify({
        state: a.state,
        ...(a.transfer_bill_no ? { transferBillNo: a.transfer_bill_no } : {}),
        ...(a.package_info ? { packageInfo: a.package_info } : {}),
        ...(a.fail_reason ? { failReason: a.fail_reason } : {}),
      });
      if (ACCEPTED_STATES.has(a.state)) return { status: 'accepted', detail };
      if (REJECTED_STATES.has(a.state)) return { status: 'rejected', detail };
      throw new AdapterError('upstream_error', `transfer answered unknown state ${a.state}`);
    },
  };
}
