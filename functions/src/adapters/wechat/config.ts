// Env-var configuration of the production adapters. Each reader throws config_missing naming
// the first missing variable.
import { AdapterError } from './types';
import { isPlaceholder } from '../../stage';

export interface LoginConfig {
  appId: string;
  secret: string;
}

export interface MerchantConfig {
  appId: string;
  mchId: string;
  /** serial number of the merchant API certificate */
  mchSerial: string;
  /** merchant API private key, PEM (PKCS#8 "BEGIN PRIVATE KEY") */
  mchPrivateKey: string;
  /** WeChat Pay platform public key, PEM, and its id/serial (微信支付公钥ID or platform certificate serial);
   * verifies notify bodies and the signatures on WeChat's answers */
  platformPublicKey: string;
  platformSerial: string;
}

export interface PayConfig extends MerchantConfig {
  notifyUrl: string;
  /** 32-byte APIv3 key that encrypts notify resources */
  apiV3Key: string;
}

export interface TransferConfig extends MerchantConfig {
  /** transfer_scene_id configured for the merchant, e.g. "1000" (现金营销) */
  sceneId: string;
  /** optional callback for transfer results */
  notifyUrl?: string;
  /** APIv3 key that seals the transfer notify's resource; needed only to open a notify */
  apiV3Key?: string;
}

type Env = Record<string, string | undefined>;

function need(env: Env, name: string): string {
  const v = env[name];
  if (v === undefined || v.trim() === '' || isPlaceholder(v)) {
    throw new AdapterError('config_missing', `WeChat adapter is not configured: env ${name} is not set`);
  }
  return v;
}

/** PEM keys often arrive through env with literal "\n"; restore the line breaks. */
function pem(v: string): string {
  return v.includes('\\n') ? v.replace(/\\n/g, '\n') : v;
}

export function loginConfigFromEnv(env: Env = process.env): LoginConfig {
  return { appId: need(env, 'WECHAT_APPID'), secret: need(env, 'WECHAT_SECRET') };
}

function merchantFromEnv(env: Env): MerchantConfig {
  return {
    appId: need(env, 'WECHAT_APPID'),
    mchId: need(env, 'WECHAT_MCH_ID'),
    mchSerial: need(env, 'WECHAT_MCH_SERIAL'),
    mchPrivateKey: pem(need(env, 'WECHAT_MCH_PRIVATE_KEY')),
    platformPublicKey: pem(need(env, 'WECHAT_PLATFORM_PUBLIC_KEY')),
    platformSerial: need(env, 'WECHAT_PLATFORM_SERIAL'),
  };
}

export function payConfigFromEnv(env: Env = process.env): PayConfig {
  const m = merchantFromEnv(env);
  const apiV3Key = need(env, 'WECHAT_API_V3_KEY');
  if (Buffer.byteLength(apiV3Key, 'utf8') !== 32) {
    throw new AdapterError('config_missing', 'env WECHAT_API_V3_KEY must be exactly 32 bytes');
  }
  return {
    ...m,
    notifyUrl: need(env, 'WECHAT_NOTIFY_URL'),
    apiV3Key,
  };
}

export function transferConfigFromEnv(env: Env = process.env): TransferConfig {
  return {
    ...merchantFromEnv(env),
    sceneId: env.WECHAT_TRANSFER_SCENE_ID?.trim() || '1000',
    notifyUrl: env.WECHAT_TRANSFER_NOTIFY_URL?.trim() || undefined,
    apiV3Key: env.WECHAT_API_V3_KEY && !isPlaceholder(env.WECHAT_API_V3_KEY) ? env.WECHAT_API_V3_KEY : undefined,
  };
}

/** upload_shipping_info: the app's token credentials and the merchant id that names the order. */
export function shippingConfigFromEnv(env: Env = process.env): LoginConfig & { mchId: string } {
  return { ...loginConfigFromEnv(env), mchId: need(env, 'WECHAT_MCH_ID') };
}
