import { View, Text } from '@tarojs/components';
import { api } from '../../api';
import { usePaged } from '../../lib/usePaged';
import { RemoteView } from '../../components/StateView';
import { MoreFooter } from '../../components/MoreFooter';
import { WithdrawalRow } from './WithdrawalRow';

/** 提现记录: every withdrawal and its state, newest first; more load at the bottom. */
export default function WithdrawalsPage() {
  const list = usePaged((cursor) => api.withdrawals(cursor));
  return (
    <View className="page page-withdrawals">
      <RemoteView
        remote={list.first}
        isEmpty={() => list.items.length === 0}
        emptyText="还没有提现记录"
        onRetry={list.reset}
      >
        {list.items.map((w) => (
          <WithdrawalRow key={w.withdrawalId} w={w} onConfirmed={list.reset} />
        ))}
        <MoreFooter paged={list} cls="withdrawals" />
        <Text className="hint">提现经审核后由微信商家转账打款；未通过或失败的提现会全额退回可提现余额。</Text>
      </RemoteView>
    </View>
  );
}
