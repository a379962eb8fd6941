// Mini-program codes (小程序码) without a count limit: wxacode.getUnlimited
// (POST /wxa/getwxacodeunlimit?access_token=). A success is the image itself (image/jpeg or
// image/png); a failure is JSON {errcode, errmsg}. Scene: at most 32 visible characters of
// [0-9A-Za-z!#$&'()*+,/:;=?@-._~].
import { createHash } from 'node:crypto';
import { AdapterError, type FetchLike } from './types';
import type { LoginConfig } from './config';
import { createTokenSource, TOKEN_REFUSED } from './access-token';
import { encodeGrayPng } from './png';
import type { CodeRequest, CodeImage, WeChatCode } from './types';
export type { CodeRequest, CodeImage, WeChatCode };

export const WXACODE_UNLIMIT_URL = 'https://api.weixin.qq.com/wxa/getwxacodeunlimit';
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const PAGE = /^[a-z0-9_/-]{1,128}$/i;

export function checkCodeRequest(r: CodeRequest): void {
  if (!SCENE.test(r.scene))
    throw new AdapterError('invalid_request', `scene must be 1-32 of WeChat's characters: "${r.scene}"`);
  if (!PAGE.test(r.page) || r.page.startsWith('/'))
    throw new AdapterError('invalid_request', `page "${r.page}" is not a page path`);
}

function mapCodeError(errcode: number, errmsg: string | undefined, what: string): AdapterError {
  const why = `${what} errcode ${errcode}: ${errmsg ?? ''}`.trim();
  if (errcode === 41030 || errcode === 40129 || errcode === 40169) return new AdapterError('invalid_request', why); // page, scene
  if (errcode === 45009 || errcode === 45011) return new AdapterError('rate_limited', why);
  if (errcode === -1) return new AdapterError('upstream_unavailable', why);
  return new AdapterError('upstream_error', why);
}

export function createCode(cfg: LoginConfig, opts: { fetchImpl?: FetchLike; now?: () => number } = {}): WeChatCode {
  const fetchImpl = opts.fetchImpl ?? (fetch as FetchLike);
  const tokens = createTokenSource(cfg, fetchImpl, opts.now ?? Date.now, mapCodeError);

  async function once(r: CodeRequest, force: boolean): Promise<CodeImage | number> {
    const body = JSON.stringify({
      scene: r.scene,
      page: r.page,
      check_path: false, // the page may not be published yet (trial versions)
      env_version: r.envVersion ?? 'release',
      width: r.width ?? 430,
    });
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      const url = `${WXACODE_UNLIMIT_URL}?access_token=${encodeURIComponent(await tokens.get(force))}`;
      res = await fetchImpl(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    } catch (e) {
      if (e instanceof AdapterError) throw e;
      throw new AdapterError('upstream_unavailable', `getwxacodeunlimit unreachable: ${(e as Error).message}`);
    }
    if (res.status >= 500) throw new AdapterError('upstream_unavailable', `getwxacodeunlimit HTTP ${res.status}`);
    const type = res.headers.get('content-type') ?? '';
    if (type.startsWith('image/') && res.arrayBuffer)
      return {
        contentType: type.split(';')[0]!.trim(),
        base64: Buffer.from(await res.arrayBuffer()).toString('base64'),
      };
    let j: { errcode?: unknown; errmsg?: unknown };
    try {
      j = JSON.parse(await res.text()) as typeof j;
    } catch {
      throw new AdapterError('upstream_error', `getwxacodeunlimit answered neither an image nor JSON (${type})`);
    }
    if (typeof j.errcode !== 'number' || j.errcode === 0)
      throw new AdapterError('upstream_error', 'getwxacodeunlimit answered JSON without an image');
    if (TOKEN_REFUSED.has(j.errcode)) return j.errcode;
    throw mapCodeError(j.errcode, typeof j.errmsg === 'string' ? j.errmsg : undefined, 'getwxacodeunlimit');
  }

  return {
    async unlimited(r) {
      checkCodeRequest(r);
      const first = await once(r, false);
      if (typeof first !== 'number') return first;
      const again = await once(r, true); // the cached token was revoked: one fresh token
      if (typeof again === 'number') throw mapCodeError(again, 'access token refused twice', 'getwxacodeunlimit');
      return again;
    },
  };
}

/** The sandbox's stand-in: a 21×21 pattern drawn from the scene (not a scannable code), as PNG. */
export function sandboxCode(): WeChatCode {
  return {
    async unlimited(r) {
      checkCodeRequest(r);
      const bits = createHash('sha256').update(`${r.page}?${r.scene}`).digest();
      const cell = 8;
      const size = 21 * cell;
      const png = encodeGrayPng(size, size, (x, y) => {
        const cx = Math.floor(x / cell);
        const cy = Math.floor(y / cell);
        const finder = (cx < 7 && cy < 7) || (cx > 13 && cy < 7) || (cx < 7 && cy > 13);
        if (finder) return Math.max(Math.abs((cx % 14) - 3), Math.abs((cy % 14) - 3)) === 2 ? 255 : 0;
        const i = cy * 21 + cx;
        return (bits[i % 32]! >> (i % 8)) & 1 ? 0 : 255;
      });
      return { contentType: 'image/png', base64: png.toString('base64') };
    },
  };
}
