import { route } from '../http/wrapper';
import { loginBody } from '../http/schemas';
import { login as doLogin } from '../domain/auth';

export const login = route({ auth: false, loginLimit: true, body: loginBody }, async (c) => ({
  body: await doLogin(c.body),
}));
