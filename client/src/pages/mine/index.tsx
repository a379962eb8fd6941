import { useState } from 'react';
import { View, Text, Button as TaroButton } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { api, type Profile } from '../../api';
import { useAction, useRemote } from '../../lib/hooks';
import { go, ROUTES } from '../../lib/nav';
import { pickLinks } from '../../lib/links';
import { clearSession, getToken } from '../../lib/session';
import { Links } from '../../components/Links';
import { ErrorLine } from '../../components/StateView';
import { Field } from '../../components/Field';
import { ActionButton } from '../../components/ActionButton';
import { Button } from '../../ui/button';
import { Avatar } from '../../ui/avatar';
import './index.css';

const isWeapp = process.env.TARO_ENV === 'weapp';
/** The server keeps avatars up to 48 KB (domain/profile.ts); WeChat's are about 10–30 KB. */
const MAX_AVATAR = 48 * 1024;

/** WeChat's chosen avatar (a temporary file) as a data URL the profile route accepts. */
async function avatarDataUrl(tempPath: string): Promise<string> {
  const data = await new Promise<string>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: tempPath,
      encoding: 'base64',
      success: (r) => resolve(String(r.data)),
      fail: reject,
    }),
  );
  const type = /\.png$/i.test(tempPath) ? 'png' : 'jpeg';
  const url = `data:image/${type};base64,${data}`;
  if (url.length > MAX_AVATAR) throw new Error('avatar too large');
  return url;
}

function ProfileCard({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
  const [editing, setEditing] = useState(false);
  const [nickname, setNickname] = useState(profile.nickname);
  const [avatarError, setAvatarError] = useState('');
  const save = useAction((change: { nickname?: string; avatar?: string }) => api.updateProfile(change));
  const name = profile.nickname || '未设置昵称';
  const saveNickname = async () => {
    const p = await save.run({ nickname });
    if (p) {
      onSaved(p);
      setEditing(false);
    }
  };
  return (
    <View className="card profile-card">
      <View className="profile-row">
        {isWeapp ? (
          // WeChat's avatar fill-in: the button opens the picker, the picture comes back as a file.
          <TaroButton
            className="avatar-button"
            openType="chooseAvatar"
            onChooseAvatar={async (e) => {
              setAvatarError('');
              try {
                const p = await save.run({ avatar: await avatarDataUrl(e.detail.avatarUrl) });
                if (p) onSaved(p);
              } catch {
                setAvatarError('头像图片太大或读取失败，请换一张');
              }
            }}
          >
            <Avatar className="mine-avatar" size="large" src={profile.avatar || undefined}>
              {profile.avatar ? undefined : name.slice(0, 1)}
            </Avatar>
          </TaroButton>
        ) : (
          <Avatar className="mine-avatar" size="large" src={profile.avatar || undefined}>
            {profile.avatar ? undefined : name.slice(0, 1)}
          </Avatar>
        )}
        <View className="profile-names">
          <Text className="mine-user mine-nickname">{name}</Text>
        </View>
        {!editing && (
          <Text className="profile-edit" onClick={() => setEditing(true)}>
            编辑
          </Text>
        )}
      </View>
      {editing && (
        <View className="profile-form">
          <Field
            cls="nickname-input"
            // 'nickname' makes WeChat offer the shopper's WeChat nickname above the keyboard.
            type={isWeapp ? 'nickname' : 'text'}
            placeholder="输入昵称（1–20 个字）"
            value={nickname}
            maxLength={20}
            onChange={setNickname}
            onConfirm={saveNickname}
          />
          {isWeapp && <Text className="hint">点头像可换成微信头像；昵称输入框可直接选用微信昵称。</Text>}
          <ActionButton cls="btn-primary nickname-save" busy={save.running} onClick={saveNickname}>
            保存昵称
          </ActionButton>
        </View>
      )}
      <ErrorLine text={avatarError || save.error} />
    </View>
  );
}

export default function MinePage() {
  const [loggedIn, setLoggedIn] = useState(!!getToken());
  useDidShow(() => setLoggedIn(!!getToken()));
  const remote = useRemote(() => (loggedIn ? api.profile() : Promise.resolve(undefined)), [loggedIn]);
  const [saved, setSaved] = useState<Profile | undefined>();
  const profile = saved ?? remote.data;
  return (
    <View className="page page-mine">
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
        links={pickLinks('addresses', 'ledger', 'team', 'leaderboard', 'price', 'pool', 'rules', 'cart')}
      />
      {loggedIn && (
        <Button
          className="btn btn-plain logout"
          type="default"
          fill="outline"
          block
          onClick={() => {
            clearSession();
            setSaved(undefined);
            setLoggedIn(false);
          }}
        >
          退出登录
        </Button>
      )}
    </View>
  );
}
