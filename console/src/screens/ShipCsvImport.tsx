// Ship from a warehouse's CSV (orderId,carrier,trackingNo; a header line is optional), checked
// first, then sent in runs of 200 with progress.
import { Button, Modal, Progress, Table, Upload } from 'antd';
import { useState } from 'react';
import { shipMany, type ShipOutcome, type Shipment } from '../api';
import { parseShipments } from './ship-csv';
import { showError } from '../ui/errors';
import { reportShipped } from './ship-report';

export function ShipCsvImport({ onDone }: { onDone: () => void }) {
  const [list, setList] = useState<Shipment[]>();
  const [errors, setErrors] = useState<string[]>([]);
  const [sent, setSent] = useState<number>();
  const read = async (file: File) => {
    const parsed = parseShipments(await file.text());
    setList(parsed.list);
    setErrors(parsed.errors);
    return false;
  };
  const run = async () => {
    if (!list) return;
    const out: ShipOutcome[] = [];
    setSent(0);
    try {
      for (let i = 0; i < list.length; i += 200) {
        out.push(...(await shipMany(list.slice(i, i + 200))));
        setSent(out.length);
      }
      reportShipped(list, out);
      setList(undefined);
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setSent(undefined);
    }
  };
  return (
    <>
      <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={read}>
        <Button>导入发货 CSV</Button>
      </Upload>
      <Modal
        title={`批量发货：${list?.length ?? 0} 单`}
        open={!!list}
        okText="确认发货"
        okButtonProps={{ disabled: errors.length > 0 || !list?.length }}
        confirmLoading={sent !== undefined}
        onOk={() => void run()}
        onCancel={() => setList(undefined)}
        width={720}
      >
        {errors.length > 0 && <pre style={{ color: '#cf1322' }}>{errors.join('\n')}</pre>}
        {sent !== undefined && <Progress percent={Math.floor((sent * 100) / (list?.length || 1))} />}
        <Table
          rowKey="orderId"
          size="small"
          dataSource={list}
          pagination={{ pageSize: 8 }}
          columns={[
            { title: '订单号', dataIndex: 'orderId' },
            { title: '快递公司', dataIndex: 'carrier' },
            { title: '运单号', dataIndex: 'trackingNo' },
          ]}
        />
      </Modal>
    </>
  );
}
