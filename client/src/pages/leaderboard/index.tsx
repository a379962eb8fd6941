import { View, Text } from '@tarojs/components';
import { api, type LeaderRow } from '../../api';
import { useRemote } from '../../lib/hooks';
import { fmtPoints } from '../../lib/format';
import { RemoteView } from '../../components/StateView';
import './index.css';

function Line({ row }: { row: LeaderRow }) {
  return (
    <View className={`leader-row ${row.rank <= 3 ? 'leader-top' : ''} ${row.me ? 'leader-me' : ''}`}>
      <Text className="leader-rank">{row.rank}</Text>
      <View className="leader-who">
        <Text className="leader-name">
          {row.name}
          {row.me ? <Text className="tag leader-me-tag">我</Text> : null}
        </Text>
        <Text className="tag leader-level">{row.level}</Text>
      </View>
      <Text className="leader-equity">{fmtPoints(row.equity)} 积分</Text>
    </View>
  );
}

/** The top 10 holders (masked names, by points held, locked included), the caller's row marked. */
export default function LeaderboardPage() {
  const board = useRemote(() => api.leaderboard());
  const rows = board.data ?? [];
  const mine = rows.some((r) => r.me);
  return (
    <View className="page page-leaderboard">
      <View className="card leader-notice">
        <Text className="hint">
          排行榜只按持有的绿色积分（含待释放）排列，名字已隐去。排名不代表收益，也不带来任何奖励或回报承诺；积分不能转让或交易。
        </Text>
      </View>
      <RemoteView remote={board} isEmpty={(d) => d.length === 0} emptyText="还没有人持有积分">
        <View className="card leader-list">
          <Text className="card-title">持有积分前 10 名</Text>
          {rows.map((r) => (
            <Line key={r.rank} row={r} />
          ))}
        </View>
        {!mine && <Text className="hint leader-not-listed">你暂时不在前 10 名内。</Text>}
      </RemoteView>
    </View>
  );
}
