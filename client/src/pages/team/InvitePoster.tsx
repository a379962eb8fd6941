import { useEffect, useState } from 'react';
import { View, Text, Image } from '@tarojs/components';
import { api, ApiError } from '../../api';
import { useRemote } from '../../lib/hooks';
import { makePoster } from '../../lib/poster';

/** Not built on this server yet (404): the card is left out rather than shown as an error. */
async function inviteOrNone() {
  try {
    const [invite, profile] = await Promise.all([api.invite(), api.profile().catch(() => null)]);
    return { ...invite, name: profile?.nickname || '好友' };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/**
 * The share poster: the shopper's mini-program code (scene `r=<userId>`: whoever scans it and
 * logs in for the first time becomes their direct referral) drawn on a card; long-press to save
 * or forward. Where no canvas can draw, the code itself.
 */
export function InvitePoster() {
  const invite = useRemote(inviteOrNone);
  const [poster, setPoster] = useState('');
  const image = invite.data?.image ?? '';
  const name = invite.data?.name ?? '';
  useEffect(() => {
    let alive = true;
    if (image) void makePoster(image, name).then((p) => alive && setPoster(p));
    return () => {
      alive = false;
    };
  }, [image, name]);
  if (!image) return invite.error ? <Text className="hint invite-poster-error">{invite.error}</Text> : null;
  return (
    <View className="card invite-poster">
      <Text className="card-title">邀请海报</Text>
      <Image
        className={poster ? 'invite-poster-image' : 'invite-code-image'}
        src={poster || image}
        mode="widthFix"
        showMenuByLongpress
      />
      <Text className="hint">长按图片保存或发送给好友；好友扫码首次登录后成为你的直接推荐。</Text>
    </View>
  );
}
