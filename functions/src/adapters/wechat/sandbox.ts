// Local stand-ins for STAGE=local (no WeChat reachable). Same shapes as production.
// Sandbox notify bodies are signed with HMAC under a fixed dev key so a handler test can
// forge a "payment success" the same way for every helper (see sandboxNotify()).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fenToYuan, yuanToFen } from './amount';
import { checkOrderId, checkWithdrawalId } from './ids';
import {
  AdapterError,
  type SubscribeMessage,
  type WeChatLogin,
  type WeChatPay,
  type WeChatSubscribe,
  type WeChatTransfer,
  type TransferBill,
  type TransferState,
  TRANSFER_STATES,
} from './types';
import { checkMessage } from './subscribe';
import { refundBody } from './pay';

export const SANDBOX_NOTIFY_KEY = 'greenpoints-sandbox-notify-key';
export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';

export function sandboxLogin(): WeChatLogin {
  return {
    async code2Session(code: string) {
      const m = /^dev:([A-Za-z0-9_.@-]{1,64})$/.exec(code ?? '');
      if (!m) throw new AdapterError('invalid_code', 'sandbox login expects a code "dev:<name>"');
      return { openId: m[1] };
    },
  };
}

function sign(body: string): string {
  return createHmac('sha256', SANDBOX_NOTIFY_KEY).update(body).digest('base64');
}

/** Build what the sandbox "WeChat" would POST to our notify URL after the user paid. */
export function sandboxNotify(o: { orderId: string; amount: string; transactionId?: string; paidAt?: string }): {
  headers: Record<string, string>;
  body: string;
} {
  const body = JSON.stringify({
    out_trade_no: o.orderId,
    transaction_id: o.transactionId ?? `sandbox-${randomBytes(8).toString('hex')}`,
    trade_state: 'SUCCESS',
    amount: { total: yuanToFen(o.amount), currency: 'CNY' },
    success_time: o.paidAt ?? new Date().toISOString(),
  });
  return { headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: sign(body) }, body };
}

function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

export function sandboxPay(): WeChatPay {
  return {
    async createJsapiPrepay(o) {
      // same amount and id rules as production
      yuanToFen(o.amount);
      checkOrderId(o.orderId);
      const prepayId = `sandbox_prepay_${o.orderId}`;
      return {
        prepayId,
        payParams: {
          timeStamp: Math.floor(Date.now() / 1000).toString(),
          nonceStr: randomBytes(16).toString('hex'),
          package: `prepay_id=${prepayId}`,
          signType: 'RSA',
          paySign: 'sandbox',
        },
      };
    },
    async refund(r) {
      refundBody(r); // same id and amount rules as production
      return {
        refundId: r.refundId,
        wechatRefundId: `sandbox_refund_${r.refundId}`,
        status: 'SUCCESS',
        amount: r.amount,
        successTime: new Date().toISOString(),
      };
    },
    async closeOrder(orderId) {
      checkOrderId(orderId);
      return { status: 'closed' };
    },
    async parseNotify(headers, rawBody) {
      const got = header(headers, SANDBOX_SIGNATURE_HEADER);
      const want = Buffer.from(sign(rawBody));
      if (!got || got.length !== want.length || !timingSafeEqual(Buffer.from(got), want)) {
        throw new AdapterError('bad_signature', 'sandbox notify signature does not verify');
      }
      let b: {
        out_trade_no?: unknown;
        transaction_id?: unknown;
        trade_state?: unknown;
        amount?: { total?: unknown };
        success_time?: unknown;
      };
      try {
        b = JSON.parse(rawBody);
      } catch {
        throw new AdapterError('invalid_notify', 'sandbox notify body is not JSON');
      }
      if (b.trade_state !== 'SUCCESS')
        throw new AdapterError('trade_not_success', `trade_state ${String(b.trade_state)}`);
      if (
        typeof b.out_trade_no !== 'string' ||
        typeof b.transaction_id !== 'string' ||
        typeof b.amount?.total !== 'number' ||
        typeof b.success_time !== 'string'
      ) {
        throw new AdapterError('invalid_notify', 'sandbox notify body lacks fields');
      }
      return {
        orderId: b.out_trade_no,
        transactionId: b.transaction_id,
        amount: fenToYuan(b.amount.total),
        paidAt: b.success_time,
      };
    },
  };
}

/** The sandbox's merchant and app ids, as wx.requestMerchantTransfer would get them. */
export const SANDBOX_MCH_ID = 'sandbox-mch';
export const SANDBOX_APP_ID = 'sandbox-app';

/**
 * The sandbox "WeChat"'s bills of this process: out_bill_no -> its state. A bill is made in
 * WAIT_USER_CONFIRM (as WeChat does for a 商家转账 to a mini-program user); the shopper's
 * confirmation is simulated by `sandboxSettleBill` (the local-only staff call sandbox-transfer).
 */
const sandboxBills = new Map<string, TransferBill>();

