// 区域代理: the agents by region code prefix; assign or remove one (admin).
import { Button, Form, Input, Popconfirm, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { assignAgent, listAgents } from '../api';
import { announce, showError } from '../ui/errors';
import { ExportButton } from '../ui/ExportButton';

type Agent = { region: string; userId: string };
const COLUMNS = [
  { key: 'region', title: '地区编码' },
  { key: 'userId', title: '代理用户' },
];

export function AgentsPanel({ mayAssign }: { mayAssign: boolean }) {
  const [rows, setRows] = useState<Agent[]>([]);
  const load = useCallback(() => void listAgents().then(setRows, showError), []);
  useEffect(load, [load]);
  const act = async (a: { region: string; userId?: string; remove?: boolean }) => {
    try {
      announce(await assignAgent(a), a.remove ? '已取消代理' : '已设置代理');
      load();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <>
      {mayAssign && (
        <Form layout="inline" onFinish={(a: Agent) => void act(a)} style={{ marginBottom: 12 }}>
          <Form.Item name="region" rules={[{ required: true, message: '地区编码，如 4401' }]}>
            <Input placeholder="地区编码，如 330106" />
          </Form.Item>
          <Form.Item name="userId" rules={[{ required: true, message: '代理的用户 ID' }]}>
            <Input placeholder="用户 ID" />
          </Form.Item>
          <Button htmlType="submit" type="primary">
            设置代理（需复核）
          </Button>
        </Form>
      )}
      <ExportButton name="agents" columns={COLUMNS} rows={rows} />
      <Table<Agent>
        rowKey="region"
        size="small"
        dataSource={rows}
        style={{ marginTop: 12 }}
        columns={[
          { title: '地区编码', dataIndex: 'region' },
          { title: '代理用户', dataIndex: 'userId' },
          ...(mayAssign
            ? [
                {
                  title: '操作',
                  key: 'op',
                  render: (_: unknown, a: Agent) => (
                    <Popconfirm title="取消该地区代理？" onConfirm={() => act({ region: a.region, remove: true })}>
                      <Button danger size="small">
                        取消
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
