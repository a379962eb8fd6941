import { useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { dec, type Dec } from '@greenpoints/shared';
import { api, type PricePoint } from '../../api';
import { HISTORY_LIMIT, RANGES, inRange, kindText } from '../../lib/price-history';
import { useRemote } from '../../lib/hooks';
import { fmtPrice, fmtTime } from '../../lib/format';
import { RemoteView } from '../../components/StateView';
import { PriceChart } from '../../components/PriceChart';
import { Tabs } from '../../ui/tabs';
import { Empty } from '../../ui/empty';
import './index.css';

/** +0.0012, or +<0.0001 for a move too small for 4 decimals. */
function fmtDelta(d: Dec): string {
  const sign = d.isNegative() ? '−' : '+';
  return d.abs().lt('0.0001') ? `${sign}<0.0001` : `${sign}${fmtPrice(d.abs().toString())}`;
}

/** 每次变动的原因: the newest 20 moves of the range, each with its kind and the rise. */
function PriceReasons({ rows, all }: { rows: PricePoint[]; all: PricePoint[] }) {
  return (
    <View className="card price-table">
      <Text className="card-title">每次变动的原因</Text>
      {[...rows]
        .reverse()
        .slice(0, 20)
        .map((r, i, list) => {
          const before = list[i + 1] ?? all[all.indexOf(r) - 1];
          const delta = before ? dec(r.price).minus(before.price) : undefined;
          return (
            <View key={`${r.seq}`} className={`row price-row price-row-${r.kind}`}>
              <View>
                <Text className="price-kind">{kindText(r.kind)}</Text>
                <Text className="ledger-time">
                  #{r.seq} {fmtTime(r.at)}
                </Text>
              </View>
              <View className="price-row-right">
                <Text className="row-value">¥{fmtPrice(r.price)}</Text>
                {delta && !delta.isZero() && <Text className="price-delta">{fmtDelta(delta)}</Text>}
              </View>
            </View>
          );
        })}
    </View>
  );
}

function Summary({ rows, title }: { rows: PricePoint[]; title: string }) {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(kindText(r.kind), (counts.get(kindText(r.kind)) ?? 0) + 1);
  const first = rows[0];
  const last = rows[rows.length - 1];
  return (
    <Text className="hint price-summary">
      {title}共 {rows.length} 次变动（{[...counts].map(([k, n]) => `${k} ${n} 次`).join('、')}），从 ¥
      {fmtPrice(first.price)} 到 ¥{fmtPrice(last.price)}。
    </Text>
  );
}

export default function PricePage() {
  const [range, setRange] = useState('30');
  const history = useRemote(async () => {
    const rows = await api.poolHistory(HISTORY_LIMIT);
    // The API sends newest first; the chart reads left to right in time.
    return [...rows].sort((a, b) => Number(a.seq) - Number(b.seq));
  });
  const all = useMemo(() => history.data ?? [], [history.data]);
  const days = RANGES.find((r) => r.value === range)?.days ?? 0;
  const rows = useMemo(() => inRange(all, days, Date.now()), [all, days]);
  const chart = useMemo(
    () => ({
      points: rows.map((r) => ({ t: new Date(r.at).getTime(), price: Number(r.price), kind: kindText(r.kind) })),
      kinds: [...new Set(rows.map((r) => kindText(r.kind)))],
    }),
    [rows],
  );
  const latest = all[all.length - 1];
  const title = RANGES.find((r) => r.value === range)?.title ?? '';
  return (
    <View className="page page-price">
      <RemoteView remote={history} isEmpty={(d) => d.length === 0} emptyText="还没有价格记录：第一笔订单完成后开始">
        {latest && (
          <View>
            <View className="card">
              <Text className="label">当前价格</Text>
              <Text className="big price-latest">¥{fmtPrice(latest.price)}</Text>
              <Text className="hint">
                价格 = 分红池资金 ÷
                流通积分：订单完成时资金增加，卖出时手续费留在池中，兑换商品时积分销毁，所以按规则价格不会下降；这不是收益承诺，未来的订单量决定涨多少。
              </Text>
            </View>
            <View className="card">
              <Text className="card-title">价格走势</Text>
              <Tabs className="range-tabs" value={range} onChange={(v) => setRange(String(v))} duration={0}>
                {RANGES.map((r) => (
                  <Tabs.TabPane key={r.value} title={r.title} value={r.value} />
                ))}
              </Tabs>
              {rows.length === 0 ? (
                <Empty className="price-range-empty" description={`${title}价格没有变动`} image={<View />} />
              ) : (
                <View>
                  <PriceChart points={chart.points} kinds={chart.kinds} />
                  <Summary rows={rows} title={title} />
                  {days === 0 && all.length >= HISTORY_LIMIT && (
                    <Text className="hint">只显示最近 {HISTORY_LIMIT} 次变动。</Text>
                  )}
                </View>
              )}
            </View>
            <PriceReasons rows={rows} all={all} />
          </View>
        )}
      </RemoteView>
    </View>
  );
}
