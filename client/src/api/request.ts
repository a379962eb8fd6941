import Taro from '@tarojs/taro';
import { ApiError } from './errors';
import { getToken } from '../lib/session';

// The only place that touches the network. Page tests replace this module.

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** Required by the API on every call that changes money or points. */
  idempotencyKey?: string;
  /** false for login, products and pool reads */
  auth?: boolean;
}

export function apiBase(): string {
  // Replaced at build time by Taro (config/index.ts `env`).
  const base = process.env.TARO_APP_API_BASE || '/api';
  return base.replace(/\/+$/, '');
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits between re-sends of a change the server is still applying (202 pending). */
const PENDING_BACKOFF_MS = [300, 600, 1000, 1500, 2500, 4000];

/**
 * One API call. A pool change may answer 202 {status: "pending"}: the same request with the
 * same Idempotency-Key resumes it and returns the final answer, so re-send a few times.
 */
export async function request<T>(opts: RequestOptions): Promise<T> {
  for (let i = 0; ; i++) {
    const r = await send(opts);
    const pending =
      r.status === 202 && !!opts.idempotencyKey && (r.data as { status?: unknown } | null)?.status === 'pending';
    if (!pending) return r.data as T;
    if (i >= PENDING_BACKOFF_MS.length) throw new ApiError(202, 'pending', 'still being applied');
    await sleep(PENDING_BACKOFF_MS[i]);
  }
}

async function send(opts: RequestOptions): Promise<{ status: number; data: unknown }> {
  const header: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.auth !== false) {
    const token = getToken();
    if (!token) throw new ApiError(401, 'not_logged_in', '请先登录');
    header.Authorization = `Bearer ${token}`;
  }
  if (opts.idempotencyKey) header['Idempotency-Key'] = opts.idempotencyKey;
  let res: Taro.request.SuccessCallbackResult<TaroGeneral.IAnyObject>;
  try {
    res = await Taro.request({
      url: apiBase() + opts.path,
      method: opts.method,
      header,
      data: opts.method === 'POST' || opts.method === 'PUT' ? (opts.body ?? {}) : undefined,
      dataType: 'json',
      timeout: 15000,
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg ?? e);
    throw new ApiError(0, 'network', msg);
  }
  const status = res.statusCode;
  if (status >= 200 && status < 300) return { status, data: res.data };
  const body = (res.data ?? {}) as ErrorBody;
  const code = typeof body.error?.code === 'string' ? body.error.code : `http_${status}`;
  const message = typeof body.error?.message === 'string' ? body.error.message : '';
  throw new ApiError(status, code, message);
}
