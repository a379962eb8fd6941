// Picks the sandbox on STAGE=local, else production adapters configured from env.
// Production config is read lazily so a missing env var fails the first call, naming the var,
// rather than every cold start of unrelated handlers.
import { isLocalStage } from '../../stage';
import type { WeChatLogin, WeChatPay, WeChatSubscribe, WeChatTransfer } from './types';
import { createSubscribe } from './subscribe';
import { createLogin } from './login';
import { createPay } from './pay';
import { createTransfer } from './transfer';
import { createCode, sandboxCode, type WeChatCode } from './wxacode';
import { createShipping, sandboxShipping, type WeChatShipping } from './shipping';
import { sandboxLogin, sandboxPay, sandboxSubscribe, sandboxTransfer } from './sandbox';
import { loginConfigFromEnv, payConfigFromEnv, shippingConfigFromEnv, transferConfigFromEnv } from './config';

export * from './types';
export type { WeChatCode, CodeImage, CodeRequest } from './wxacode';
export type { WeChatShipping, ShippingUpload } from './shipping';
export { sandboxShipped, carrierCode } from './shipping';

function isLocal(): boolean {
  return isLocalStage();
}

export function getWeChatLogin(): WeChatLogin {
  if (isLocal()) return sandboxLogin();
  let impl: WeChatLogin | undefined;
  return {
    code2Session: async (code) => (impl ??= createLogin(loginConfigFromEnv())).code2Session(code),
  };
}

let localPay: WeChatPay | undefined;
/** STAGE=local only: tests put a scripted WeChat in place of the sandbox (undefined restores it). */
export function setLocalWeChatPay(p: WeChatPay | undefined): void {
  localPay = p;
}

export function getWeChatPay(): WeChatPay {
  if (isLocal()) return localPay ?? sandboxPay();
  let impl: WeChatPay | undefined;
  const get = () => (impl ??= createPay(payConfigFromEnv()));
  return {
    createJsapiPrepay: async (o) => get().createJsapiPrepay(o),
    parseNotify: async (headers, rawBody) => get().parseNotify(headers, rawBody),
    refund: async (r) => get().refund(r),
    closeOrder: async (orderId) => get().closeOrder(orderId),
  };
}

let localTransfer: Partial<WeChatTransfer> | undefined;
/**
 * STAGE=local only: tests put a scripted transfer in place of the sandbox (undefined restores
 * it); what the script leaves out is the sandbox's.
 */
export function setLocalWeChatTransfer(t: Partial<WeChatTransfer> | undefined): void {
  localTransfer = t;
}

export function getWeChatTransfer(): WeChatTransfer {
  if (isLocal()) return { ...sandboxTransfer(), ...localTransfer };
  let impl: WeChatTransfer | undefined;
  const get = () => (impl ??= createTransfer(transferConfigFromEnv()));
  return {
    transfer: async (o) => get().transfer(o),
    query: async (id) => get().query(id),
    cancel: async (id) => get().cancel(id),
    parseNotify: async (headers, rawBody) => get().parseNotify(headers, rawBody),
  };
}

let localCode: WeChatCode | undefined;
/** STAGE=local only: tests put a scripted WeChat in place of the drawing sandbox. */
export function setLocalWeChatCode(c: WeChatCode | undefined): void {
  localCode = c;
}

export function getWeChatCode(): WeChatCode {
  if (isLocal()) return localCode ?? sandboxCode();
  let impl: WeChatCode | undefined;
  return { unlimited: async (r) => (impl ??= createCode(loginConfigFromEnv())).unlimited(r) };
}

let localShipping: WeChatShipping | undefined;
/** STAGE=local only: tests put a scripted WeChat in place of the recording sandbox. */
export function setLocalWeChatShipping(c: WeChatShipping | undefined): void {
  localShipping = c;
}

export function getWeChatShipping(): WeChatShipping {
  if (isLocal()) return localShipping ?? sandboxShipping();
  let impl: WeChatShipping | undefined;
  return { upload: async (u) => (impl ??= createShipping(shippingConfigFromEnv())).upload(u) };
}

let localSubscribe: WeChatSubscribe | undefined;
/** STAGE=local only: tests put a scripted WeChat in place of the recording sandbox. */
export function setLocalWeChatSubscribe(s: WeChatSubscribe | undefined): void {
  localSubscribe = s;
}

export function getWeChatSubscribe(): WeChatSubscribe {
  if (isLocal()) return localSubscribe ?? sandboxSubscribe();
  let impl: WeChatSubscribe | undefined;
  return { send: async (m) => (impl ??= createSubscribe(loginConfigFromEnv())).send(m) };
}

// For local tests/tools: forge the notify the sandbox "WeChat" would send after payment.
export {
  sandboxNotify,
  sandboxSent,
  sandboxSettleBill,
  sandboxTransferNotify,
  SANDBOX_SIGNATURE_HEADER,
} from './sandbox';
export { yuanToFen, fenToYuan } from './amount';
export { OUT_TRADE_NO, OUT_BILL_NO, OUT_REFUND_NO, checkOrderId, checkRefundId, checkWithdrawalId } from './ids';
