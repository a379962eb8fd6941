// Login: a WeChat code (or, in the local stage only, a devOpenId) becomes a user and a token.
import { createHash } from 'crypto';
import type { User } from '../model';
import { Tx } from '../tx';
import { firstLoginOfExisting, referrerForNewUser, referrerFromScene } from '../programme/referrals';
import { invalid } from '../errors';
import { isLocalStage } from '../../stage';
import type { Deps } from '../deps';

export interface LoginReq {
  code?: string;
  devOpenId?: string;
  referrer?: string;
  scene?: string; // the mini-program code's scene: `r=<userId>`
}

function staffOpenIds(): Set<string> {
  return new Set(
    (process.env.STAFF_OPEN_IDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** Derived from the openId so two first logins at once create one user, not two. */
export const userIdFor = (openId: string) => 'u_' + createHash('sha256').update(openId).digest('hex').slice(0, 20);

export async function login(
  d: Pick<Deps, 'referrals' | 'signToken' | 'tx' | 'users' | 'wechatLogin'>,
  req: LoginReq,
): Promise<{ token: string; userId: string }> {
  let openId: string;
  if (req.devOpenId !== undefined) {
    if (!isLocalStage()) throw invalid('dev_login_disabled', 'devOpenId works only in the local stage');
    openId = `dev:${req.devOpenId}`;
  } else if (req.code !== undefined) {
    openId = (await d.wechatLogin().code2Session(req.code)).openId;
  } else {
    throw invalid('invalid_request', 'code is required');
  }
  const users = d.users;
  let userId = await users.idByOpenId(openId);
  if (!userId) {
    userId = userIdFor(openId);
    // Someone who deleted their account comes back as a new member, not under the old pseudonym.
    const former = await users.get(userId);
    if (former?.deletedAt) userId = userIdFor(`${openId}#${former.deletedAt}`);
    // Bound once, here, at the first login: never to oneself, never into a cycle (domain/programme/referrals.ts).
    const referrer = await referrerForNewUser(d, userId, req.referrer ?? referrerFromScene(req.scene));
    const user: User = {
      userId,
      openId,
      role: staffOpenIds().has(openId) ? 'staff' : 'user',
      referrer,
      nickname: '',
      createdAt: new Date().toISOString(),
    };
    await new Tx(d.tx)
      .addAll(users.create(user))
      .commit()
      .catch(async (e) => {
        if (!(await users.idByOpenId(openId))) throw e; // lost a race with our own twin: fine
      });
  } else {
    // A member imported before their first login (legacy) may still bind a referrer, once.
    await firstLoginOfExisting(d, userId, req.referrer ?? referrerFromScene(req.scene));
  }
  const role = (await users.get(userId))?.role ?? 'user';
  return { token: await d.signToken({ userId, role }), userId };
}
