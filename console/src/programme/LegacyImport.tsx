// Legacy members from a file: the server's dry run first (import-legacy-members {dryRun: true}:
// the import's own checks, against members imported already too, and its totals; nothing is
// written and no second signature is needed), then the import itself (which waits for one).
import { Alert, Button, Descriptions, Input, Radio, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { importLegacy, importLegacyDryRun, type LegacyDryRun } from '../api';
import { announce, errorText, showError } from '../ui/errors';
import { pts, yuan } from '../ui/format';

const STATUS: Record<LegacyDryRun['status'], string> = {
  dry_run: '可以导入',
  rejected: '文件有问题，不能导入',
  done: '该批次已导入',
};

/** What the file would do, or every line that stops it. */
function DryRunResult({ run }: { run: LegacyDryRun }) {
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={4}
        title="试运行结果（服务器校验，未写入任何数据）"
        className="legacy-dry-run"
      >
        <Descriptions.Item label="结论">{STATUS[run.status]}</Descriptions.Item>
        <Descriptions.Item label="会员数">{run.rows}</Descriptions.Item>
        <Descriptions.Item label="新会员">{run.newUsers}</Descriptions.Item>
        <Descriptions.Item label="已有用户">{run.existingUsers}</Descriptions.Item>
        <Descriptions.Item label="储值余额合计">{yuan(run.storeCredit)}</Descriptions.Item>
        <Descriptions.Item label="锁定积分合计">{pts(run.pointsLocked)}</Descriptions.Item>
        <Descriptions.Item label="按当前价格约需注入资金池">{yuan(run.grantFundingNow)}</Descriptions.Item>
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
  const [run, setRun] = useState<LegacyDryRun>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const check = async (file: File) => {
    const t = await file.text();
    setText(t);
    setError(undefined);
    setRun(undefined);
    setBusy(true);
    try {
      setRun(await importLegacyDryRun({ importId, format, data: t }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
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
          <Button loading={busy}>选择文件并试运行</Button>
        </Upload>
      </Space>
      {error && <Alert type="error" title={error} />}
      {run && <DryRunResult run={run} />}
      {mayImport && (
        <Button
          type="primary"
          loading={busy}
          disabled={!run || run.status !== 'dry_run' || run.rows === 0}
          onClick={() => void submit()}
        >
          提交导入（需复核）
        </Button>
      )}
    </Space>
  );
}
