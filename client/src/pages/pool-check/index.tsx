import { View, Text } from '@tarojs/components';
import { api } from '../../api';
import { usePaged } from '../../lib/usePaged';
import { fmtTime } from '../../lib/format';
import { RemoteView } from '../../components/StateView';
import { MoreFooter } from '../../components/MoreFooter';
import { LineCheck } from '../../components/LineCheck';
import { describe } from '../ledger/describe';

/** 核对我的账目: each of the caller's events (one row per event) with its check against the log. */
export default function PoolCheckPage() {
  const ledger = usePaged((cursor) => api.ledger(cursor));
  const events = ledger.items.filter((e, i, all) => all.findIndex((x) => x.eventId === e.eventId) === i);
  return (
    <View className="page page-pool-check">
      <View className="card">
        <Text className="hint">
          每一笔经过分红池的变动都在公开账本中。点“核对”，本机会下载记录这笔的批次，重算哈希，
          并按公开的规则重算本批每一笔，与账本逐位比对。账本中你的代号每批不同，只有你自己能认出自己的记录。
        </Text>
      </View>
      <RemoteView
        remote={ledger.first}
        isEmpty={() => events.length === 0}
        emptyText="还没有明细"
        onRetry={ledger.reset}
      >
        <View className="card">
          {events.map((e) => {
            const d = describe(e);
            return (
              <View key={e.eventId} className="pool-check-row">
                <View className="row">
                  <Text className="ledger-title">{d.title}</Text>
                  <Text className="ledger-time">{fmtTime(e.at)}</Text>
                </View>
                <LineCheck eventId={e.eventId} />
              </View>
            );
          })}
        </View>
        <MoreFooter paged={ledger} cls="pool-check" />
      </RemoteView>
    </View>
  );
}
