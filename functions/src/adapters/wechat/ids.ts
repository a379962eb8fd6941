// WeChat's rules for our ids, enforced by production AND sandbox so a local run catches an
// id format production would refuse.
import { AdapterError } from './types';

/** out_trade_no: 6-32 of [0-9A-Za-z_-|*] (a dashed UUID, 36 chars, is too long). */
export const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
/** out_bill_no (transfers): 1-32 of [0-9A-Za-z] only. */
export const OUT_BILL_NO = /^[0-9A-Za-z]{1,32}$/;

/** out_refund_no: 1-64 of [0-9A-Za-z_-|*@]. */
export const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

export function checkRefundId(refundId: string): void {
  if (!OUT_REFUND_NO.test(refundId)) {
    throw new AdapterError(
      'invalid_request',
      `refundId must be 1-64 of [0-9A-Za-z_-|*@] to be an out_refund_no: "${refundId}"`,
    );
  }
}

export function checkOrderId(orderId: string): void {
  if (!OUT_TRADE_NO.test(orderId)) {
    throw new AdapterError(
      'invalid_request',
      `orderId must be 6-32 of [0-9A-Za-z_-|*] to be an out_trade_no: "${orderId}"`,
    );
  }
}

export function checkWithdrawalId(withdrawalId: string): void {
  if (!OUT_BILL_NO.test(withdrawalId)) {
    throw new AdapterError(
      'invalid_request',
      `withdrawalId must be 1-32 of [0-9A-Za-z] to be an out_bill_no: "${withdrawalId}"`,
    );
  }
}
