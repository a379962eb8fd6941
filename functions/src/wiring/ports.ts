// Composition root of the ports to the outside: WeChat (the sandbox on STAGE=local) and the
// session token's signature.
import type { Ports } from '../domain/deps';
import { getWeChatLogin, getWeChatPay, getWeChatSubscribe, getWeChatTransfer } from '../adapters/wechat';
import { signToken } from '../auth/token';

export const wechatPay: Pick<Ports, 'wechatPay'> = { wechatPay: getWeChatPay };
export const wechatSubscribe: Pick<Ports, 'wechatSubscribe'> = { wechatSubscribe: getWeChatSubscribe };
export const wechatTransfer: Pick<Ports, 'wechatTransfer'> = { wechatTransfer: getWeChatTransfer };
export const wechat: Pick<Ports, 'wechatPay' | 'wechatSubscribe'> = { ...wechatPay, ...wechatSubscribe };
export const session: Pick<Ports, 'wechatLogin' | 'signToken'> = {
  wechatLogin: getWeChatLogin,
  signToken: (claims) => signToken(claims),
};
