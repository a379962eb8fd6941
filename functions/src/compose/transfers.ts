// The edge's composition of domain/transfers.ts: the stores and the WeChat transfer adapter it
// is given (from the installed stores for now; from the composition root once stores are passed in).
import { getWeChatTransfer } from '../adapters/wechat';
import { stores } from '../domain/stores';
import type { TransferDeps } from '../domain/transfers-ports';
import { withdrawalLists } from '../repo/transfers';

export function transferDeps(): TransferDeps {
  return { withdrawals: stores().withdrawals, lists: withdrawalLists, wechat: getWeChatTransfer() };
}
