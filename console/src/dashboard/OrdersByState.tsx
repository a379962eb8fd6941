// How many orders are in each state now (a page of up to 500 per state: "500+" beyond).
import { Card, Col, Row, Statistic } from 'antd';
import { useEffect, useState } from 'react';
import { listOrders } from '../api';
import { ORDER_STATUS } from '../ui/format';

export function OrdersByState() {
  const [counts, setCounts] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    for (const status of Object.keys(ORDER_STATUS))
      listOrders({ status, limit: 500 }).then(
        (p) => live && setCounts((c) => ({ ...c, [status]: `${p.rows.length}${p.cursor ? '+' : ''}` })),
        () => live && setCounts((c) => ({ ...c, [status]: '暂无数据' })),
      );
    return () => {
      live = false;
    };
  }, []);
  return (
    <Card title="订单状态">
      <Row gutter={[16, 16]}>
        {Object.entries(ORDER_STATUS).map(([k, label]) => (
          <Col span={4} key={k}>
            <Statistic title={label} value={counts[k] ?? '…'} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
