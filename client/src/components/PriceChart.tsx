import { useEffect, useRef, useState } from 'react';
import { Canvas, View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { drawPriceChart, KIND_COLORS, type ChartPoint, type ChartSurface } from '../lib/price-chart';
import './PriceChart.css';

const HEIGHT = 240; // CSS px (the canvas is scaled by the pixel ratio)
let seq = 0;

function pixelRatio(): number {
  try {
    return Taro.getSystemInfoSync().pixelRatio || 2;
  } catch {
    return 2;
  }
}

/** H5: the <canvas> Taro's Canvas renders (or null where there is none, e.g. jsdom). */
function h5Surface(id: string): ChartSurface | null {
  const host = document.getElementById(id);
  const el = host && (host.tagName === 'CANVAS' ? host : host.querySelector('canvas'));
  if (!(el instanceof HTMLCanvasElement)) return null;
  const width = (host as HTMLElement).clientWidth || el.clientWidth;
  const ratio = window.devicePixelRatio || 2;
  el.width = width * ratio;
  el.height = HEIGHT * ratio;
  el.style.width = `${width}px`;
  el.style.height = `${HEIGHT}px`;
  const context = width > 0 ? el.getContext('2d') : null;
  return context ? { context, width, height: HEIGHT, pixelRatio: ratio } : null;
}

interface MiniCanvas {
  width: number;
  height: number;
  getContext: (t: '2d') => CanvasRenderingContext2D;
  createImage: () => HTMLImageElement;
  requestAnimationFrame: (cb: () => void) => number;
  cancelAnimationFrame: (id: number) => void;
}

/** Mini-program: the node of <Canvas type="2d">, found once the page has rendered it. */
function weappSurface(id: string): Promise<ChartSurface | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: MiniCanvas; width?: number; height?: number } | null>) => {
        const r = res?.[0];
        if (!r?.node || !r.width) return resolve(null);
        const ratio = pixelRatio();
        r.node.width = r.width * ratio;
        r.node.height = (r.height || HEIGHT) * ratio;
        resolve({
          context: r.node.getContext('2d'),
          width: r.width,
          height: r.height || HEIGHT,
          pixelRatio: ratio,
          createImage: () => r.node!.createImage(),
          requestAnimationFrame: (cb) => r.node!.requestAnimationFrame(cb),
          cancelAnimationFrame: (n) => r.node!.cancelAnimationFrame(n),
        });
      });
  });
}

async function findSurface(id: string): Promise<ChartSurface | null> {
  // The canvas may not be laid out on the first tick: a few tries, then give up (the list stays).
  for (let i = 0; i < 5; i++) {
    const s = process.env.TARO_ENV === 'weapp' ? await weappSurface(id) : h5Surface(id);
    if (s) return s;
    await new Promise((r) => setTimeout(r, 60 * (i + 1)));
  }
  return null;
}

/** The price over time (AntV F2), one dot per pool event coloured by what moved the price. */
export function PriceChart({ points, kinds }: { points: ChartPoint[]; kinds: string[] }) {
  const id = useRef(`price-chart-${++seq}`).current;
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    let chart: { destroy: () => void } | undefined;
    let gone = false;
    findSurface(id).then(
      (surface) => {
        if (gone || !surface) return;
        try {
          chart = drawPriceChart(surface, points, kinds);
          setDrawn(true);
        } catch (e) {
          console.warn('[price chart]', e);
        }
      },
      () => undefined,
    );
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [id, points, kinds]);
  return (
    <View className={`price-chart ${drawn ? 'price-chart-drawn' : ''}`}>
      <Canvas type="2d" id={id} canvasId={id} className="price-canvas" />
      {!drawn && <Text className="muted price-chart-wait">走势图绘制中…</Text>}
      <View className="chart-legend">
        {kinds.map((k, i) => (
          <View key={k} className="chart-legend-item">
            <View className="chart-legend-dot" style={{ background: KIND_COLORS[i % KIND_COLORS.length] }} />
            <Text className="muted">{k}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
