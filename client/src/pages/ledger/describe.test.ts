import { describe as describeLine } from './describe';

const line = { at: '2026-12-01T00:00:00.000Z', eventId: 'e1', kind: 'order_completed' };

test('a ledger line in words with a signed amount and its unit', () => {
  expect(describeLine({ ...line, why: 'order_reward', field: 'equity', delta: '14.7' })).toEqual({
    title: '订单完成奖励 · 绿色积分',
    amount: '+14.7 积分',
  });
  expect(describeLine({ ...line, why: 'withdraw_request', field: 'cash', delta: '-50.00' })).toEqual({
    title: '申请提现 · 可提现余额',
    amount: '-50.00 元',
  });
});

test('an unknown reason never shows its code', () => {
  expect(describeLine({ ...line, kind: 'x_new', why: 'x_new', field: 'cash', delta: '1.00' }).title).toBe(
    '账户变动 · 可提现余额',
  );
});