function waiting(withdrawalId: string, amount?: string): TransferBill {
  return {
    withdrawalId,
    state: 'WAIT_USER_CONFIRM',
    transferBillNo: `sandbox_bill_${withdrawalId}`,
    confirm: { mchId: SANDBOX_MCH_ID, appId: SANDBOX_APP_ID, packageInfo: `sandbox_package_${withdrawalId}` },
    createdAt: new Date().toISOString(),
    ...(amount ? { amount } : {}),
  };
}

/** The shopper confirmed (SUCCESS) or WeChat failed/closed the bill; returns the bill now. */
export function sandboxSettleBill(
  withdrawalId: string,
  state: 'SUCCESS' | 'FAIL' | 'CANCELLED',
  failReason?: string,
): TransferBill {
  checkWithdrawalId(withdrawalId);
  const { confirm: _c, ...was } = sandboxBills.get(withdrawalId) ?? waiting(withdrawalId);
  const bill: TransferBill = {
    ...was,
    state,
    updatedAt: new Date().toISOString(),
    ...(state === 'FAIL' ? { failReason: failReason ?? 'PAYEE_ACCOUNT_ABNORMAL' } : {}),
  };
  sandboxBills.set(withdrawalId, bill);
  return bill;
}

/** What the sandbox "WeChat" would POST to the transfer notify URL about a finished bill. */
export function sandboxTransferNotify(bill: TransferBill): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({
    out_bill_no: bill.withdrawalId,
    transfer_bill_no: bill.transferBillNo ?? `sandbox_bill_${bill.withdrawalId}`,
    state: bill.state,
    mch_id: SANDBOX_MCH_ID,
    ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
    update_time: bill.updatedAt ?? new Date().toISOString(),
  });
  return { headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: sign(body) }, body };
}

function checkSandboxSigned(headers: Record<string, string | undefined>, rawBody: string): void {
  const got = header(headers, SANDBOX_SIGNATURE_HEADER);
  const want = Buffer.from(sign(rawBody));
  if (!got || got.length !== want.length || !timingSafeEqual(Buffer.from(got), want)) {
    throw new AdapterError('bad_signature', 'sandbox notify signature does not verify');
  }
}

function sandboxBillFromNotify(rawBody: string): TransferBill {
  let b: { out_bill_no?: unknown; state?: unknown; transfer_bill_no?: unknown; fail_reason?: unknown };
  try {
    b = JSON.parse(rawBody);
  } catch {
    throw new AdapterError('invalid_notify', 'sandbox notify body is not JSON');
  }
  if (typeof b.out_bill_no !== 'string' || !(TRANSFER_STATES as readonly unknown[]).includes(b.state))
    throw new AdapterError('invalid_notify', 'sandbox transfer notify lacks out_bill_no or a known state');
  return {
    withdrawalId: b.out_bill_no,
    state: b.state as TransferState,
    ...(typeof b.transfer_bill_no === 'string' ? { transferBillNo: b.transfer_bill_no } : {}),
    ...(typeof b.fail_reason === 'string' ? { failReason: b.fail_reason } : {}),
  };
}

export function sandboxTransfer(): WeChatTransfer {
  return {
    async transfer(o) {
      yuanToFen(o.amount);
      checkWithdrawalId(o.withdrawalId);
      // WeChat answers a repeated out_bill_no with the bill it already has.
      const bill = sandboxBills.get(o.withdrawalId) ?? waiting(o.withdrawalId, o.amount);
      sandboxBills.set(o.withdrawalId, bill);
      const rejected = bill.state === 'FAIL' || bill.state === 'CANCELLED';
      return { status: rejected ? 'rejected' : 'accepted', detail: `sandbox transfer ${o.withdrawalId}`, bill };
    },
    async query(withdrawalId) {
      checkWithdrawalId(withdrawalId);
      return sandboxBills.get(withdrawalId);
    },
    async cancel(withdrawalId) {
      checkWithdrawalId(withdrawalId);
      const bill = sandboxBills.get(withdrawalId);
      if (!bill) throw new AdapterError('cancel_refused', 'sandbox: no such bill');
      if (bill.state === 'SUCCESS' || bill.state === 'FAIL' || bill.state === 'TRANSFERING')
        throw new AdapterError('cancel_refused', `sandbox: the bill is ${bill.state}`);
      return sandboxSettleBill(withdrawalId, 'CANCELLED');
    },
    async parseNotify(headers, rawBody) {
      checkSandboxSigned(headers, rawBody);
      return sandboxBillFromNotify(rawBody);
    },
  };
}

/** What the sandbox would have sent, newest last (bounded: the last 500), for tests and logs. */
export const sandboxSent: SubscribeMessage[] = [];

/**
 * Records each message instead of sending it, after the same checks production makes. An
 * openId starting with `dev:refuse` stands for a user who gave no consent (errcode 43101).
 */
export function sandboxSubscribe(): WeChatSubscribe {
  return {
    async send(m) {
      checkMessage(m);
      if (m.openId.startsWith('dev:refuse')) throw new AdapterError('subscribe_refused', 'sandbox: errcode 43101');
      sandboxSent.push(m);
      if (sandboxSent.length > 500) sandboxSent.shift();
      if (process.env.SANDBOX_LOG_MESSAGES) console.log('[sandbox subscribeMessage.send]', JSON.stringify(m));
    },
  };
}
