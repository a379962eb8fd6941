import { useState } from 'react';
import { View, Text, Image } from '@tarojs/components';
import { priceDisplay } from '@greenpoints/shared';
import { rememberReferrer } from '../../lib/session';
import { api, type Product } from '../../api';
import { useRemote } from '../../lib/hooks';
import { usePool } from '../../lib/usePool';
import { go, ROUTES, useQueryParam } from '../../lib/nav';
import { pickLinks } from '../../lib/links';
import { fmtPoints, fmtYuan } from '../../lib/format';
import { estimatePoints } from '../../lib/pool';
import { isSoldOut, picturesOf } from '../../lib/assets';
import { RemoteView } from '../../components/StateView';
import { NoPicture } from '../../components/NoPicture';
import { Links } from '../../components/Links';
import { SearchBar } from '../../ui/searchbar';
import { Tabs } from '../../ui/tabs';
import './index.css';

/** The 全部 tab's value (a category name is never this). */
const ALL = '__all';

function ProductCard({ p, earn }: { p: Product; earn: string }) {
  const cover = picturesOf(p)[0];
  const soldOut = isSoldOut(p);
  return (
    <View
      className={`card product-card product-${p.productId} ${soldOut ? 'product-sold-out' : ''}`}
      onClick={() => go(ROUTES.product, { id: p.productId })}
    >
      {cover ? (
        <Image className="product-image" src={cover} mode="aspectFill" lazyLoad />
      ) : (
        <NoPicture cls="product-image" />
      )}
      <View className="product-info">
        <Text className="product-name">{p.name}</Text>
        <View>
          <Text className="product-price">{fmtYuan(p.price)}</Text>
          {soldOut && <Text className="sold-out"> 已售罄</Text>}
        </View>
        {earn && <Text className="hint product-earn">确认收货后预计获赠约 {earn} 绿色积分</Text>}
      </View>
    </View>
  );
}

export default function Home() {
  // Invite links open this page with ?ref=<userId>; it counts at the first login.
  const ref = useQueryParam('ref');
  if (ref) rememberReferrer(ref);
  const [category, setCategory] = useState(ALL);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const categories = useRemote(() => api.categories());
  const products = useRemote(
    () => api.products({ category: category === ALL ? undefined : category, q: q || undefined }),
    [category, q],
  );
  const pool = usePool();
  const price = pool.state ? priceDisplay(pool.state) : '';
  const earn = (p: Product) =>
    pool.state ? fmtPoints(estimatePoints(p.poolContribution, pool.state, pool.params)) : '';
  return (
    <View className="page page-home">
      <SearchBar
        className="home-search"
        shape="round"
        placeholder="搜索商品名称"
        value={typed}
        onChange={(v: string) => setTyped(v)}
        onSearch={(v: string) => setQ(v.trim())}
        onClear={() => {
          setTyped('');
          setQ('');
        }}
      />
      <View className="card price-card" onClick={() => go(ROUTES.price)}>
        <Text className="label">今日积分价格</Text>
        <View>
          {pool.error ? (
            <Text className="muted">价格暂时无法获取</Text>
          ) : (
            <Text className="big home-price">{price ? `¥${price}` : '…'}</Text>
          )}
          <Text className="muted"> / 积分</Text>
        </View>
        <Text className="hint">价格 = 分红池资金 ÷ 流通积分，随订单完成而变化，不承诺收益。</Text>
      </View>
      <Links links={pickLinks('wallet', 'orders', 'cart', 'price', 'pool', 'rules')} />
      <Tabs
        className="category-tabs"
        value={category}
        onChange={(v) => setCategory(String(v))}
        activeType="line"
        align="left"
        duration={0}
      >
        {[{ name: '全部', value: ALL }, ...(categories.data ?? []).map((c) => ({ name: c.name, value: c.name }))].map(
          (c) => (
            <Tabs.TabPane key={c.value} title={c.name} value={c.value} />
          ),
        )}
      </Tabs>
      {q && (
        <View className="search-summary">
          <Text className="muted">
            “{q}”的搜索结果{products.data ? ` ${products.data.length} 件` : ''}
          </Text>
        </View>
      )}
      <RemoteView remote={products} isEmpty={(d) => d.length === 0} emptyText={q ? '没有找到相关商品' : '暂无商品'}>
        {(list) => (
          <View className="product-grid">
            {list.map((p) => (
              <ProductCard key={p.productId} p={p} earn={earn(p)} />
            ))}
          </View>
        )}
      </RemoteView>
    </View>
  );
}
