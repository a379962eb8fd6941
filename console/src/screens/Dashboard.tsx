// 经营概览: figures of a range of days, orders by state, the pool and the liabilities, the
// price chart, the last reconcile. Each part shows only what the signed-in roles may read.
import { Space } from 'antd';
import { can } from '../roles';
import { LastReconcile } from '../dashboard/LastReconcile';
import { Liabilities } from '../dashboard/Liabilities';
import { OrdersByState } from '../dashboard/OrdersByState';
import { PriceChart } from '../dashboard/PriceChart';
import { RangeFigures } from '../dashboard/RangeFigures';
import type { ScreenProps } from '.';

export function Dashboard({ session }: ScreenProps) {
  const roles = session.roles;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {can(roles, 'daily-report') && <RangeFigures />}
      {can(roles, 'list-orders') && <OrdersByState />}
      <Liabilities roles={roles} />
      <PriceChart />
      <LastReconcile roles={roles} />
    </Space>
  );
}
