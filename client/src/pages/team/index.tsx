import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api, type TeamMember } from '../../api';
import { useRemote } from '../../lib/hooks';
import { ROUTES } from '../../lib/nav';
import { fmtPoints, fmtTime, fmtYuan } from '../../lib/format';
import { sharePath, useShareWithReferrer } from '../../lib/share';
import { InvitePoster } from './InvitePoster';
import { RemoteView } from '../../components/StateView';
import { StatList } from '../../components/Stat';

function inviteLink(): string {
  const path = sharePath(ROUTES.home);
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    return `${window.location.origin}${window.location.pathname}#${path}`;
  }
  return path;
}

function Members({ title, list, cls }: { title: string; list: TeamMember[]; cls: string }) {
  return (
    <View className={`card ${cls}`}>
      <Text className="card-title">
        {title}（{list.length}）
      </Text>
      {list.length === 0 ? (
        <Text className="muted">暂无</Text>
      ) : (
        list.map((m) => (
          <View key={m.userId} className="row team-member">
            <Text>{m.name ?? m.userId}</Text>
            <Text className="muted">{fmtTime(m.joinedAt)}</Text>
          </View>
        ))
      )}
    </View>
  );
}

function Invite() {
  const link = inviteLink();
  return (
    <View className="card invite-card">
      <Text className="card-title">邀请好友</Text>
      <Text className="hint">
        好友通过你的邀请首次登录后成为你的直接推荐。好友的订单完成时，你按规则获得推荐奖励；奖励只计两级，不收任何入会费用。
      </Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className="btn btn-primary invite-share" openType="share">
          分享给好友
        </Button>
      ) : (
        <View>
          <Text className="hint invite-link">{link}</Text>
          <Button className="btn btn-primary invite-copy" onClick={() => Taro.setClipboardData({ data: link })}>
            复制邀请链接
          </Button>
        </View>
      )}
    </View>
  );
}

export default function TeamPage() {
  const team = useRemote(() => api.team());
  // The card opens the home page with referrer=<me>: the first login there binds.
  useShareWithReferrer('一起来绿色积分商城购物', ROUTES.home);
  return (
    <View className="page page-team">
      <RemoteView remote={team}>
        {(t) => (
          <View>
            <Invite />
            <InvitePoster />
            <View className="card team-earnings">
              <Text className="card-title">推荐所得</Text>
              <StatList
                stats={[
                  t.commissions !== undefined && {
                    label: '累计佣金（现金）',
                    value: fmtYuan(String(t.commissions)),
                    cls: 'team-commissions',
                  },
                  !!t.commissionsByKind && {
                    label: '一级佣金',
                    value: fmtYuan(t.commissionsByKind.l1 ?? '0'),
                    cls: 'team-commission-l1',
                  },
                  !!t.commissionsByKind && {
                    label: '二级佣金',
                    value: fmtYuan(t.commissionsByKind.l2 ?? '0'),
                    cls: 'team-commission-l2',
                  },
                  !!t.commissionsByKind && {
                    label: '区域代理',
                    value: fmtYuan(t.commissionsByKind.agent ?? '0'),
                    cls: 'team-commission-agent',
                  },
                  !!t.referralPoints && {
                    label: '推荐奖励积分（一级 / 二级）',
                    value: `${fmtPoints(t.referralPoints.l1 ?? '0')} / ${fmtPoints(t.referralPoints.l2 ?? '0')}`,
                    cls: 'team-referral-points',
                  },
                  !!t.referrer && { label: '我的推荐人', value: t.referrer.userId, cls: 'team-referrer' },
                ]}
              />
              {t.partial ? <Text className="hint">只统计了最近的明细，完整数字请看“明细”。</Text> : null}
            </View>
            <Members title="直接推荐" list={t.direct} cls="team-direct" />
            <Members title="二级推荐" list={t.second} cls="team-second" />
            <View className="card team-notice">
              <Text className="hint">
                推荐关系只计两级，不收入会费，也不因邀请人数本身给奖励：佣金和奖励积分只来自好友真实完成的订单。推荐和排行不代表任何收益或回报承诺。
              </Text>
            </View>
          </View>
        )}
      </RemoteView>
    </View>
  );
}
