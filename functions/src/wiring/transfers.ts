// Composition root of the withdrawals' WeChat transfer bills (domain/wallet/transfers.ts): the
// withdrawal store and the wallets it books into, the lists the schedule and the shopper read,
// the transfer adapter and the shopper's notice, and the pool log the steps are noted in.
import type { TransferDeps } from '../domain/wallet/transfers-ports';
import { withdrawalLists } from '../repo/transfers';
import { core } from './core';
import { wallet } from './wallet';
import { pool } from './pool';
import { wechatSubscribe, wechatTransfer } from './ports';

export function transferDeps(): TransferDeps {
  // The pool log takes each step's note (domain/wallet/notes.ts).
  return {
    ...core,
    ...wallet,
    ...pool,
    ...wechatSubscribe,
    lists: withdrawalLists,
    wechat: wechatTransfer.wechatTransfer(),
  };
}
