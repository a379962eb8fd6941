import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { go, ROUTES, type Route } from '../../lib/nav'
import { clearSession, getToken, getUserId } from '../../lib/session'
import { TabNav } from '../../components/TabNav'

const LINKS: Array<{ route: Route; label: string; cls: string }> = [
  { route: ROUTES.ledger, label: '明细', cls: 'link-ledger' },
  { route: ROUTES.team, label: '我的团队', cls: 'link-team' },
  { route: ROUTES.price, label: '价格走势', cls: 'link-price' },
  { route: ROUTES.pool, label: '分红池', cls: 'link-pool' },
  { route: ROUTES.rules, label: '规则说明', cls: 'link-rules' },
  { route: ROUTES.cart, label: '购物车', cls: 'link-cart' },
]

export default function MinePage() {
  const [userId, setUserId] = useState(getUserId())
  useDidShow(() => setUserId(getToken() ? getUserId() : ''))
  return (
    <View className='page page-mine'>
      <View className='card'>
        {userId ? (
          <View className='row'>
            <Text className='mine-user'>用户 {userId}</Text>
            <Button
              className='btn btn-plain logout'
              size='mini'
              onClick={() => {
                clearSession()
                setUserId('')
              }}
            >
              退出登录
            </Button>
          </View>
        ) : (
          <Button className='btn btn-primary to-login' onClick={() => go(ROUTES.login)}>
            登录
          </Button>
        )}
      </View>
      <View className='card'>
        {LINKS.map((l) => (
          <View key={l.route} className={`row ${l.cls}`} onClick={() => go(l.route)}>
            <Text>{l.label}</Text>
            <Text className='muted'>›</Text>
          </View>
        ))}
      </View>
      <TabNav current={ROUTES.mine} />
    </View>
  )
}
