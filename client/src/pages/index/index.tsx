import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { priceDisplay } from '@greenpoints/shared';
import { api, type Product } from '../../api';
import { useRemote } from '../../lib/hooks';
import { usePool } from '../../lib/usePool';
import { ROUTES } from '../../lib/nav';
import { pickLinks } from '../../lib/links';
import { fmtPoints } from '../../lib/format';
import { estimatePoints } from '../../lib/pool';
import { useInviteFromQuery, useShareWithReferrer } from '../../lib/share';
import { RemoteView } from '../../components/StateView';
import { Links } from '../../components/Links';
import { SearchBar } from '../../ui/searchbar';
import { ProductCard } from './ProductCard';
import { ALL, CategoryTabs, PriceCard } from './parts';
import './index.css';

export default function Home() {
  // Invite links open this page with ?referrer=<userId>; it counts at the first login.
  useInviteFromQuery();
  useShareWithReferrer('绿色积分商城：消费得绿色积分', ROUTES.home);
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
      <PriceCard price={price} failed={!!pool.error} />
      <Links links={pickLinks('wallet', 'orders', 'cart', 'price', 'pool', 'rules')} />
      <CategoryTabs value={category} onChange={setCategory} categories={categories.data ?? []} />
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
