import { View, Text, Button as TaroButton } from '@tarojs/components';
import { go, ROUTES } from '../lib/nav';
import { AGREE_BUTTON_ID, answerPrivacy, usePrivacyPopup } from '../lib/privacy';
import { Popup } from '../ui/popup';

/**
 * The privacy guide's consent: what is collected and why, the policy, 同意 / 不同意. In the
 * mini-program 同意 is WeChat's own agreePrivacyAuthorization button (required for the
 * privacy APIs to proceed); on H5 it is a plain button.
 */
export function PrivacyPopup({ onDisagree }: { onDisagree?: () => void }) {
  const open = usePrivacyPopup();
  const disagree = () => {
    answerPrivacy({ event: 'disagree' });
    onDisagree?.();
  };
  return (
    <Popup visible={open} position="bottom" round closeOnOverlayClick={false} className="privacy-popup">
      <View className="privacy-body">
        <Text className="card-title">用户隐私保护指引</Text>
        <Text className="hint privacy-summary">
          为了发货、售后和显示你的资料，我们会收集你填写的收货人姓名、手机号码、收货地址，以及你选择的头像和昵称。它们只用于本商城的订单与账户，不出售、不用于其他用途；你可以随时在“我的”导出或注销。
        </Text>
        <Text className="privacy-link" onClick={() => go(ROUTES.privacy)}>
          查看《隐私政策》
        </Text>
        <View className="privacy-actions">
          <TaroButton className="btn btn-plain privacy-disagree" onClick={disagree}>
            不同意
          </TaroButton>
          <TaroButton
            id={AGREE_BUTTON_ID}
            className="btn btn-primary privacy-agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answerPrivacy({ event: 'agree', buttonId: AGREE_BUTTON_ID })}
            onClick={() => {
              // H5 has no open-type: the tap itself is the agreement.
              if (process.env.TARO_ENV !== 'weapp') answerPrivacy({ event: 'agree', buttonId: AGREE_BUTTON_ID });
            }}
          >
            同意
          </TaroButton>
        </View>
      </View>
    </Popup>
  );
}
