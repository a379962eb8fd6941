import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api, ApiError } from '../../api';
import { describeError } from '../../lib/errors';
import { ROUTES, switchTo } from '../../lib/nav';
import { inviteForLogin, saveSession } from '../../lib/session';
import { useInviteFromQuery } from '../../lib/share';
import type { LoginBody } from '../../api';
import { ErrorLine } from '../../components/StateView';
import { Field } from '../../components/Field';
import { ActionButton } from '../../components/ActionButton';

// The local stage logs in with a nickname (the API's devOpenId), on H5 and in DevTools alike;
// the mini-program logs in with the wx.login code (the only way outside the local stage).
const localStage = (process.env.TARO_APP_STAGE ?? 'local') === 'local';
const isWeapp = process.env.TARO_ENV === 'weapp';

async function nameIfUnnamed(nickname: string): Promise<void> {
  try {
    const p = await api.profile();
    if (!p.nickname) await api.updateProfile({ nickname });
  } catch {
    // Not worth failing a login for: 我的 offers to set a nickname.
  }
}

function leave(): void {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack();
  else switchTo(ROUTES.home);
}

export default function LoginPage() {
  useInviteFromQuery();
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const login = async (how: 'dev' | 'wechat') => {
    if (busy) return;
    setError('');
    const body: LoginBody = {};
    if (how === 'dev') {
      const nick = name.trim();
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(nick)) {
        setError('请输入昵称：字母、数字、下划线或短横线');
        return;
      }
      body.devOpenId = nick;
    }
    setBusy(true);
    try {
      if (how === 'wechat') {
        const r = await Taro.login();
        if (!r.code) throw new ApiError(0, 'wechat_login_failed', r.errMsg);
        body.code = r.code;
      }
      const res = await api.login({ ...body, ...inviteForLogin() });
      saveSession(res.token, res.userId);
      // The local nickname becomes the profile's name the first time (我的 shows it).
      if (body.devOpenId) await nameIfUnnamed(body.devOpenId);
      leave();
    } catch (e) {
      setError(e instanceof ApiError ? describeError(e) : '登录失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page page-login">
      <View className="card">
        <Text className="card-title">登录绿色积分商城</Text>
        {localStage && (
          <View>
            <Text className="hint">本地测试环境：输入一个昵称即可登录，同一昵称就是同一个账户。</Text>
            <Field cls="login-name" placeholder="昵称" value={name} onChange={setName} onConfirm={() => login('dev')} />
            <ActionButton cls="btn-primary login-submit" busy={busy} onClick={() => login('dev')}>
              登录
            </ActionButton>
          </View>
        )}
        {isWeapp && (
          <View>
            <Text className="hint">使用微信账号一键登录。</Text>
            <ActionButton cls="btn-primary login-wechat" busy={busy} onClick={() => login('wechat')}>
              微信登录
            </ActionButton>
          </View>
        )}
        {!localStage && !isWeapp && <Text className="hint">请在微信中打开本商城登录。</Text>}
        <ErrorLine text={error} />
      </View>
    </View>
  );
}
