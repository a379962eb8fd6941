import Taro from '@tarojs/taro';
import { api, ApiError, type Order } from '../api';

// WeChat Pay. In the mini-program outside the local stage the order's JSAPI parameters go to
// wx.requestPayment and the server learns of the payment from WeChat's notify; everywhere
// else (H5, the local stage) the API's payment sandbox marks the order paid.
const realPay = process.env.TARO_ENV === 'weapp' && (process.env.TARO_APP_STAGE ?? 'local') !== 'local';
const key = (orderId: string) => `gp.pay.${orderId}`;

/** Keep the parameters from the create answer: they are not sent again. */
export function rememberPayParams(order: Pick<Order, 'orderId' | 'payParams'>): void {
  if (order.payParams) Taro.setStorageSync(key(order.orderId), order.payParams);
}

export async function payOrder(orderId: string, idempotencyKey: string): Promise<Partial<Order>> {
  if (!realPay) return api.payOrder(orderId, idempotencyKey);
  const params = Taro.getStorageSync(key(orderId)) as Record<string, string> | '';
  if (!params) throw new ApiError(409, 'pay_params_missing', 'no payParams for this order');
  try {
    await Taro.requestPayment({ ...(params as unknown as Taro.requestPayment.Option) });
  } catch (e) {
    throw new ApiError(0, 'pay_cancelled', String((e as { errMsg?: string })?.errMsg ?? e));
  }
  Taro.removeStorageSync(key(orderId));
  // WeChat's notify marks the order paid on the server, usually within a second.
  return { orderId, status: 'paid' };
}
