import { View, Text, Image } from '@tarojs/components'
import { rememberReferrer } from '../../lib/session'
import { api } from '../../api'
import { useRemote } from '../../lib/hooks'
import { go, ROUTES, useQueryParam } from '../../lib/nav'
import { fmtPoints, fmtYuan } from '../../lib/format'
import { estimatePoints, previewParams } from '../../lib/pool'
import { StateView } from '../../components/StateView'
import { TabNav } from '../../components/TabNav'
import { priceDisplay } from '@greenpoints/shared'
import { toPoolState } from '../../lib/pool'
import './index.css'

const LINKS = [
  { route: ROUTES.wallet, label: '积分钱包', cls: 'link-wallet' },
  { route: ROUTES.orders, label: '我的订单', cls: 'link-orders' },
  { route: ROUTES.cart, label: '购物车', cls: 'link-cart' },
  { route: ROUTES.price, label: '价格走势', cls: 'link-price' },
  { route: ROUTES.pool, label: '分红池', cls: 'link-pool' },
  { route: ROUTES.rules, label: '规则说明', cls: 'link-rules' },
] as const

export default function Home() {
  // Invite links open this page with ?ref=<userId>; it counts at the first login.
  const ref = useQueryParam('ref')
  if (ref) rememberReferrer(ref)
  const products = useRemote(() => api.products())
  const pool = useRemote(() => api.pool())
  const price = pool.data ? priceDisplay(toPoolState(pool.data)) : ''
  return (
    <View className='page page-home'>
      <View className='card price-card' onClick={() => go(ROUTES.price)}>
        <Text className='label'>今日积分价格</Text>
        <View>
          {pool.error ? (
            <Text className='muted'>价格暂时无法获取</Text>
          ) : (
            <Text className='big home-price'>{price ? `¥${price}` : '…'}</Text>
          )}
          <Text className='muted'> / 积分</Text>
        </View>
        <Text className='hint'>价格 = 分红池资金 ÷ 流通积分，随订单完成而变化，不承诺收益。</Text>
      </View>
      <View className='card grid'>
        {LINKS.map((l) => (
          <View key={l.route} className={`grid-item ${l.cls}`} onClick={() => go(l.route)}>
            <Text>{l.label}</Text>
          </View>
        ))}
      </View>
      <Text className='card-title'>商品列表</Text>
      <StateView
        loading={products.loading}
        error={products.error}
        empty={!!products.data && products.data.length === 0}
        emptyText='暂无商品'
        onRetry={products.reload}
      >
        {products.data?.map((p) => (
          <View
            key={p.productId}
            className={`card product-card product-${p.productId}`}
            onClick={() => go(ROUTES.product, { id: p.productId })}
          >
            {p.image ? <Image className='product-image' src={p.image} mode='aspectFill' /> : null}
            <View className='product-info'>
              <Text className='product-name'>{p.name}</Text>
              <Text className='product-price'>{fmtYuan(p.price)}</Text>
              {pool.data && (
                <Text className='hint product-earn'>
                  确认收货后预计获赠约 {fmtPoints(estimatePoints(p.poolContribution, pool.data.price, previewParams(pool.data)))} 绿色积分
                </Text>
              )}
            </View>
          </View>
        ))}
      </StateView>
      <TabNav current={ROUTES.home} />
    </View>
  )
}
