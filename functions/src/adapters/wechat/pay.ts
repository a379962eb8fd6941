import type { PayConfig } from './config';
import { AdapterError, type FetchLike, type WeChatPay } from './types';
export function createPay(_cfg: PayConfig, _fetchImpl: FetchLike = fetch): WeChatPay {
  const no = async (): Promise<never> => { throw new AdapterError('upstream_error', 'not implemented yet'); };
  return { createJsapiPrepay: no, parseNotify: no };
}
