// The price line drawn with AntV F2 on a canvas 2d context: the same code on H5 (the <canvas>
// inside Taro's Canvas) and in the mini-program (the node of <Canvas type="2d">). Prices are
// drawn from numbers (pixels only); every figure shown as text comes from the decimal strings.
import { Axis, Canvas, Chart, Line, Point, jsx, type CanvasProps } from '@antv/f2';

// F2's jsx() is typed for its JSX transform (each tag's own props); called by hand, one loose
// signature reads better than a cast per element.
const el = jsx as unknown as (type: unknown, props: Record<string, unknown>) => { props: CanvasProps };

export interface ChartPoint {
  /** ms since epoch */
  t: number;
  price: number;
  /** 订单完成 / 卖出 / 积分兑换 … */
  kind: string;
}

export interface ChartSurface {
  context: CanvasRenderingContext2D;
  width: number;
  height: number;
  pixelRatio: number;
  /** Mini-program canvases: their own image factory and animation frames. */
  createImage?: () => HTMLImageElement;
  requestAnimationFrame?: (cb: () => void) => number;
  cancelAnimationFrame?: (id: number) => void;
}

/** One colour per kind of event, in order of first appearance (the page's legend uses the same). */
export const KIND_COLORS = ['#1a7f37', '#e67e22', '#2980b9', '#8e44ad', '#c0392b', '#7f8c8d', '#16a085'];

// Axis labels in CSS pixels (F2's default, 10 px, is hard to read on a phone).
const AXIS_STYLE = { label: { fontSize: 11, fill: '#666' } };

const pad = (n: number) => String(n).padStart(2, '0');
/** 11-24 over days; 09:30 within two days; 09:30:15 within an hour (a busy demo minute). */
export function tickLabel(t: number, span: number): string {
  const d = new Date(t);
  if (span < 3600_000) return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (span < 2 * 86400_000) return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Draws (or redraws) the chart; returns the F2 canvas to destroy on unmount. */
export function drawPriceChart(surface: ChartSurface, points: ChartPoint[], kinds: string[]): { destroy: () => void } {
  const span = points.length ? points[points.length - 1].t - points[0].t : 0;
  const node = el(Canvas, {
    context: surface.context,
    width: surface.width,
    height: surface.height,
    pixelRatio: surface.pixelRatio,
    createImage: surface.createImage,
    requestAnimationFrame: surface.requestAnimationFrame,
    cancelAnimationFrame: surface.cancelAnimationFrame,
    animate: false,
    // Room on the right for the last time label, on the left for ¥x.xxxx.
    padding: [12, 28, 28, 64],
    children: el(Chart, {
      data: points,
      scale: {
        t: { type: 'linear', tickCount: 3, nice: false },
        price: { tickCount: 5, nice: true },
      },
      children: [
        el(Axis, { field: 't', formatter: (v: number) => tickLabel(v, span), style: AXIS_STYLE }),
        el(Axis, { field: 'price', formatter: (v: number) => `¥${Number(v).toFixed(4)}`, style: AXIS_STYLE }),
        el(Line, { x: 't', y: 'price', color: '#1a7f37', shape: 'line' }),
        el(Point, {
          x: 't',
          y: 'price',
          color: { field: 'kind', range: KIND_COLORS.slice(0, Math.max(1, kinds.length)) },
          size: 4,
        }),
      ],
    }),
  });
  const canvas = new Canvas(node.props);
  void canvas.render();
  return { destroy: () => canvas.destroy() };
}
