import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { WithdrawalView } from '../../api';
import { fmtTime, fmtYuan } from '../../lib/format';
import { WxError } from '../../lib/wechat';
import { canConfirmHere, confirmTransfer, needsConfirm, withdrawalStatusText } from '../../lib/withdrawals';
import { ActionButton } from '../../components/ActionButton';
import { ErrorLine } from '../../components/StateView';

/** What a failed 确认收款 says: the shopper closing WeChat's page is not an error of ours. */
function confirmError(e: unknown): string {
  if (e instanceof WxError && e.cancelled) return '你取消了确认，钱还在等你领取，可再点“确认收款”';
  return '微信暂时无法打开确认收款，请稍后再试';
}

/** One withdrawal: amount, when, its state in words, and 确认收款 while WeChat waits for the shopper. */
export function WithdrawalRow({ w, onConfirmed }: { w: WithdrawalView; onConfirmed: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const confirm = async () => {
    if (!needsConfirm(w)) return;
    setBusy(true);
    setError('');
    try {
      await confirmTransfer(w.confirm);
      onConfirmed();
    } catch (e) {
      setError(confirmError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={`card withdrawal-row withdrawal-${w.withdrawalId}`}>
      <View className="row">
        <Text className="big withdrawal-amount">{fmtYuan(w.amount)}</Text>
        <Text className={`tag withdrawal-status status-${w.status}`}>{withdrawalStatusText(w.status)}</Text>
      </View>
      <Text className="muted withdrawal-time">申请于 {fmtTime(w.createdAt)}</Text>
      {w.decidedAt ? <Text className="muted withdrawal-decided"> · 处理于 {fmtTime(w.decidedAt)}</Text> : null}
      {w.failReason ? <Text className="hint withdrawal-reason">原因：{w.failReason}</Text> : null}
      {needsConfirm(w) &&
        (canConfirmHere() ? (
          <View>
            <Text className="hint">微信已受理这笔提现，点“确认收款”后钱才会转入你的微信零钱。</Text>
            {w.confirmBy && (
              <Text className="hint withdrawal-confirm-by">
                请在 {fmtTime(w.confirmBy)} 前确认，逾期未确认的提现会退回可提现余额。
              </Text>
            )}
            <ErrorLine text={error} />
            <ActionButton cls="btn-primary withdrawal-confirm" busy={busy} onClick={confirm}>
              确认收款
            </ActionButton>
          </View>
        ) : (
          <Text className="hint withdrawal-confirm-elsewhere">
            请在微信中打开“绿色积分商城”小程序的提现记录，点“确认收款”，钱才会转入你的微信零钱。
          </Text>
        ))}
    </View>
  );
}
