// Sales, orders, points issued and burned, payouts, fees, commissions and dividends of a range
// of days (today by default), from daily-report, one day at a time with progress.
import { Card, Col, DatePicker, Progress, Row, Statistic } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { dailyReport, type DailyReport } from '../api';
import { errorText } from '../ui/errors';
import { price4, pts, yuan } from '../ui/format';
import { chinaToday, datesOf, sumReports, type RangeTotals } from './range';

export function RangeFigures() {
  const today = chinaToday();
  const [range, setRange] = useState<[string, string]>([today, today]);
  const [done, setDone] = useState(0);
  const [totals, setTotals] = useState<RangeTotals>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    const dates = datesOf(range[0], range[1]);
    void (async () => {
      const rs: DailyReport[] = [];
      setDone(0);
      setError(undefined);
      try {
        for (const d of dates) {
          rs.push(await dailyReport(d));
          if (live) setDone(rs.length / dates.length);
        }
        if (live) setTotals(sumReports(rs));
      } catch (e) {
        if (live) setError(errorText(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [range]);
  const pick = (r: [Dayjs | null, Dayjs | null] | null) =>
    setRange(r?.[0] && r[1] ? [r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')] : [today, today]);
  const stat = (title: string, value: string | number) => (
    <Col span={6}>
      <Statistic title={title} value={value} />
    </Col>
  );
  return (
    <Card
      title="经营数据"
      extra={<DatePicker.RangePicker value={[dayjs(range[0]), dayjs(range[1])]} onChange={pick} />}
    >
      {done < 1 && !error && <Progress percent={Math.round(done * 100)} size="small" />}
      {error && <p className="dashboard-none">暂无数据（{error}）</p>}
      {totals && (
        <Row gutter={[16, 16]} className="range-figures">
          {stat('销售额', yuan(totals.sales))}
          {stat('完成订单', totals.orders)}
          {stat('入池金额', yuan(totals.contributions))}
          {stat('发放积分', pts(totals.pointsIssued))}
          {stat('消耗积分（卖出、兑换）', pts(totals.pointsBurned))}
          {stat('卖出支付', yuan(totals.payouts))}
          {stat('手续费留池', yuan(totals.feesKept))}
          {stat('佣金', yuan(totals.commissions))}
          {stat('分红', yuan(totals.dividends))}
          {stat('期初价格', price4(totals.priceOpen))}
          {stat('期末价格', price4(totals.priceClose))}
        </Row>
      )}
    </Card>
  );
}
