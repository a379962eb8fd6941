import { act, render, screen, waitFor } from '@testing-library/react';
import { FakeApi } from '../../../test/fake-api';
import { click, login } from '../../../test/helpers';

const mockApi = new FakeApi();
jest.mock('../../api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

// The merchant id is set at build time; the confirm view needs it.
process.env.TARO_APP_MCH_ID = '1900000109';

import type { Order } from '../../api';
import { ApiError } from '../../api/errors';
import { CONFIRM_VIEW_APP } from '../../lib/confirm-receipt';
import { OrderActions } from './OrderActions';

const shipped: Order = {
  orderId: 'o_1',
  status: 'shipped',
  amount: '100.00',
  payWith: 'wechat',
  carrier: '顺丰速运',
  trackingNo: 'SF1',
};
const received = { orderId: 'o_1', status: 'received', completesAt: '2026-12-08T04:00:00.000Z' };

type Listener = (o: unknown) => void;
const g = globalThis as { wx?: Record<string, unknown> };
// The app registers its onAppShow listener once (like the real app): kept across tests.
const shows: Listener[] = [];
let opened: Array<Record<string, unknown>> = [];

beforeEach(() => {
  mockApi.calls = [];
  opened = [];
  login();
  g.wx = {
    onAppShow: (l: Listener) => shows.push(l),
    openBusinessView: (o: Record<string, unknown> & { success: (r: unknown) => void }) => {
      opened.push(o);
      o.success({ errMsg: 'openBusinessView:ok' });
    },
  };
});
afterAll(() => delete g.wx);

/** WeChat's confirm view hands the shopper back to the app with its answer. */
const comeBack = (status: string) =>
  act(async () => shows.forEach((l) => l({ referrerInfo: { appId: CONFIRM_VIEW_APP, extraData: { status } } })));

test('确认收货 opens WeChat’s confirm view; its success goes through our confirm route', async () => {
  mockApi.on('POST /orders/o_1/confirm', received);
  const onDone = jest.fn();
  const { container } = render(<OrderActions order={shipped} onDone={onDone} />);
  await act(async () => click(container, 'confirm-order'));
  await waitFor(() => expect(opened).toHaveLength(1));
  expect(opened[0]).toMatchObject({
    businessType: 'weappOrderConfirm',
    extraData: { merchant_id: '1900000109', merchant_trade_no: 'o_1' },
  });
  expect(mockApi.callsTo('POST /orders/o_1/confirm')).toHaveLength(0);
  await comeBack('success');
  await waitFor(() => expect(onDone).toHaveBeenCalledWith(received, '已确认收货'));
  expect(mockApi.callsTo('POST /orders/o_1/confirm')).toHaveLength(1);
});

test('cancelled in WeChat’s view: nothing is confirmed; a failure is explained', async () => {
  const onDone = jest.fn();
  const { container } = render(<OrderActions order={shipped} onDone={onDone} />);
  await act(async () => click(container, 'confirm-order'));
  await waitFor(() => expect(opened).toHaveLength(1));
  await comeBack('cancel');
  await waitFor(() => expect(container.querySelector('.confirm-order')?.textContent).toBe('确认收货'));
  await act(async () => click(container, 'confirm-order'));
  await waitFor(() => expect(opened).toHaveLength(2));
  await comeBack('fail');
  expect(await screen.findByText('微信确认收货没有完成，请稍后再点“确认收货”重试')).toBeInTheDocument();
  expect(mockApi.callsTo('POST /orders/o_1/confirm')).toHaveLength(0);
  expect(onDone).not.toHaveBeenCalled();
});

test('an order not paid by WeChat is confirmed by our route alone', async () => {
  mockApi.on('POST /orders/o_1/confirm', received);
  const onDone = jest.fn();
  const { container } = render(<OrderActions order={{ ...shipped, payWith: 'constant' }} onDone={onDone} />);
  await act(async () => click(container, 'confirm-order'));
  await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
  expect(opened).toHaveLength(0);
});

test('WeChat’s message confirmed it first: our route’s invalid_status reads the order again', async () => {
  mockApi
    .on('POST /orders/o_1/confirm', () => {
      throw new ApiError(409, 'invalid_status', 'the order is received');
    })
    .on('GET /orders/o_1', { ...shipped, ...received });
  const onDone = jest.fn();
  const { container } = render(<OrderActions order={shipped} onDone={onDone} />);
  await act(async () => click(container, 'confirm-order'));
  await waitFor(() => expect(opened).toHaveLength(1));
  await comeBack('success');
  await waitFor(() =>
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ status: 'received' }), '已确认收货'),
  );
});
