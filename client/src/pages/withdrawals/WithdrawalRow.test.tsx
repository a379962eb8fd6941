import { act, render, screen, waitFor } from '@testing-library/react';
import { FakeApi } from '../../../test/fake-api';
import { click, login, openWith, text } from '../../../test/helpers';

const mockApi = new FakeApi();
jest.mock('../../api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import type { WithdrawalView } from '../../api';
import { WithdrawalRow } from './WithdrawalRow';
import WithdrawalsPage from './index';

const waiting: WithdrawalView = {
  withdrawalId: 'w_1',
  amount: '50.00',
  status: 'awaiting_confirmation',
  createdAt: '2026-12-01T02:00:00.000Z',
  confirm: { mchId: '1900000109', appId: 'wxapp', packageInfo: 'pkg-abc' },
  confirmBy: '2026-12-02T02:00:00.000Z',
};

type Wx = Record<string, unknown>;
const g = globalThis as { wx?: Wx };

beforeEach(() => {
  mockApi.calls = [];
  login();
  delete g.wx;
});

test('确认收款 hands the bill to wx.requestMerchantTransfer, then the list is read again', async () => {
  const calls: Array<Record<string, unknown>> = [];
  g.wx = {
    requestMerchantTransfer: (o: Record<string, unknown> & { success: (r: unknown) => void }) => {
      calls.push(o);
      o.success({ errMsg: 'requestMerchantTransfer:ok' });
    },
  };
  const onConfirmed = jest.fn();
  const { container } = render(<WithdrawalRow w={waiting} onConfirmed={onConfirmed} />);
  expect(text(container, 'withdrawal-status')).toBe('待确认收款');
  expect(text(container, 'withdrawal-amount')).toBe('¥50.00');
  expect(text(container, 'withdrawal-confirm-by')).toMatch(
    /^请在 2026-12-02 \d\d:00 前确认，逾期未确认的提现会退回可提现余额。$/,
  );
  await act(async () => click(container, 'withdrawal-confirm'));
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ mchId: '1900000109', appId: 'wxapp', package: 'pkg-abc' });
  expect(onConfirmed).toHaveBeenCalledTimes(1);
});

test('closing WeChat’s page is explained, nothing is re-read', async () => {
  g.wx = {
    requestMerchantTransfer: (o: { fail: (e: unknown) => void }) =>
      o.fail({ errMsg: 'requestMerchantTransfer:fail cancel' }),
  };
  const onConfirmed = jest.fn();
  const { container } = render(<WithdrawalRow w={waiting} onConfirmed={onConfirmed} />);
  await act(async () => click(container, 'withdrawal-confirm'));
  await screen.findByText('你取消了确认，钱还在等你领取，可再点“确认收款”');
  expect(onConfirmed).not.toHaveBeenCalled();
});

test('on H5 the row says where to confirm instead of a button', () => {
  const { container } = render(<WithdrawalRow w={waiting} onConfirmed={() => undefined} />);
  expect(container.querySelector('.withdrawal-confirm')).toBeNull();
  expect(text(container, 'withdrawal-confirm-elsewhere')).toContain('小程序');
});

test('every state reads in Chinese; a refused one gives its reason', () => {
  const states: Array<[WithdrawalView['status'], string]> = [
    ['requested', '审核中'],
    ['paying', '打款中'],
    ['approved', '已到账'],
    ['rejected', '未通过，已退回余额'],
    ['failed', '打款失败，已退回余额'],
    ['cancelled', '已取消，已退回余额'],
  ];
  for (const [status, words] of states) {
    const { container, unmount } = render(
      <WithdrawalRow w={{ ...waiting, status, confirm: undefined, failReason: '信息有误' }} onConfirmed={() => {}} />,
    );
    expect(text(container, 'withdrawal-status')).toBe(words);
    expect(text(container, 'withdrawal-reason')).toBe('原因：信息有误');
    expect(container.querySelector('.withdrawal-confirm, .withdrawal-confirm-elsewhere')).toBeNull();
    unmount();
  }
});

test('提现记录 pages with the server cursor until the last page', async () => {
  openWith('/pages/withdrawals/index', {});
  mockApi
    .on('GET /withdrawals', { items: [{ ...waiting, status: 'approved', confirm: undefined }], cursor: 'c1' })
    .on('GET /withdrawals?cursor=c1', { items: [{ ...waiting, withdrawalId: 'w_0', status: 'requested' }] });
  const { container } = render(<WithdrawalsPage />);
  await waitFor(() => expect(container.querySelectorAll('.withdrawal-row')).toHaveLength(1));
  await act(async () => click(container, 'withdrawals-more'));
  await waitFor(() => expect(container.querySelectorAll('.withdrawal-row')).toHaveLength(2));
  expect(text(container, 'withdrawal-w_0')).toContain('审核中');
  expect(container.querySelector('.withdrawals-more')).toBeNull();
  expect(text(container, 'withdrawals-end')).toBe('没有更多了');
});
