import { View, Text, Image } from '@tarojs/components';
import { priceDisplay } from '@greenpoints/shared';
import { rememberReferrer } from '../../lib/session';
import { api } from '../../api';
import { useRemote } from '../../lib/hooks';
import { usePool } from '../../lib/usePool';
import { go, ROUTES, useQueryParam } from '../../lib/nav';
import { pickLinks } from '../../lib/links';
import { fmtPoints, fmtYuan } from '../../lib/format';
import { estimatePoints } from '../../lib/pool';
import { RemoteView } from '../../components/StateView';
import { Links } from '../../components/Links';
import { TabNav } from '../../components/TabNav';
import './index.css';

export default function Home() {
  // Invite links open this page with ?ref=<userId>; it counts at the first login.
  const ref = useQueryParam('ref');
  if (ref) rememberReferrer(ref);
  const products = useRemote(() => api.products());
  const pool = usePool();
  const price = pool.state ? priceDisplay(pool.state) : '';
  return (
    <View className="page page-home">
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
      <Text className="card-title">商品列表</Text>
      <RemoteView remote={products} isEmpty={(d) => d.length === 0} emptyText="暂无商品">
        {products.data?.map((p) => (
          <View
            key={p.productId}
            className={`card product-card product-${p.productId}`}
            onClick={() => go(ROUTES.product, { id: p.productId })}
          >
            {p.image ? <Image className="product-image" src={p.image} mode="aspectFill" /> : null}
            <View className="product-info">
              <Text className="product-name">{p.name}</Text>
              <Text className="product-price">{fmtYuan(p.price)}</Text>
              {pool.state && (
                <Text className="hint product-earn">
                  确认收货后预计获赠约 {fmtPoints(estimatePoints(p.poolContribution, pool.state, pool.params))} 绿色积分
                </Text>
              )}
            </View>
          </View>
        ))}
      </RemoteView>
      <TabNav current={ROUTES.home} />
    </View>
  );
}
