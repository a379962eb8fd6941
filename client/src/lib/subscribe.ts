import Taro from '@tarojs/taro';

// Consent for subscription messages (订阅消息): asked at the tap that leads to the message
// (pay: shipped; confirm receipt: points; after-sale: decided; withdraw: paid). WeChat shows
// the sheet only in the mini-program and only from a tap; on H5 there is nothing to ask.
export type Notice = 'shipped' | 'points' | 'after_sale' | 'withdrawal';

const TEMPLATES: Record<Notice, string> = {
  shipped: process.env.TARO_APP_TMPL_SHIPPED ?? '',
  points: process.env.TARO_APP_TMPL_POINTS ?? '',
  after_sale: process.env.TARO_APP_TMPL_AFTER_SALE ?? '',
  withdrawal: process.env.TARO_APP_TMPL_WITHDRAWAL ?? '',
};

/** Asks once for these notices; a refusal or an error never stops what the shopper tapped. */
export async function askConsent(...notices: Notice[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  const tmplIds = notices.map((n) => TEMPLATES[n]).filter(Boolean);
  if (tmplIds.length === 0) return;
  try {
    await Taro.requestSubscribeMessage({ tmplIds } as Parameters<typeof Taro.requestSubscribeMessage>[0]);
  } catch {
    // The shopper said no, or the template is gone: the business step goes on without it.
  }
}
