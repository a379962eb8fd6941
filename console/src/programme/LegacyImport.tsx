// Legacy members from a file: a dry run in the browser (rows, totals, every bad line), then the
// import itself (import-legacy-members, which waits for a second signature).
import { Alert, Button, Descriptions, Input, Radio, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { getPool, importLegacy } from '../api';
import { announce, errorText, showError } from '../ui/errors';
import { pts, yuan } from '../ui/format';
import { dryRun, type DryRun } from './legacy-dry-run';

/** What the file would do, or every line that stops it. */
function DryRunResult({ run }: { run: DryRun }) {
  return (
    <>
      <Descriptions bordered size="small" column={4} title="试运行结果（未写入任何数据）">
        <Descriptions.Item label="会员数">{run.rows}</Descriptions.Item>
        <Descriptions.Item label="储值余额合计">{yuan(run.balance)}</Descriptions.Item>
        <Descriptions.Item label="锁定积分合计">{pts(run.points)}</Descriptions.Item>
        <Descriptions.Item label="约需注入资金池">{yuan(run.funding)}</Descriptions.Item>
      </Descriptions>
      {run.errors.length > 0 && (
        <Table
          rowKey="line"
          size="small"
          dataSource={run.errors}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: '行', dataIndex: 'line' },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
    </>
  );
}

export function LegacyImport({ mayImport }: { mayImport: boolean }) {
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [text, setText] = useState<string>();
  const [importId, setImportId] = useState(`legacy-${new Date().toISOString().slice(0, 10)}`);
  const [run, setRun] = useState<DryRun>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const check = async (file: File) => {
    const t = await file.text();
    setText(t);
    setError(undefined);
    try {
      setRun(dryRun(t, format, (await getPool()).price));
    } catch (e) {
      setRun(undefined);
      setError(errorText(e));
    }
    return false;
  };
  const submit = async () => {
    if (!text) return;
    setBusy(true);
    try {
      announce(await importLegacy({ importId, format, data: text }), '导入完成');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Radio.Group
          value={format}
          onChange={(e) => setFormat(e.target.value as 'csv' | 'json')}
          options={[
            { value: 'csv', label: 'CSV' },
            { value: 'json', label: 'JSON' },
          ]}
        />
        <Input
          addonBefore="导入批次号"
          value={importId}
          onChange={(e) => setImportId(e.target.value)}
          style={{ width: 320 }}
        />
        <Upload accept=".csv,.json,text/csv,application/json" showUploadList={false} beforeUpload={check}>
          <Button>选择文件并试运行</Button>
        </Upload>
      </Space>
      {error && <Alert type="error" title={error} />}
      {run && <DryRunResult run={run} />}
      {mayImport && (
        <Button
          type="primary"
          loading={busy}
          disabled={!run || run.errors.length > 0 || run.rows === 0}
          onClick={() => void submit()}
        >
          提交导入（需复核）
        </Button>
      )}
    </Space>
  );
}
