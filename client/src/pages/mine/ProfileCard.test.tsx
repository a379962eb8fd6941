import { act, render, waitFor } from '@testing-library/react';
import { FakeApi } from '../../../test/fake-api';
import { click, login, text, typeInto } from '../../../test/helpers';

const mockApi = new FakeApi();
jest.mock('../../api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import { ProfileCard } from './ProfileCard';
import { PrivacyPopup } from '../../components/PrivacyPopup';

beforeEach(() => {
  mockApi.calls = [];
  login();
});

test('编辑 asks for privacy consent first, then saves the nickname', async () => {
  mockApi.on('PUT /profile', { userId: 'uA', nickname: 'bob', avatar: '' });
  const onSaved = jest.fn();
  const { container } = render(
    <>
      <ProfileCard profile={{ userId: 'uA', nickname: '', avatar: '' }} onSaved={onSaved} />
      <PrivacyPopup />
    </>,
  );
  expect(text(container, 'mine-nickname')).toBe('未设置昵称');
  await act(async () => click(container, 'profile-edit'));
  await waitFor(() => expect(document.querySelector('.privacy-popup .privacy-agree')).not.toBeNull());
  await act(async () => click(document.body, 'privacy-agree'));
  await typeInto(container, 'nickname-input', 'bob');
  await act(async () => click(container, 'nickname-save'));
  await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ userId: 'uA', nickname: 'bob', avatar: '' }));
  expect(mockApi.callsTo('PUT /profile')[0]!.body).toEqual({ nickname: 'bob' });
});
