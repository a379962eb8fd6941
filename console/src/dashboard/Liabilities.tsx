// The pool and what the programme owes, as the server sums it (`liabilities`: the pool item and
// the exact sums of every wallet): circulating points at the price, cash owed to shoppers
// (pending withdrawals included), pending withdrawals, constant points and store credit.
// Without the finance roles only the public pool shows.
import { Card, Col, Row, Statistic } from 'antd';
import { useEffect, useState } from 'react';
import { getPool, liabilities, type Liabilities as Owed, type Pool } from '../api';
import { can, type Role } from '../roles';
import { showError } from '../ui/errors';
import { pts, price4, time, yuan } from '../ui/format';

const NONE = '暂无数据';

export function Liabilities({ roles }: { roles: Role[] }) {
  const [pool, setPool] = useState<Pool>();
  const [owed, setOwed] = useState<Owed>();
  const mayRead = can(roles, 'liabilities');
  useEffect(() => {
    void getPool().then(setPool, () => undefined);
    if (mayRead) void liabilities().then(setOwed, showError);
  }, [mayRead]);
  const stat = (title: string, value: string | undefined, cls?: string) => (
    <Col span={6}>
      <Statistic className={cls} title={title} value={value ?? NONE} />
    </Col>
  );
  const money = (v: string | undefined) => (v === undefined ? undefined : yuan(v));
  return (
    <Card title="资金池与负债" extra={owed ? `统计时间 ${time(owed.asOf)}（${owed.wallets} 个钱包）` : undefined}>
      <Row gutter={[16, 16]}>
        {stat('资金池', pool && yuan(pool.fund))}
        {stat('价格', pool && price4(pool.price))}
        {stat('流通积分', pool && pts(pool.circulating))}
        {stat('恒定积分储备（库存积分）', pool && pts(pool.treasury))}
        {mayRead && (
          <>
            {stat('流通积分 × 价格', money(owed?.circulatingValue), 'liability-circulating')}
            {stat('应付用户现金（含提现中）', money(owed?.cashOwed), 'liability-cash')}
            {stat('待处理提现', money(owed?.pendingWithdrawals), 'liability-pending')}
            {stat('恒定积分余额', money(owed?.constantOutstanding), 'liability-constant')}
            {stat('储值余额（消费币）', money(owed?.storeCredit), 'liability-store-credit')}
          </>
        )}
      </Row>
    </Card>
  );
}
