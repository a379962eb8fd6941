import { render, waitFor } from '@testing-library/react';
import { FakeApi, fail } from '../../../test/fake-api';
import { login } from '../../../test/helpers';

const mockApi = new FakeApi();
jest.mock('../../api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import { drawPoster, POSTER, type PosterContext } from '../../lib/poster';
import { InvitePoster } from './InvitePoster';

const code = 'data:image/png;base64,iVBORw0KGgo=';

beforeEach(() => {
  mockApi.calls = [];
  login();
  mockApi.on('GET /profile', { userId: 'uA', nickname: 'alice', avatar: '' });
});

test('the poster card shows the shopper’s code (jsdom draws no canvas: the code itself)', async () => {
  mockApi.on('GET /me/invite', { scene: 'r=uA', path: 'pages/index/index', image: code });
  const { container } = render(<InvitePoster />);
  await waitFor(() => expect(container.querySelector('.invite-poster')).not.toBeNull());
  expect(container.querySelector('.invite-code-image')?.getAttribute('src')).toBe(code);
});

test('a server without GET /me/invite (404) leaves the card out, no error', async () => {
  mockApi.on('GET /me/invite', fail(404, 'not_found'));
  const { container } = render(<InvitePoster />);
  await waitFor(() => expect(mockApi.callsTo('GET /me/invite')).toHaveLength(1));
  expect(container.querySelector('.invite-poster, .invite-poster-error')).toBeNull();
});

test('drawPoster puts the code in the middle of the card and names the inviter', () => {
  const drawn: unknown[][] = [];
  const texts: string[] = [];
  const ctx: PosterContext = {
    fillStyle: '',
    font: '',
    textAlign: 'left',
    fillRect: () => undefined,
    fillText: (t: string) => void texts.push(t),
    drawImage: (...a: unknown[]) => void drawn.push(a),
  };
  drawPoster(ctx, 'IMG', 'alice');
  expect(drawn).toEqual([['IMG', (POSTER.width - POSTER.code) / 2, 210, POSTER.code, POSTER.code]]);
  expect(texts).toContain('alice 邀请你一起逛');
});
