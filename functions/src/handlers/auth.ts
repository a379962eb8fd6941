import { routes } from '../http/wrapper';
import { http } from '../wiring/http';
import { core } from '../wiring/core';
import { referrals } from '../wiring/programme';
import { session } from '../wiring/ports';
import { loginBody } from '../http/schemas';
import { login as doLogin } from '../domain/shop/auth';

const route = routes(http);
const deps = { ...core, ...referrals, ...session };

export const login = route({ auth: false, loginLimit: true, body: loginBody }, async (c) => ({
  body: await doLogin(deps, c.body),
}));
