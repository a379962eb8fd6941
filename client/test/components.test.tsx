// The shared pieces the pages are built from: StatList, RemoteView, Links, Field, ActionButton,
// usePool and useAmountForm. Each test renders a small host component in the real Taro H5 runtime.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FakeApi, deferred, fail } from './fake-api';
import { poolAnswer } from './fixtures';
import { KEY_RE, click, login, text, typeInto } from './helpers';

const mockApi = new FakeApi();
jest.mock('../src/api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import { View, Text, Button } from '@tarojs/components';
import { api } from '../src/api';
import { StatList } from '../src/components/Stat';
import { RemoteView } from '../src/components/StateView';
import { Links } from '../src/components/Links';
import { Field } from '../src/components/Field';
import { ActionButton } from '../src/components/ActionButton';
import { pickLinks } from '../src/lib/links';
import { useRemote, type Remote } from '../src/lib/hooks';
import { usePool } from '../src/lib/usePool';
import { useAmountForm } from '../src/lib/useAmountForm';

beforeEach(() => {
  mockApi.calls = [];
  login();
});

test('StatList renders label/value rows and skips the falsy ones', () => {
  const show = false;
  const { container } = render(
    <StatList
      stats={[
        { label: '分红额度', value: '¥200.00', cls: 's-quota' },
        show && { label: '隐藏', value: 'x' },
        null,
        { label: '已分红', value: '¥0.00' },
      ]}
    />,
  );
  expect(container.querySelectorAll('.row')).toHaveLength(2);
  expect(text(container, 's-quota')).toBe('¥200.00');
  expect(container.textContent).not.toContain('隐藏');
});

function ListHost({ remote }: { remote: Remote<string[]> }) {
  return (
    <RemoteView remote={remote} isEmpty={(d) => d.length === 0} emptyText="空空如也">
      <Text className="items">{remote.data?.join(',')}</Text>
    </RemoteView>
  );
}

function Host() {
  const r = useRemote(() => api.orders().then((o) => o.items.map((x) => x.orderId)));
  return <ListHost remote={r} />;
}

test('RemoteView: loading, then the error with a retry, then the data', async () => {
  mockApi.on('GET /orders', fail(0, 'network'), { orders: [{ orderId: 'o1', status: 'paid', amount: '1.00' }] });
  const { container } = render(<Host />);
  expect(screen.getByText('加载中…')).toBeInTheDocument();
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeInTheDocument();
  expect(container.querySelector('.items')).toBeNull();
  fireEvent.click(screen.getByText('重试'));
  await waitFor(() => expect(text(container, 'items')).toBe('o1'));
});

test('RemoteView: empty data shows the empty text, not the children', async () => {
  mockApi.on('GET /orders', { orders: [] });
  const { container } = render(<Host />);
  expect(await screen.findByText('空空如也')).toBeInTheDocument();
  expect(container.querySelector('.items')).toBeNull();
});

test('Links: a grid of tiles and a list of rows, each opening its page', async () => {
  const { container } = render(
    <View>
      <Links links={pickLinks('price', 'leaderboard')} />
      <Links variant="list" links={pickLinks('team')} />
    </View>,
  );
  expect(container.querySelectorAll('.grid-item')).toHaveLength(2);
  expect(container.querySelector('.links-list .link-team')?.textContent).toContain('我的团队');
  click(container, 'link-leaderboard');
  await waitFor(() => expect(window.location.hash).toBe('#/pages/leaderboard/index'));
  click(container, 'link-team');
  await waitFor(() => expect(window.location.hash).toBe('#/pages/team/index'));
});

test('Field passes what is typed to onChange', async () => {
  const seen: string[] = [];
  const { container } = render(<Field cls="f-name" placeholder="昵称" value="" onChange={(v) => seen.push(v)} />);
  await typeInto(container, 'f-name', 'alice');
  expect(seen).toEqual(['alice']);
});

function PoolHost() {
  const pool = usePool();
  return (
    <View>
      <Text className="fee">{pool.params.sellFeeRate}</Text>
      <Text className="reward">{pool.params.rewardRatio}</Text>
      <Text className="treasury">{pool.state?.treasury ?? 'none'}</Text>
    </View>
  );
}

test('usePool: the live rules replace the defaults; the engine state once loaded', async () => {
  mockApi.on('GET /pool', poolAnswer(1, { sellFeeRate: '0.05', rewardRatio: '0.6' }));
  const { container } = render(<PoolHost />);
  expect(text(container, 'treasury')).toBe('none');
  await waitFor(() => expect(text(container, 'fee')).toBe('0.05'));
  expect(text(container, 'reward')).toBe('0.6');
  expect(text(container, 'treasury')).toBe('0');
});

test('usePool: an older server without the rules falls back to the rulebook defaults', async () => {
  const { sellFeeRate: _f, rewardRatio: _r, issuePrice: _i, ...old } = poolAnswer(1);
  mockApi.on('GET /pool', old);
  const { container } = render(<PoolHost />);
  await waitFor(() => expect(text(container, 'treasury')).toBe('0'));
  expect(text(container, 'fee')).toBe('0.1');
  expect(text(container, 'reward')).toBe('0.7');
});

function FormHost({ onDone }: { onDone: () => void }) {
  const form = useAmountForm(
    (amount: string, key: string) => api.withdraw(amount, key),
    (v) => (/^\d+(\.\d{1,2})?$/.test(v) ? '' : '金额不对'),
    onDone,
  );
  return (
    <View>
      <Field cls="f-amount" placeholder="金额" value={form.input} onChange={form.setInput} />
      <Text className="f-error">{form.error}</Text>
      <Text className="f-result">{form.result?.withdrawalId ?? ''}</Text>
      <Button className="f-go" onClick={() => form.submit()}>
        go
      </Button>
    </View>
  );
}

test('useAmountForm: the check stops a bad value; a retry keeps the key; success clears the box', async () => {
  const done = jest.fn();
  mockApi.on('POST /withdrawals', fail(0, 'network'), { withdrawalId: 'w1', status: 'requested' });
  const { container } = render(<FormHost onDone={done} />);
  await typeInto(container, 'f-amount', 'abc');
  click(container, 'f-go');
  await waitFor(() => expect(text(container, 'f-error')).toBe('金额不对'));
  expect(mockApi.calls).toHaveLength(0);
  // Editing clears the error.
  await typeInto(container, 'f-amount', '5');
  await waitFor(() => expect(text(container, 'f-error')).toBe(''));
  click(container, 'f-go');
  await waitFor(() => expect(text(container, 'f-error')).toBe('网络连接失败，请检查网络后重试'));
  await act(async () => click(container, 'f-go'));
  await waitFor(() => expect(text(container, 'f-result')).toBe('w1'));
  const [a, b] = mockApi.callsTo('POST /withdrawals');
  expect(a.key).toMatch(KEY_RE);
  expect(b.key).toBe(a.key);
  expect(b.body).toEqual({ amount: '5' });
  expect(done).toHaveBeenCalledTimes(1);
  expect((container.querySelector('.f-amount input') as HTMLInputElement).value).toBe('');
});

function ButtonHost() {
  const form = useAmountForm(
    (amount: string, key: string) => api.withdraw(amount, key),
    () => '',
  );
  return (
    <ActionButton cls="btn-plain a-go" busy={form.running} onClick={() => form.submit('1')}>
      申请提现
    </ActionButton>
  );
}

test('ActionButton: says 处理中… while the call runs, and its label comes back after', async () => {
  const gate = deferred({ withdrawalId: 'w1', status: 'requested' });
  mockApi.on('POST /withdrawals', gate.answer);
  const { container } = render(<ButtonHost />);
  expect(text(container, 'a-go')).toBe('申请提现');
  // No disabled attribute at all when idle: Taro's H5 CSS greys out [disabled], even ="false".
  expect(container.querySelector('.a-go')?.hasAttribute('disabled')).toBe(false);
  click(container, 'a-go');
  await waitFor(() => expect(text(container, 'a-go')).toBe('处理中…'));
  await act(async () => gate.release());
  await waitFor(() => expect(text(container, 'a-go')).toBe('申请提现'));
});
