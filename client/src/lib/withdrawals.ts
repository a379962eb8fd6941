import type { TransferConfirm, WithdrawalStatus, WithdrawalView } from '../api';
import { callWx, hasWx } from './wechat';

// 商家转账: a withdrawal WeChat accepted waits until the shopper confirms it in the mini-program
// (wx.requestMerchantTransfer with the bill's package_info); only then does the money move.

export const WITHDRAWAL_STATUS: Record<WithdrawalStatus, string> = {
  requested: '审核中',
  paying: '打款中',
  awaiting_confirmation: '待确认收款',
  approved: '已到账',
  rejected: '未通过，已退回余额',
  failed: '打款失败，已退回余额',
  cancelled: '已取消，已退回余额',
};

export const withdrawalStatusText = (s: string): string => WITHDRAWAL_STATUS[s as WithdrawalStatus] ?? '处理中';

/** The shopper can confirm it now: WeChat waits for them and the bill's package is here. */
export const needsConfirm = (w: WithdrawalView): w is WithdrawalView & { confirm: TransferConfirm } =>
  w.status === 'awaiting_confirmation' && !!w.confirm?.packageInfo;

/** Confirming needs the mini-program (wx.requestMerchantTransfer): false on H5 and in old WeChat. */
export const canConfirmHere = (): boolean => hasWx('requestMerchantTransfer');

/** Opens WeChat's 确认收款 page for the bill. Rejects with WxError (cancelled: the shopper closed it). */
export function confirmTransfer(c: TransferConfirm): Promise<unknown> {
  return callWx('requestMerchantTransfer', { mchId: c.mchId, appId: c.appId, package: c.packageInfo });
}
