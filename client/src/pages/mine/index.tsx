import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { go, ROUTES } from '../../lib/nav';
import { pickLinks } from '../../lib/links';
import { clearSession, getToken, getUserId } from '../../lib/session';
import { Links } from '../../components/Links';
import { TabNav } from '../../components/TabNav';

export default function MinePage() {
  const [userId, setUserId] = useState(getUserId());
  useDidShow(() => setUserId(getToken() ? getUserId() : ''));
  return (
    <View className="page page-mine">
      <View className="card">
        {userId ? (
          <View className="row">
            <Text className="mine-user">用户 {userId}</Text>
            <Button
              className="btn btn-plain logout"
              size="mini"
              onClick={() => {
                clearSession();
                setUserId('');
              }}
            >
              退出登录
            </Button>
          </View>
        ) : (
          <Button className="btn btn-primary to-login" onClick={() => go(ROUTES.login)}>
            登录
          </Button>
        )}
      </View>
      <Links variant="list" links={pickLinks('ledger', 'team', 'leaderboard', 'price', 'pool', 'rules', 'cart')} />
      <TabNav current={ROUTES.mine} />
    </View>
  );
}
