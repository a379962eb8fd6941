import type { TransferConfig } from './config';
import { AdapterError, type FetchLike, type WeChatTransfer } from './types';
export function createTransfer(_cfg: TransferConfig, _fetchImpl: FetchLike = fetch): WeChatTransfer {
  return { transfer: async () => { throw new AdapterError('upstream_error', 'not implemented yet'); } };
}
