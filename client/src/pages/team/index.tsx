import { View, Text, Button } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { api, type TeamMember } from '../../api'
import { useRemote } from '../../lib/hooks'
import { ROUTES } from '../../lib/nav'
import { fmtPoints, fmtTime, fmtYuan } from '../../lib/format'
import { getUserId } from '../../lib/session'
import { StateView } from '../../components/StateView'

function inviteLink(userId: string): string {
  const path = `${ROUTES.home}?ref=${encodeURIComponent(userId)}`
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    return `${window.location.origin}${window.location.pathname}#${path}`
  }
  return path
}

function Members({ title, list, cls }: { title: string; list: TeamMember[]; cls: string }) {
  return (
    <View className={`card ${cls}`}>
      <Text className='card-title'>
        {title}（{list.length}）
      </Text>
      {list.length === 0 ? (
        <Text className='muted'>暂无</Text>
      ) : (
        list.map((m) => (
          <View key={m.userId} className='row team-member'>
            <Text>{m.name ?? m.userId}</Text>
            <Text className='muted'>{fmtTime(m.joinedAt)}</Text>
          </View>
        ))
      )}
    </View>
  )
}

export default function TeamPage() {
  const team = useRemote(() => api.team())
  const userId = getUserId()
  useShareAppMessage(() => ({ title: '一起来绿色积分商城购物', path: `${ROUTES.home}?ref=${encodeURIComponent(userId)}` }))
  const t = team.data
  return (
    <View className='page page-team'>
      <StateView loading={team.loading} error={team.error} onRetry={team.reload}>
        {t && (
          <View>
            <View className='card'>
              <Text className='card-title'>邀请好友</Text>
              <Text className='hint'>
                好友通过你的邀请首次登录后成为你的直接推荐。好友的订单完成时，你按规则获得推荐奖励；奖励只计两级，不收任何入会费用。
              </Text>
              {process.env.TARO_ENV === 'weapp' ? (
                <Button className='btn btn-primary invite-share' openType='share'>
                  分享给好友
                </Button>
              ) : (
                <View>
                  <Text className='hint invite-link'>{inviteLink(userId)}</Text>
                  <Button
                    className='btn btn-primary invite-copy'
                    onClick={() => Taro.setClipboardData({ data: inviteLink(userId) })}
                  >
                    复制邀请链接
                  </Button>
                </View>
              )}
            </View>
            <View className='card'>
              {t.commissions !== undefined && (
                <View className='row'>
                  <Text className='row-label'>累计佣金（现金）</Text>
                  <Text className='row-value team-commissions'>{fmtYuan(String(t.commissions))}</Text>
                </View>
              )}
              {t.referralPoints && (
                <View className='row'>
                  <Text className='row-label'>推荐奖励积分（一级 / 二级）</Text>
                  <Text className='row-value team-referral-points'>
                    {fmtPoints(t.referralPoints.l1 ?? '0')} / {fmtPoints(t.referralPoints.l2 ?? '0')}
                  </Text>
                </View>
              )}
              {t.referrer && (
                <View className='row'>
                  <Text className='row-label'>我的推荐人</Text>
                  <Text className='row-value'>{t.referrer.userId}</Text>
                </View>
              )}
            </View>
            <Members title='直接推荐' list={t.direct} cls='team-direct' />
            <Members title='二级推荐' list={t.second} cls='team-second' />
          </View>
        )}
      </StateView>
    </View>
  )
}
