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

export function sandboxTransfer(): WeChatTransfer {
  return {
    async transfer(o) {
      yuanToFen(o.amount);
      checkWithdrawalId(o.withdrawalId);
      return { status: 'accepted', detail: `sandbox transfer ${o.withdrawalId}` };
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
