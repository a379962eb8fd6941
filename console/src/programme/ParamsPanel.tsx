// A parameter change: pick keys and values, see its effect on the live pool (the simulator,
// current vs proposed), then request it (set-config waits for a second signature).
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Space, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { defaultParams, validateParams, type Params } from '@greenpoints/shared';
import { getConfig, getPool, setConfig, type Pool } from '../api';
import { announce, errorText, showError } from '../ui/errors';
import { knownParams, poolState, preview, type PreviewInput } from './preview';
import { PARAM_NAMES, parseValue } from './param-names';

const KEYS = Object.keys(defaultParams).filter((k) => k !== 'levels');
const PREVIEW_NAMES: Record<string, string> = {
  firstPoints: '第 1 单获得积分',
  lastPoints: '最后一单获得积分',
  fund: '资金池（元）',
  circulating: '流通积分',
  price: '模拟后价格',
  sellPayout: '卖出到手（元）',
  sellPriceAfter: '卖出后价格',
};
const show = (v?: string) => v ?? '—';

function ChangeEditor({
  raw,
  setRaw,
  current,
}: {
  raw: Record<string, string>;
  setRaw: (c: Record<string, string>) => void;
  current?: Params;
}) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {KEYS.map((k) => (
        <Space key={k}>
          <span style={{ width: 180, display: 'inline-block' }}>{PARAM_NAMES[k] ?? k}</span>
          <Input
            className={`param-${k}`}
            style={{ width: 160 }}
            placeholder={
              current
                ? `当前 ${String(current[k as keyof Params])}`
                : `默认 ${String(defaultParams[k as keyof typeof defaultParams])}`
            }
            value={raw[k] ?? ''}
            onChange={(e) => setRaw({ ...raw, [k]: e.target.value })}
          />
        </Space>
      ))}
    </Space>
  );
}

function InputsForm({ input, setInput }: { input: PreviewInput; setInput: (i: PreviewInput) => void }) {
  const text = (k: 'amount' | 'contribution' | 'sellPoints', label: string) => (
    <Form.Item label={label}>
      <Input value={input[k]} onChange={(e) => setInput({ ...input, [k]: e.target.value })} style={{ width: 90 }} />
    </Form.Item>
  );
  return (
    <Form layout="inline" style={{ marginBottom: 12 }}>
      <Form.Item label="订单数">
        <InputNumber
          min={1}
          max={10000}
          value={input.orders}
          onChange={(v) => setInput({ ...input, orders: v ?? 1 })}
        />
      </Form.Item>
      {text('amount', '每单金额')}
      {text('contribution', '入池')}
      {text('sellPoints', '卖出积分')}
    </Form>
  );
}

const KEYS_SHOWN = [
  'firstPoints',
  'lastPoints',
  'fund',
  'circulating',
  'price',
  'sellPayout',
  'sellPriceAfter',
] as const;

/** The simulator's figures under the current and the proposed parameters, side by side. */
function PreviewTable({ result }: { result?: ReturnType<typeof preview> }) {
  const rows = result ? KEYS_SHOWN.map((k) => ({ k, before: result.before[k], after: result.after[k] })) : [];
  return (
    <Table
      className="param-preview"
      rowKey="k"
      size="small"
      pagination={false}
      dataSource={rows}
      style={{ marginTop: 12 }}
      columns={[
        { title: '指标', dataIndex: 'k', render: (k: string) => PREVIEW_NAMES[k] },
        { title: '当前参数', dataIndex: 'before', render: show },
        { title: '变更后', dataIndex: 'after', render: show },
      ]}
    />
  );
}

export function ParamsPanel({ mayChange }: { mayChange: boolean }) {
  const [pool, setPool] = useState<Pool>();
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [input, setInput] = useState<PreviewInput>({
    orders: 100,
    amount: '100.00',
    contribution: '30.00',
    sellPoints: '10',
  });
  // The parameters in force (get-config); the pool's three rules and the defaults if it fails.
  const [current, setCurrent] = useState<Params>();
  useEffect(() => {
    void getPool().then(setPool, showError);
    void getConfig({ limit: 1 }).then((c) => setCurrent(validateParams(c.params)), showError);
  }, []);
  const change = useMemo(
    () =>
      Object.fromEntries(
        Object.entries(raw)
          .filter(([, v]) => v.trim() !== '')
          .map(([k, v]) => [k, parseValue(k, v)]),
      ),
    [raw],
  );
  const result = useMemo(() => {
    if (!pool) return undefined;
    try {
      return { ok: preview(poolState(pool), current ?? knownParams(pool), change, input) };
    } catch (e) {
      return { error: errorText(e) };
    }
  }, [pool, current, change, input]);
  const submit = async () => {
    try {
      announce(await setConfig(change), '参数已更新');
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Row gutter={24}>
      <Col span={10}>
        <Card size="small" title="变更内容（留空表示不变）">
          <ChangeEditor raw={raw} setRaw={setRaw} current={current} />
        </Card>
      </Col>
      <Col span={14}>
        <Card size="small" title="在当前资金池上的模拟（引擎模拟器）">
          <InputsForm input={input} setInput={setInput} />
          {!current && <Alert type="info" title="未能读取当前参数：除奖励比例、卖出手续费率和发行价外按默认值模拟" />}
          {result?.error && <Alert type="error" title={result.error} style={{ marginTop: 12 }} />}
          <PreviewTable result={result?.ok} />
          {mayChange && (
            <Button
              type="primary"
              style={{ marginTop: 12 }}
              disabled={!result?.ok || Object.keys(change).length === 0}
              onClick={() => void submit()}
            >
              提交变更（需复核）
            </Button>
          )}
        </Card>
      </Col>
    </Row>
  );
}
