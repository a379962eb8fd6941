import { View, Text } from '@tarojs/components';
import { dec } from '@greenpoints/shared';
import { api } from '../../api';
import { useRemote } from '../../lib/hooks';
import { usePool } from '../../lib/usePool';
import { pickLinks } from '../../lib/links';
import { fmtPoints, fmtPrice, fmtYuan } from '../../lib/format';
import { RemoteView } from '../../components/StateView';
import { StatList } from '../../components/Stat';
import { Links } from '../../components/Links';
import { PendingPoints } from '../../components/PendingPoints';
import { ConvertBackCard, ConvertCard, QuotaCard, SellCard, WithdrawCard } from './cards';

export default function WalletPage() {
  const wallet = useRemote(() => api.wallet());
  const pool = usePool();
  const reloadAll = () => {
    wallet.reload();
    pool.reload();
  };
  const p = pool.data;
  return (
    <View className="page page-wallet">
      <RemoteView remote={wallet} onRetry={reloadAll}>
        {(w) => (
          <View>
            <View className="card wallet-summary">
              <View className="row">
                <Text className="label">绿色积分（可用）</Text>
                {w.level ? <Text className="tag level-badge wallet-level">等级 · {w.level}</Text> : null}
              </View>
              <Text className="big wallet-equity">{fmtPoints(w.equity)}</Text>
              <StatList
                stats={[
                  { label: '今日价格', value: p ? `¥${fmtPrice(p.price)} / 积分` : '…', cls: 'wallet-price' },
                  { label: '按今日价格折合', value: fmtYuan(w.equityValue), cls: 'wallet-value' },
                  { label: '待释放积分', value: fmtPoints(w.equityLocked), cls: 'wallet-locked' },
                  { label: '恒定积分', value: fmtYuan(w.constant), cls: 'wallet-constant' },
                  { label: '消费币', value: fmtYuan(w.storeCredit), cls: 'wallet-store-credit' },
                  { label: '可提现余额', value: fmtYuan(w.cash), cls: 'wallet-cash' },
                  !!w.cashPending &&
                    dec(w.cashPending).gt(0) && {
                      label: '提现审核中',
                      value: fmtYuan(w.cashPending),
                      cls: 'wallet-cash-pending',
                    },
                ]}
              />
              <Text className="hint">折合金额按今日价格计算，只是参考，价格会变化，不承诺收益。</Text>
            </View>
            <PendingPoints total={w.pendingPoints} />
            <QuotaCard wallet={w} />
            <SellCard wallet={w} pool={pool} onDone={reloadAll} />
            <ConvertCard wallet={w} pool={pool} onDone={reloadAll} />
            <ConvertBackCard wallet={w} pool={pool} onDone={reloadAll} />
            <WithdrawCard wallet={w} onDone={reloadAll} />
            <Links links={pickLinks('ledger', 'withdrawals', 'price', 'pool', 'leaderboard', 'team', 'rules')} />
          </View>
        )}
      </RemoteView>
    </View>
  );
}
