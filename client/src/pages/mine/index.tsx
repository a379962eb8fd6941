import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { api, type Profile } from '../../api';
import { useRemote } from '../../lib/hooks';
import { go, ROUTES } from '../../lib/nav';
import { pickLinks } from '../../lib/links';
import { clearSession, getToken } from '../../lib/session';
import { Links } from '../../components/Links';
import { ContactButton } from '../../components/ContactButton';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { Button } from '../../ui/button';
import { ProfileCard } from './ProfileCard';
import { AccountCard } from './AccountCard';
import './index.css';

export default function MinePage() {
  const [loggedIn, setLoggedIn] = useState(!!getToken());
  const [left, setLeft] = useState(false);
  useDidShow(() => setLoggedIn(!!getToken()));
  const remote = useRemote(() => (loggedIn ? api.profile() : Promise.resolve(undefined)), [loggedIn]);
  const [saved, setSaved] = useState<Profile | undefined>();
  const profile = saved ?? remote.data;
  const logout = (deleted: boolean) => {
    clearSession();
    setSaved(undefined);
    setLoggedIn(false);
    setLeft(deleted);
  };
  return (
    <View className="page page-mine">
      {left && <View className="ok-line account-deleted">账户已注销，个人信息已删除。</View>}
      {loggedIn ? (
        <View>
          {profile ? (
            <ProfileCard profile={profile} onSaved={setSaved} />
          ) : (
            <View className="card">
              <Text className="muted">{remote.error || '加载中…'}</Text>
            </View>
          )}
        </View>
      ) : (
        <View className="card">
          <Button className="btn btn-primary to-login" type="primary" block onClick={() => go(ROUTES.login)}>
            登录
          </Button>
        </View>
      )}
      <Links
        variant="list"
        links={pickLinks(
          'addresses',
          'ledger',
          'withdrawals',
          'afterSales',
          'team',
          'leaderboard',
          'price',
          'pool',
          'rules',
          'cart',
          'privacy',
        )}
      />
      <ContactButton from="mine" cls="mine-contact" />
      {loggedIn && <AccountCard onDeleted={() => logout(true)} />}
      {loggedIn && (
        <Button className="btn btn-plain logout" type="default" fill="outline" block onClick={() => logout(false)}>
          退出登录
        </Button>
      )}
      <PrivacyPopup />
    </View>
  );
}
