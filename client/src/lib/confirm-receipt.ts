import type { Order } from '../api';
import { callWx, hasWx, wxFn } from './wechat';

// WeChat's confirm-receipt view (小程序确认收货组件, wx.openBusinessView 'weappOrderConfirm'):
// for a WeChat-paid order the mini-program opens WeChat's own page, which reports back through
// the app's onShow (referrerInfo from WeChat's app, extraData.status). Only 'success' goes on to
// our confirm route, the same path as our own button.

/** The app WeChat's confirm view returns from (its referrerInfo.appId). */
export const CONFIRM_VIEW_APP = 'wx1183b055aeec94d1';
/** Set at build time (config/index.ts); read at the call. */
const merchantId = () => process.env.TARO_APP_MCH_ID ?? '';

export type ConfirmViewResult = 'success' | 'cancel' | 'fail' | 'unavailable';

interface ShowOptions {
  referrerInfo?: { appId?: string; extraData?: { status?: string; errormsg?: string } };
}

let waiting: ((r: ConfirmViewResult) => void) | null = null;
let listening = false;

/** The app came back: from WeChat's confirm view, its answer settles the waiting tap. */
export function takeConfirmResult(options: ShowOptions | undefined): void {
  const info = options?.referrerInfo;
  if (!waiting || info?.appId !== CONFIRM_VIEW_APP) return;
  const status = info.extraData?.status;
  const settle = waiting;
  waiting = null;
  settle(status === 'success' ? 'success' : status === 'cancel' ? 'cancel' : 'fail');
}

/** WeChat's view exists here, and the order is one WeChat knows (paid by WeChat Pay). */
export function canUseConfirmView(order: Pick<Order, 'payWith'>): boolean {
  return order.payWith === 'wechat' && !!merchantId() && hasWx('openBusinessView');
}

/** Opens WeChat's confirm view; 'unavailable' when there is none (then our own confirm runs). */
export async function confirmInWeChat(order: Pick<Order, 'orderId' | 'payWith'>): Promise<ConfirmViewResult> {
  if (!canUseConfirmView(order)) return 'unavailable';
  if (!listening) {
    wxFn<(cb: (o: ShowOptions) => void) => void>('onAppShow')?.((o) => takeConfirmResult(o));
    listening = true;
  }
  const result = new Promise<ConfirmViewResult>((resolve) => (waiting = resolve));
  try {
    await callWx('openBusinessView', {
      businessType: 'weappOrderConfirm',
      // our out_trade_no is the orderId (adapters/wechat/ids.ts)
      extraData: { merchant_id: merchantId(), merchant_trade_no: order.orderId },
    });
  } catch {
    waiting = null;
    return 'unavailable';
  }
  return result;
}
