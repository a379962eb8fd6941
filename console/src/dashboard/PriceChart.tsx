// The price along the last pool events (GET /pool/history), as a small SVG line. The prices are
// turned into pixels only: no amount is computed from the drawn numbers.
import { Card, Empty } from 'antd';
import { useEffect, useState } from 'react';
import { dec } from '@greenpoints/shared';
import { getPoolHistory, type PricePoint } from '../api';
import { price4, time } from '../ui/format';

const W = 640;
const H = 180;

function path(points: PricePoint[]): { d: string; lo: string; hi: string } {
  const ps = points.map((p) => dec(p.price));
  const lo = ps.reduce((a, b) => (b.lt(a) ? b : a));
  const hi = ps.reduce((a, b) => (b.gt(a) ? b : a));
  const span = hi.minus(lo).isZero() ? dec(1) : hi.minus(lo);
  const x = (i: number) => (points.length === 1 ? W / 2 : (i * W) / (points.length - 1));
  const y = (i: number) =>
    H -
    10 -
    ps[i]!.minus(lo)
      .div(span)
      .times(H - 20)
      .toNumber();
  const d = points.map((_, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(i).toFixed(1)}`).join(' ');
  return { d, lo: lo.toFixed(), hi: hi.toFixed() };
}

export function PriceChart() {
  const [points, setPoints] = useState<PricePoint[]>();
  useEffect(
    () =>
      void getPoolHistory(100).then(
        (h) => setPoints([...h].reverse()),
        () => setPoints([]),
      ),
    [],
  );
  if (!points) return <Card title="价格走势" loading />;
  if (points.length === 0)
    return (
      <Card title="价格走势">
        <Empty description="暂无数据" />
      </Card>
    );
  const { d, lo, hi } = path(points);
  return (
    <Card title="价格走势" extra={`${time(points[0]!.at)} — ${time(points[points.length - 1]!.at)}`}>
      <svg className="price-chart" viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-label="价格走势">
        <path d={d} fill="none" stroke="#2f9e44" strokeWidth={2} />
        <text x={4} y={12} fontSize={11} fill="#888">
          {price4(hi)}
        </text>
        <text x={4} y={H - 2} fontSize={11} fill="#888">
          {price4(lo)}
        </text>
      </svg>
    </Card>
  );
}
