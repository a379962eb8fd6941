// The full programme's screens: 排行榜, the team (both levels, earnings, invite), and the ways to reach them.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FakeApi, fail } from './fake-api';
import { poolAnswer } from './fixtures';
import { click, login, text, texts } from './helpers';

const mockApi = new FakeApi();
jest.mock('../src/api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import LeaderboardPage from '../src/pages/leaderboard/index';
import TeamPage from '../src/pages/team/index';
import MinePage from '../src/pages/mine/index';
import PoolPage from '../src/pages/pool/index';

beforeEach(() => {
  mockApi.calls = [];
  login('uA');
});

const top = [
  { rank: 1, name: '张*丰', equity: '1500.5', level: '金卡会员' },
  { rank: 2, name: 'A***e', equity: '120', level: '银卡会员', me: true },
  { rank: 3, name: '用户****9f3a', equity: '14.7', level: '普通会员' },
];

test('the leaderboard lists rank, masked name, level and points, marks my row, and promises nothing', async () => {
  mockApi.on('GET /leaderboard', { top });
  const { container } = render(<LeaderboardPage />);
  await screen.findByText('持有积分前 10 名');
  const rows = Array.from(container.querySelectorAll('.leader-row'));
  expect(rows).toHaveLength(3);
  expect(rows.map((r) => r.querySelector('.leader-rank')?.textContent)).toEqual(['1', '2', '3']);
  expect(rows[0].textContent).toContain('张*丰');
  expect(rows[0].querySelector('.leader-level')?.textContent).toBe('金卡会员');
  expect(rows[0].querySelector('.leader-equity')?.textContent).toBe('1500.5 积分');
  // Only my row is marked, with a 我 tag.
  const mine = container.querySelectorAll('.leader-me');
  expect(mine).toHaveLength(1);
  expect(mine[0].textContent).toContain('A***e');
  expect(mine[0].querySelector('.leader-me-tag')?.textContent).toBe('我');
  expect(container.querySelector('.leader-not-listed')).toBeNull();
  expect(text(container, 'leader-notice')).toContain('排名不代表收益');
  expect(text(container, 'leader-notice')).toContain('不带来任何奖励或回报承诺');
  expect(mockApi.callsTo('GET /leaderboard')[0].auth).toBe(true);
});

test('the leaderboard says when I am not in the top 10', async () => {
  mockApi.on('GET /leaderboard', { top: top.map(({ me: _me, ...r }) => r) });
  const { container } = render(<LeaderboardPage />);
  await screen.findByText('你暂时不在前 10 名内。');
  expect(container.querySelectorAll('.leader-me')).toHaveLength(0);
});

test('an empty leaderboard and an outage are explained, the notice stays', async () => {
  mockApi.on('GET /leaderboard', { top: [] });
  const first = render(<LeaderboardPage />);
  expect(await screen.findByText('还没有人持有积分')).toBeInTheDocument();
  expect(text(first.container, 'leader-notice')).toContain('排名不代表收益');
  first.unmount();
  mockApi.on('GET /leaderboard', fail(503, 'http_503'), { top });
  render(<LeaderboardPage />);
  expect(await screen.findByText('服务暂时不可用，请稍后重试')).toBeInTheDocument();
  fireEvent.click(screen.getByText('重试'));
  await screen.findByText('持有积分前 10 名');
});

test('the team page shows commissions by kind, referral points, the invite, and promises nothing', async () => {
  mockApi.on('GET /team', {
    referrer: { userId: 'u_root' },
    direct: [{ userId: 'u_b', name: 'b***', joinedAt: '2026-11-25T10:00:00Z' }],
    second: [{ userId: 'u_c', name: 'c*', joinedAt: '2026-11-25T11:00:00Z', via: 'b***' }],
    counts: { direct: 1, second: 1 },
    commissions: '13.50',
    commissionsByKind: { l1: '10.00', l2: '2.50', agent: '1.00' },
    referralPoints: { l1: '2.1', l2: '0.35' },
  });
  const { container } = render(<TeamPage />);
  await screen.findByText('推荐所得');
  const earnings = [
    'team-commissions',
    'team-commission-l1',
    'team-commission-l2',
    'team-commission-agent',
    'team-referral-points',
    'team-referrer',
  ];
  expect(texts(container, ...earnings)).toEqual({
    'team-commissions': '¥13.50',
    'team-commission-l1': '¥10.00',
    'team-commission-l2': '¥2.50',
    'team-commission-agent': '¥1.00',
    'team-referral-points': '2.1 / 0.35',
    'team-referrer': 'u_root',
  });
  expect(screen.getByText('直接推荐（1）')).toBeInTheDocument();
  expect(screen.getByText('二级推荐（1）')).toBeInTheDocument();
  expect(screen.getByText('b***')).toBeInTheDocument();
  expect(screen.getByText('c*')).toBeInTheDocument();
  expect(text(container, 'invite-link')).toContain('#/pages/index/index?referrer=uA');
  expect(text(container, 'team-notice')).toContain('推荐关系只计两级');
  expect(text(container, 'team-notice')).toContain('不代表任何收益或回报承诺');
});

test('the team page explains an outage and retries', async () => {
  mockApi.on('GET /team', fail(0, 'network'), { direct: [], second: [] });
  render(<TeamPage />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeInTheDocument();
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('直接推荐（0）')).toBeInTheDocument();
});

test('我的 opens the leaderboard', async () => {
  const { container } = render(<MinePage />);
  click(container, 'link-leaderboard');
  await waitFor(() => expect(window.location.hash).toBe('#/pages/leaderboard/index'));
});

test('the pool page shows the live fee and opens the leaderboard', async () => {
  mockApi.on('GET /pool', poolAnswer(1, { sellFeeRate: '0.15' }));
  const { container } = render(<PoolPage />);
  await screen.findByText('资金与积分');
  expect(text(container, 'pool-fee')).toBe('15%');
  click(container, 'link-leaderboard');
  await waitFor(() => expect(window.location.hash).toBe('#/pages/leaderboard/index'));
});
