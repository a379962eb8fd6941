// Composition root of the withdrawals' WeChat transfer bills (domain/wallet/transfers.ts): the
// withdrawal store and the wallets it books into, the lists the schedule and the shopper read,
// the transfer adapter and the shopper's notice.
import type { TransferDeps } from '../domain/wallet/transfers-ports';
import { withdrawalLists } from '../repo/transfers';
import { core } from './core';
import { wallet } from './wallet';
import { wechatSubscribe, wechatTransfer } from './ports';

export function transferDeps(): TransferDeps {
  return { ...core, ...wallet, ...wechatSubscribe, lists: withdrawalLists, wechat: wechatTransfer.wechatTransfer() };
}
