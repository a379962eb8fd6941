import { useState } from 'react';
import { View, Text, Button as TaroButton } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api, type Profile } from '../../api';
import { useAction } from '../../lib/hooks';
import { askPrivacy, hasAgreed } from '../../lib/privacy';
import { ErrorLine } from '../../components/StateView';
import { Field } from '../../components/Field';
import { ActionButton } from '../../components/ActionButton';
import { Avatar } from '../../ui/avatar';

const isWeapp = process.env.TARO_ENV === 'weapp';
/** The server keeps avatars up to 48 KB (domain/shop/profile.ts); WeChat's are about 10–30 KB. */
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

/** The avatar: in the mini-program WeChat's fill-in (the picker's temporary file comes back). */
function AvatarPicker({
  profile,
  name,
  onPicked,
}: {
  profile: Profile;
  name: string;
  onPicked: (path: string) => void;
}) {
  const avatar = (
    <Avatar className="mine-avatar" size="large" src={profile.avatar || undefined}>
      {profile.avatar ? undefined : name.slice(0, 1)}
    </Avatar>
  );
  if (!isWeapp) return avatar;
  // WeChat asks for privacy consent itself here (wx.onNeedPrivacyAuthorization -> PrivacyPopup).
  return (
    <TaroButton className="avatar-button" openType="chooseAvatar" onChooseAvatar={(e) => onPicked(e.detail.avatarUrl)}>
      {avatar}
    </TaroButton>
  );
}

export function ProfileCard({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
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
  const saveAvatar = async (path: string) => {
    setAvatarError('');
    try {
      const p = await save.run({ avatar: await avatarDataUrl(path) });
      if (p) onSaved(p);
    } catch {
      setAvatarError('头像图片太大或读取失败，请换一张');
    }
  };
  const edit = () => {
    // The nickname is personal data: the privacy guide comes first.
    if (!hasAgreed()) askPrivacy();
    setEditing(true);
  };
  return (
    <View className="card profile-card">
      <View className="profile-row">
        <AvatarPicker profile={profile} name={name} onPicked={saveAvatar} />
        <View className="profile-names">
          <Text className="mine-user mine-nickname">{name}</Text>
        </View>
        {!editing && (
          <Text className="profile-edit" onClick={edit}>
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
