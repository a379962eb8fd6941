import { View, Text } from '@tarojs/components';
import { dec, maxDec, minDec, roundHalfUp } from '@greenpoints/shared';
import { api, type PricePoint } from '../../api';
import { useRemote } from '../../lib/hooks';
import { fmtPrice, fmtTime } from '../../lib/format';
import { RemoteView } from '../../components/StateView';
import './index.css';

const KIND: Record<string, string> = {
  order_completed: '订单完成',
  sell: '卖出',
  redeem: '积分兑换',
  convert: '兑换恒定积分',
  convert_back: '兑回',
  grant: '赠送',
  release_locked: '释放',
};

/**
 * Bars drawn with plain Views: the same markup renders in the mini-program and in H5,
 * with no chart library to ship. Heights are relative to the range shown, so the
 * axis labels (min and max) are printed beside the chart.
 */
function Chart({ points }: { points: PricePoint[] }) {
  const prices = points.map((p) => dec(p.price));
  const max = prices.reduce((a, b) => maxDec(a, b));
  const min = prices.reduce((a, b) => minDec(a, b));
  const span = max.minus(min);
  return (
    <View className="chart">
      <View className="chart-axis">
        <Text className="muted chart-max">¥{fmtPrice(max.toString())}</Text>
        <Text className="muted chart-min">¥{fmtPrice(min.toString())}</Text>
      </View>
      <View className="chart-bars">
        {points.map((p, i) => {
          // 10 %..100 % of the height, so the lowest price still shows a bar.
          const share = span.isZero() ? dec(1) : prices[i].minus(min).div(span);
          const pct = roundHalfUp(share.mul(90).add(10), 2).toString();
          return <View key={`${p.seq}`} className="chart-bar" style={{ height: `${pct}%` }} />;
        })}
      </View>
    </View>
  );
}

export default function PricePage() {
  const history = useRemote(async () => {
    const rows = await api.poolHistory(100);
    // The API sends newest first; the chart reads left to right in time.
    return [...rows].sort((a, b) => Number(a.seq) - Number(b.seq));
  });
  const rows = history.data ?? [];
  const latest = rows[rows.length - 1];
  const first = rows[0];
  return (
    <View className="page page-price">
      <RemoteView remote={history} isEmpty={(d) => d.length === 0} emptyText="还没有价格记录：第一笔订单完成后开始">
        {latest && (
          <View>
            <View className="card">
              <Text className="label">当前价格</Text>
              <Text className="big price-latest">¥{fmtPrice(latest.price)}</Text>
              <Text className="hint">
                最近 {rows.length} 次变动，从 ¥{fmtPrice(first.price)} 到 ¥{fmtPrice(latest.price)}。价格 = 分红池资金 ÷
                流通积分：
                订单完成时资金增加，卖出时手续费留在池中，所以按规则价格不会下降；这不是收益承诺，未来的订单量决定涨多少。
              </Text>
            </View>
            <View className="card">
              <Text className="card-title">价格走势</Text>
              <Chart points={rows} />
            </View>
            <View className="card price-table">
              <Text className="card-title">最近变动</Text>
              {[...rows]
                .reverse()
                .slice(0, 20)
                .map((r) => (
                  <View key={`${r.seq}`} className="row price-row">
                    <Text className="muted">
                      #{r.seq} {KIND[r.kind] ?? r.kind} {fmtTime(r.at)}
                    </Text>
                    <Text className="row-value">¥{fmtPrice(r.price)}</Text>
                  </View>
                ))}
            </View>
          </View>
        )}
      </RemoteView>
    </View>
  );
}
