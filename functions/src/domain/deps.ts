// What a use case receives: the stores it reads and writes and the ports to the outside (WeChat,
// token signing). Each use case names only the part it uses (`Pick<Deps, …>`); the edge passes
// them in from its composition root (functions/src/wiring/).
import type { WeChatLogin, WeChatPay, WeChatSubscribe, WeChatTransfer } from '../adapters/wechat/types';
import type { KernelStores } from './ports';
import type { OrderStores } from './orders/ports';
import type { ShopStores } from './shop/ports';
import type { WalletStores } from './wallet/ports';
import type { ProgrammeStores } from './programme/ports';
import type { OperatorStores } from './operator/ports';

/** The claims of a session token the domain asks to sign. */
export interface SessionClaims {
  userId: string;
  role: 'user' | 'staff';
}

/** The ports to the outside; each WeChat port is a getter, so a local test's scripted WeChat is seen. */
export interface Ports {
  wechatPay(): WeChatPay;
  wechatSubscribe(): WeChatSubscribe;
  wechatLogin(): WeChatLogin;
  wechatTransfer(): WeChatTransfer;
  signToken(claims: SessionClaims): Promise<string>;
}

/** Every store of every area (each area's port file declares its own). */
export interface Stores extends KernelStores, OrderStores, ShopStores, WalletStores, ProgrammeStores, OperatorStores {}

export interface Deps extends Stores, Ports {}
