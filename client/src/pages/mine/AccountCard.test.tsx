import { act, render, screen, waitFor } from '@testing-library/react';
import { FakeApi, fail } from '../../../test/fake-api';
import { KEY_RE, click, login, text } from '../../../test/helpers';

const mockApi = new FakeApi();
jest.mock('../../api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import { AccountCard } from './AccountCard';

const exported = {
  profile: { userId: 'uA', nickname: 'alice' },
  addresses: [],
  orders: [],
  ledger: [],
  referrals: [],
  withdrawals: [],
  exportedAt: '2026-12-07T00:00:00.000Z',
};

beforeEach(() => {
  mockApi.calls = [];
  login();
});

/** Confirms in NutUI's dialog (its 确认注销 button). */
async function confirmInDialog() {
  const ok = await screen.findByText('确认注销', { selector: '.nut-dialog-footer *, button, taro-button-core' });
  await act(async () => ok.click());
}

test('导出我的数据 downloads the server’s document as one JSON file', async () => {
  const blobs: Blob[] = [];
  const urlApi = URL as unknown as { createObjectURL?: (b: Blob) => string; revokeObjectURL?: (u: string) => void };
  urlApi.createObjectURL = (b: Blob) => (blobs.push(b), 'blob:export');
  urlApi.revokeObjectURL = () => undefined;
  mockApi.on('GET /me/export', exported);
  const { container } = render(<AccountCard onDeleted={() => undefined} />);
  await act(async () => click(container, 'export-data'));
  await waitFor(() => expect(text(container, 'export-done')).toBe('已下载 greenpoints-my-data.json'));
  expect(blobs).toHaveLength(1);
  // jsdom's Blob has no text(): read it as a browser would.
  const json = await new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blobs[0]!);
  });
  expect(JSON.parse(json)).toEqual(exported);
});

test('注销账户 asks first, then deletes once with a key', async () => {
  mockApi.on('POST /me/delete', { deleted: true });
  const onDeleted = jest.fn();
  const { container } = render(<AccountCard onDeleted={onDeleted} />);
  click(container, 'delete-account');
  expect(mockApi.calls).toHaveLength(0);
  expect(await screen.findByText(/注销后，你的昵称、头像、收货地址/)).toBeInTheDocument();
  await confirmInDialog();
  await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
  const [call] = mockApi.callsTo('POST /me/delete');
  expect(call!.key).toMatch(KEY_RE);
});

test.each([
  ['account_has_balance', '账户里还有积分或余额'],
  ['account_has_open_orders', '还有未完成的订单'],
  ['account_has_open_withdrawals', '还有处理中的提现'],
  ['account_has_open_after_sale', '还有处理中的售后申请'],
])('a refusal (%s) is said in Chinese and nothing is left', async (code, words) => {
  mockApi.on('POST /me/delete', fail(409, code));
  const onDeleted = jest.fn();
  const { container } = render(<AccountCard onDeleted={onDeleted} />);
  click(container, 'delete-account');
  await confirmInDialog();
  expect(await screen.findByText(new RegExp(words))).toBeInTheDocument();
  expect(onDeleted).not.toHaveBeenCalled();
});

test('a refusal that says 联系客服 carries the 客服 button', async () => {
  mockApi.on('POST /me/delete', fail(409, 'account_has_balance'));
  const { container } = render(<AccountCard onDeleted={() => undefined} />);
  click(container, 'delete-account');
  await confirmInDialog();
  await waitFor(() => expect(container.querySelector('.error-contact .contact-button')).not.toBeNull());
  click(container, 'error-contact .contact-button');
  expect(text(container, 'contact-fallback')).toContain('小程序');
});
