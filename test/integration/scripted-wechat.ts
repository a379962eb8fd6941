// A WeChat Pay that answers close and refund calls from a script, in order, and records what it
// was asked; everything else (and the production id and amount rules) is the local sandbox's.
import {
  AdapterError,
  setLocalWeChatPay,
  type CloseResult,
  type RefundRequest,
  type RefundResult,
} from '../../functions/src/adapters/wechat';
import { sandboxPay } from '../../functions/src/adapters/wechat/sandbox';

export interface Script {
  close?: Array<CloseResult['status'] | AdapterError | (() => Promise<CloseResult['status']>)>;
  refund?: Array<RefundResult['status'] | AdapterError>;
  /** Prefix of the refund ids WeChat gives back (`wx1`, `wx2`, …). */
  refundIdPrefix?: string;
}

export function scriptedWeChat(s: Script): { closed: string[]; refunds: RefundRequest[] } {
  const closed: string[] = [];
  const refunds: RefundRequest[] = [];
  const sandbox = sandboxPay();
  setLocalWeChatPay({
    ...sandbox,
    async closeOrder(orderId) {
      closed.push(orderId);
      const a = s.close?.shift();
      if (a === undefined) throw new Error('the scripted WeChat has no close answer left');
      if (a instanceof AdapterError) throw a;
      await sandbox.closeOrder(orderId);
      return { status: typeof a === 'function' ? await a() : a };
    },
    async refund(r) {
      refunds.push(r);
      const a = s.refund?.shift();
      if (a === undefined) throw new Error('the scripted WeChat has no refund answer left');
      if (a instanceof AdapterError) throw a;
      await sandbox.refund(r);
      const wechatRefundId = `${s.refundIdPrefix ?? 'wx'}${refunds.length}`;
      return {
        refundId: r.refundId,
        wechatRefundId,
        status: a,
        amount: r.amount,
        ...(a === 'SUCCESS' ? { successTime: new Date().toISOString() } : {}),
      };
    },
  });
  return { closed, refunds };
}
