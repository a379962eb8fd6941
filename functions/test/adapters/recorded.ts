// Replays recorded WeChat answers through an injected fetch and keeps what was sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdapterError, type FetchLike } from '../../src/adapters/wechat/types';
import type { PayConfig, TransferConfig } from '../../src/adapters/wechat/config';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'wechat');

export function fixture<T = { status: number; headers?: Record<string, string>; body: string; bodyBase64?: string }>(
  name: string,
): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export function key(name: string): string {
  return readFileSync(join(FIXTURES, 'keys', name), 'utf8');
}

export interface FixtureConfig {
  appId: string;
  mchId: string;
  mchSerial: string;
  platformSerial: string;
  apiV3Key: string;
  wrongApiV3Key: string;
  notifyUrl: string;
  timestamp: number;
}
export const fx = fixture<FixtureConfig>('config.json');

export function payConfig(over: Partial<PayConfig> = {}): PayConfig {
  return {
    appId: fx.appId,
    mchId: fx.mchId,
    mchSerial: fx.mchSerial,
    mchPrivateKey: key('merchant_private.pem'),
    platformPublicKey: key('platform_public.pem'),
    platformSerial: fx.platformSerial,
    notifyUrl: fx.notifyUrl,
    apiV3Key: fx.apiV3Key,
    ...over,
  };
}

export function transferConfig(over: Partial<TransferConfig> = {}): TransferConfig {
  const { notifyUrl: _n, apiV3Key: _k, ...m } = payConfig();
  return { ...m, sceneId: '1000', ...over };
}

export interface Sent {
  url: string;
  method?: string;
  headers: Record<string, string>;
  body?: string;
}

/** A fetch that answers each call with the next recorded answer and records the request. */
export function replay(
  ...answers: Array<{ status: number; headers?: Record<string, string>; body: string; bodyBase64?: string } | Error>
): {
  fetchImpl: FetchLike;
  sent: Sent[];
} {
  const sent: Sent[] = [];
  const queue = [...answers];
  const fetchImpl: FetchLike = async (url, init) => {
    sent.push({ url, method: init?.method, headers: init?.headers ?? {}, body: init?.body });
    const a = queue.shift();
    if (a === undefined) throw new Error('no recorded answer left');
    if (a instanceof Error) throw a;
    const h = Object.fromEntries(Object.entries(a.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const bytes = a.bodyBase64 !== undefined ? Buffer.from(a.bodyBase64, 'base64') : Buffer.from(a.body);
    return {
      status: a.status,
      headers: { get: (n: string) => h[n.toLowerCase()] ?? null },
      text: async () => a.body,
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    };
  };
  return { fetchImpl, sent };
}

/** The AdapterError a promise rejects with (fails the test if it resolves or throws another error). */
export async function rejection(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AdapterError);
    return e as AdapterError;
  }
  throw new Error('expected a rejection');
}
