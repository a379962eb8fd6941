// The pool and what the programme owes: circulating points at the price, pending withdrawals
// (summed from the queue). Cash owed, constant points and store credit outstanding need a
// server total (a `liabilities` staff query): 暂无数据 until it exists.
import { Card, Col, Row, Statistic } from 'antd';
import { useEffect, useState } from 'react';
import { sumMoney, valueOf } from '@greenpoints/shared';
import { getPool, listWithdrawals, type Pool } from '../api';
import { can, type Role } from '../roles';
import { pts, price4, yuan } from '../ui/format';
import { poolState } from '../programme/preview';

const NONE = '暂无数据';

async function pendingWithdrawals(): Promise<string> {
  const amounts: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 40; i++) {
    const p = await listWithdrawals({ status: 'requested', limit: 500, cursor });
    amounts.push(...p.rows.map((r) => r.amount));
    if (!p.cursor) break;
    cursor = p.cursor;
  }
  return sumMoney(amounts);
}

export function Liabilities({ roles }: { roles: Role[] }) {
  const [pool, setPool] = useState<Pool>();
  const [pending, setPending] = useState<string>();
  useEffect(() => {
    void getPool().then(setPool, () => undefined);
    if (can(roles, 'list-withdrawals')) void pendingWithdrawals().then(setPending, () => undefined);
  }, [roles]);
  const stat = (title: string, value: string, cls?: string) => (
    <Col span={6}>
      <Statistic className={cls} title={title} value={value} />
    </Col>
  );
  return (
    <Card title="资金池与负债">
      <Row gutter={[16, 16]}>
        {stat('资金池', pool ? yuan(pool.fund) : NONE)}
        {stat('价格', pool ? price4(pool.price) : NONE)}
        {stat('流通积分', pool ? pts(pool.circulating) : NONE)}
        {stat('恒定积分储备（库存积分）', pool ? pts(pool.treasury) : NONE)}
        {stat('流通积分 × 价格', pool ? yuan(valueOf(poolState(pool), pool.circulating)) : NONE)}
        {stat('待处理提现', pending !== undefined ? yuan(pending) : NONE, 'liability-pending')}
        {stat('应付用户现金', NONE, 'liability-cash')}
        {stat('恒定积分余额', NONE, 'liability-constant')}
        {stat('储值余额', NONE, 'liability-store-credit')}
      </Row>
    </Card>
  );
}
