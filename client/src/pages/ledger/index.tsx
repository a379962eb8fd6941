import { View, Text } from '@tarojs/components';
import { api } from '../../api';
import { usePaged } from '../../lib/usePaged';
import { fmtTime } from '../../lib/format';
import { RemoteView } from '../../components/StateView';
import { MoreFooter } from '../../components/MoreFooter';
import { describe } from './describe';

/** Every change of the caller's balances, newest first; more load at the bottom. */
export default function LedgerPage() {
  const ledger = usePaged((cursor) => api.ledger(cursor));
  const items = ledger.items;
  return (
    <View className="page page-ledger">
      <RemoteView
        remote={ledger.first}
        isEmpty={() => items.length === 0}
        emptyText="还没有明细"
        onRetry={ledger.reset}
      >
        <View className="card">
          {items.map((e, i) => {
            const d = describe(e);
            return (
              <View key={`${e.eventId}-${e.field}-${i}`} className="row ledger-row">
                <View>
                  <Text className="ledger-title">{d.title}</Text>
                  <Text className="ledger-time">{fmtTime(e.at)}</Text>
                </View>
                <Text className={`row-value ledger-amount ${d.amount.startsWith('-') ? 'neg' : 'pos'}`}>
                  {d.amount}
                </Text>
              </View>
            );
          })}
        </View>
        <MoreFooter paged={ledger} cls="ledger" />
      </RemoteView>
    </View>
  );
}
