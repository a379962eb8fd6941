import { View, Text } from '@tarojs/components';
import type { Category } from '../../api';
import { go, ROUTES } from '../../lib/nav';
import { Tabs } from '../../ui/tabs';

/** The 全部 tab's value (a category name is never this). */
export const ALL = '__all';

/** Today's price (4 dp) and what it is; opens 价格走势. */
export function PriceCard({ price, failed }: { price: string; failed: boolean }) {
  return (
    <View className="card price-card" onClick={() => go(ROUTES.price)}>
      <Text className="label">今日积分价格</Text>
      <View>
        {failed ? (
          <Text className="muted">价格暂时无法获取</Text>
        ) : (
          <Text className="big home-price">{price ? `¥${price}` : '…'}</Text>
        )}
        <Text className="muted"> / 积分</Text>
      </View>
      <Text className="hint">价格 = 分红池资金 ÷ 流通积分，随订单完成而变化，不承诺收益。</Text>
    </View>
  );
}

/** 全部 and one tab per category of active products. */
export function CategoryTabs(props: { value: string; onChange: (v: string) => void; categories: Category[] }) {
  return (
    <Tabs
      className="category-tabs"
      value={props.value}
      onChange={(v) => props.onChange(String(v))}
      activeType="line"
      align="left"
      duration={0}
    >
      {[{ name: '全部', value: ALL }, ...props.categories.map((c) => ({ name: c.name, value: c.name }))].map((c) => (
        <Tabs.TabPane key={c.value} title={c.name} value={c.value} />
      ))}
    </Tabs>
  );
}
