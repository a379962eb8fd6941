import { wxFn } from './wechat';

// The invitation poster of 我的团队: the shopper's mini-program code (GET /me/invite, a PNG data
// URL) on a card with the mall's name and a line of text, drawn on a canvas where there is one
// (H5: a <canvas>; the mini-program: an offscreen 2d canvas) and handed back as a picture
// address. Without a canvas the page shows the code itself.

export const POSTER = { width: 600, height: 800, code: 360 };

/** The part of a 2d context the poster uses (both platforms have it). */
export interface PosterContext {
  fillStyle: string | CanvasGradient | CanvasPattern;
  font: string;
  textAlign: CanvasTextAlign;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  drawImage(image: unknown, x: number, y: number, w: number, h: number): void;
}

interface PosterCanvas {
  getContext(kind: '2d'): unknown;
  toDataURL(type?: string): string;
}

/** The drawing itself: background, title, the code in the middle, the invitation under it. */
export function drawPoster(ctx: PosterContext, code: unknown, name: string): void {
  const { width, height, code: size } = POSTER;
  ctx.fillStyle = '#f2faf4';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1a7f37';
  ctx.fillRect(0, 0, width, 140);
  ctx.textAlign = 'center';
  ctx.fillStyle = '#ffffff';
  ctx.font = 'bold 44px sans-serif';
  ctx.fillText('绿色积分商城', width / 2, 90);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect((width - size) / 2 - 20, 190, size + 40, size + 40);
  ctx.drawImage(code, (width - size) / 2, 210, size, size);
  ctx.fillStyle = '#333333';
  ctx.font = '30px sans-serif';
  ctx.fillText(`${name} 邀请你一起逛`, width / 2, 660);
  ctx.fillStyle = '#888888';
  ctx.font = '24px sans-serif';
  ctx.fillText('微信扫码或长按识别小程序码', width / 2, 710);
}

function h5Canvas(): { canvas: PosterCanvas; load: (src: string) => Promise<unknown> } | null {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  const load = (src: string) =>
    new Promise<unknown>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = reject;
      img.src = src;
    });
  return { canvas, load };
}

type WxCanvas = PosterCanvas & { createImage(): { src: string; onload: () => void; onerror: (e: unknown) => void } };

function weappCanvas(): { canvas: PosterCanvas; load: (src: string) => Promise<unknown> } | null {
  const create = wxFn<(o: { type: '2d'; width: number; height: number }) => WxCanvas>('createOffscreenCanvas');
  const canvas = create?.({ type: '2d', width: POSTER.width, height: POSTER.height });
  if (!canvas || typeof canvas.toDataURL !== 'function') return null;
  const load = (src: string) =>
    new Promise<unknown>((resolve, reject) => {
      const img = canvas.createImage();
      img.onload = () => resolve(img);
      img.onerror = reject;
      img.src = src;
    });
  return { canvas, load };
}

/** The poster as a PNG address, or '' where no canvas can draw it. */
export async function makePoster(codeImage: string, name: string): Promise<string> {
  const where = h5Canvas() ?? weappCanvas();
  if (!where) return '';
  try {
    const { canvas, load } = where;
    Object.assign(canvas, { width: POSTER.width, height: POSTER.height });
    const ctx = canvas.getContext('2d') as PosterContext | null;
    if (!ctx) return '';
    drawPoster(ctx, await load(codeImage), name);
    return canvas.toDataURL('image/png');
  } catch {
    return '';
  }
}
