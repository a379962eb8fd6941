// GET /me/invite (issue 18 item 4): the shopper's mini-program code with scene r=<userId>; a new
// shopper logging in with that scene (as the code hands it over, URL-encoded) is bound to the
// inviter on the first login only.
import { call, login, uniq } from './helpers';
import { getUser } from '../../functions/src/repo/repository';

it('answers the scene, the share path and a PNG stand-in; its scene binds the first login, never a later one', async () => {
  const a = await login(uniq('inv-a'));
  const r = await call('GET', '/me/invite', { token: a.token });
  expect(r.status).toBe(200);
  expect(r.body.scene).toBe(`r=${a.userId}`);
  expect(r.body.path).toBe(`pages/index/index?ref=${a.userId}`);
  expect(r.body.image).toMatch(/^data:image\/png;base64,/);
  const png = Buffer.from(r.body.image.slice('data:image/png;base64,'.length), 'base64');
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');

  const name = uniq('inv-b');
  const first = await call('POST', '/auth/login', {
    body: { devOpenId: name, scene: encodeURIComponent(r.body.scene) },
    key: null,
  });
  expect(first.status).toBe(200);
  expect((await getUser(first.body.userId))?.referrer).toBe(a.userId);
  const other = await login(uniq('inv-c'));
  await call('POST', '/auth/login', { body: { devOpenId: name, scene: `r=${other.userId}` }, key: null });
  expect((await getUser(first.body.userId))?.referrer).toBe(a.userId);
});

it('needs a signed-in shopper', async () => {
  expect((await call('GET', '/me/invite')).status).toBe(401);
});
