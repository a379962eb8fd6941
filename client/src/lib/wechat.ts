// WeChat APIs that Taro does not wrap (wx.requestMerchantTransfer, the privacy guide) or that
// exist only in some base library versions (wx.openBusinessView). Looked up on the `wx` global
// at call time: absent on H5 and in older WeChat, where each caller has its fallback.
type WxOptions = Record<string, unknown>;
type WxFn = (options: WxOptions) => void;

function wxGlobal(): Record<string, unknown> | undefined {
  return (globalThis as { wx?: Record<string, unknown> }).wx;
}

/** The WeChat function `name`, bound, or undefined where there is none. */
export function wxFn<F = WxFn>(name: string): F | undefined {
  const wx = wxGlobal();
  const f = wx?.[name];
  return typeof f === 'function' ? ((f as (...a: unknown[]) => unknown).bind(wx) as F) : undefined;
}

export const hasWx = (name: string): boolean => !!wxFn(name);

/** An error WeChat reported through `fail`: its errMsg, e.g. "requestMerchantTransfer:fail cancel". */
export class WxError extends Error {
  readonly cancelled: boolean;
  constructor(errMsg: string) {
    super(errMsg);
    this.name = 'WxError';
    this.cancelled = /cancel/i.test(errMsg);
  }
}

/** Calls a callback-style wx API as a promise; rejects with WxError. */
export function callWx<R = unknown>(name: string, options: WxOptions): Promise<R> {
  const f = wxFn(name);
  if (!f) return Promise.reject(new WxError(`${name}:fail not available`));
  return new Promise<R>((resolve, reject) =>
    f({
      ...options,
      success: (r: R) => resolve(r),
      fail: (e: { errMsg?: string } | undefined) => reject(new WxError(e?.errMsg ?? `${name}:fail`)),
    }),
  );
}
