import { useState } from 'react';
import { View, Text, Button as TaroButton } from '@tarojs/components';

/** Where 客服 is reached outside the mini-program (set at build time; empty: none shown). */
const servicePhone = process.env.TARO_APP_SERVICE_PHONE ?? '';

/**
 * 联系客服. In the mini-program WeChat's own customer-service chat (`open-type="contact"`,
 * with the page's context as the session source); on H5 there is no such chat, so the button
 * tells where to find it: the mini-program, and the service phone when one is configured.
 */
export function ContactButton({ from, cls = '' }: { from: string; cls?: string }) {
  const [help, setHelp] = useState(false);
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <TaroButton className={`btn btn-plain contact-button ${cls}`} openType="contact" sessionFrom={from}>
        联系客服
      </TaroButton>
    );
  }
  return (
    <View className={`contact ${cls}`}>
      <TaroButton className="btn btn-plain contact-button" onClick={() => setHelp(!help)}>
        联系客服
      </TaroButton>
      {help && (
        <Text className="hint contact-fallback">
          在线客服请在微信中打开“绿色积分商城”小程序，点“联系客服”。
          {servicePhone ? `也可以拨打客服电话 ${servicePhone}。` : ''}
        </Text>
      )}
    </View>
  );
}
