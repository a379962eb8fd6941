// A day's settlement report (read only): status, fund, paid, carried, exits, progress.
import { Button, DatePicker, Descriptions, Empty, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { settlementReport } from '../api';
import { showError } from '../ui/errors';
import { ExportButton } from '../ui/ExportButton';

const NAMES: Record<string, string> = {
  date: '日期',
  status: '状态',
  fromDate: '起始日',
  contributions: '分红贡献（元）',
  carryIn: '上期结转（元）',
  dayFund: '当期分红资金（元）',
  participants: '参与人数',
  totalWeight: '总权重',
  paid: '已分红（元）',
  payees: '分红人数',
  carried: '结转下期（元）',
  exitEnabled: '启用出局',
  exits: '出局人数',
  exitPoints: '出局积分',
  exitPayout: '出局支付（元）',
};

export function SettlementPanel() {
  const [date, setDate] = useState<Dayjs>(dayjs().subtract(1, 'day'));
  const [report, setReport] = useState<Record<string, unknown>>();
  const load = async () => {
    try {
      setReport(await settlementReport(date.format('YYYY-MM-DD')));
    } catch (e) {
      setReport(undefined);
      showError(e);
    }
  };
  const rows = Object.entries(report ?? {})
    .filter(([k]) => NAMES[k])
    .map(([k, v]) => ({ k: NAMES[k]!, v: String(v) }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
        <Button type="primary" onClick={() => void load()}>
          查看结算报告
        </Button>
        <ExportButton
          name={`settlement-${date.format('YYYY-MM-DD')}`}
          columns={[
            { key: 'k', title: '项目' },
            { key: 'v', title: '数值' },
          ]}
          rows={rows}
        />
      </Space>
      {report ? (
        <Descriptions bordered size="small" column={3}>
          {rows.map((r) => (
            <Descriptions.Item key={r.k} label={r.k}>
              {r.v}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Empty description="选择日期查看当日结算" />
      )}
    </Space>
  );
}
