// The staff HTTP API (issue 17): every staff function × role over HTTP, no token 401, a shopper's
// token 403; accounts, sign-in, lockout and TOTP; the second signature (self-approval refused,
// expiry, two concurrent approvals run once, both names audited); a tampered audit entry named
// by reconcile. The docs/staff.md roles table is the code's table.
import fs from 'fs';
import path from 'path';
import { randomBytes } from 'crypto';
import { spawnSync } from 'child_process';
import { authenticator } from 'otplib';
import { dec } from '@greenpoints/shared';
import { call, completedOrder, login, sellHalf, staff, uniq, lambdaPost } from './helpers';
import { staffOnce, staffToken } from '../staff-call';
import { STAFF_ROLES, type StaffRole } from '../../functions/src/auth/roles';
import { FUNCTION_ROLES } from '../../functions/src/staff/roles';
import { partitions } from '../../functions/src/repo/keys';

const post = (fn: string, body: unknown, token?: string) =>
  call('POST', `/staff/${fn}`, { body, key: null, ...(token ? { token } : {}) });

/** A body each function refuses as malformed, so an allowed cell changes nothing. */
const HARMLESS: Record<string, unknown> = {
  'complete-due': { max: 0 },
  'settle-day': { date: 'x' },
  'release-locked': { date: 'x' },
  'drain-pool': { max: 'x' },
  reconcile: { limit: 'x' },
  'cancel-unpaid': { max: 0 },
  'sync-transfers': { max: 0 },
  'retry-shipping-uploads': { max: 0 },
};

it('docs/staff.md lists the same roles for every function as the code', async () => {
  const { STAFF_FUNCTIONS } = await import('../../functions/src/staff/index');
  expect(Object.keys(FUNCTION_ROLES).sort()).toEqual(Object.keys(STAFF_FUNCTIONS).sort());
  const md = fs.readFileSync(path.join(__dirname, '../../docs/staff.md'), 'utf8');
  const table = md.split('<!-- roles:start -->')[1]!.split('<!-- roles:end -->')[0]!;
  const rows = [...table.matchAll(/^\| `([a-z-]+)` \| ([a-z, ]+) \|/gm)].map((m) => [m[1], m[2]!.trim().split(/, */)]);
  expect(Object.fromEntries(rows)).toEqual(
    Object.fromEntries(Object.entries(FUNCTION_ROLES).map(([k, v]) => [k, [...v]])),
  );
});

describe('the matrix: every staff function × role over HTTP', () => {
  const tokens: Partial<Record<StaffRole, string>> = {};
  beforeAll(async () => {
    for (const r of STAFF_ROLES) tokens[r] = await staffToken(`mx-${r}`, [r]);
  });
  describe.each(Object.keys(FUNCTION_ROLES))('%s', (fn) => {
    it.each([...STAFF_ROLES])('%s', async (role) => {
      const r = await post(fn, HARMLESS[fn] ?? { matrixProbe: true }, tokens[role]);
      const allowed = FUNCTION_ROLES[fn]!.includes(role);
      expect({ fn, role, forbidden: r.status === 403 }).toEqual({ fn, role, forbidden: !allowed });
      if (!allowed) expect(r.body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      else expect([401, 403]).not.toContain(r.status);
    });
    it('no token: 401; a shopper token: 403', async () => {
      const shopper = await shopperToken();
      const none = await post(fn, HARMLESS[fn] ?? {});
      expect({ status: none.status, code: none.body.error?.code }).toEqual({ status: 401, code: 'invalid_token' });
      const s = await post(fn, HARMLESS[fn] ?? {}, shopper);
      expect({ status: s.status, code: s.body.error?.code }).toEqual({ status: 403, code: 'forbidden' });
    });
  });
  it('an unknown function: 404 unknown_function', async () => {
    const r = await post('no-such-thing', {}, tokens.admin);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'unknown_function' } });
  });
});

let shopper: string | undefined;
async function shopperToken() {
  shopper ??= (await login(uniq('shopper'))).token;
  return shopper;
}

const password = () => `pw-${randomBytes(8).toString('hex')}`;

/** A staff account made with the CLI's bootstrap (an admin token of a local name). */
async function account(roles: StaffRole[]) {
  const username = uniq('st').toLowerCase();
  const pw = password();
  const r = await staffOnce('staff-boot', 'add-staff', { username, password: pw, roles });
  if (!r.ok) throw new Error(JSON.stringify(r));
  const signIn = await call('POST', '/staff/login', { body: { username, password: pw }, key: null });
  if (signIn.status !== 200) throw new Error(JSON.stringify(signIn.body));
  return { username, password: pw, secret: r.result.totp.secret as string, token: signIn.body.token as string };
}

describe('accounts and sign-in', () => {
  it('login answers a 30-minute token with the roles; the token calls what the roles allow', async () => {
    const a = await account(['operator', 'auditor']);
    const r = await call('POST', '/staff/login', { body: { username: a.username, password: a.password }, key: null });
    expect(r.status).toBe(200);
    expect(r.body.roles).toEqual(['operator', 'auditor']);
    const ttl = new Date(r.body.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(25 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000);
    expect((await post('list-orders', { status: 'paid', limit: 1 }, r.body.token)).status).toBe(200);
    expect((await post('grant', {}, r.body.token)).status).toBe(403);
  });

  it('five wrong passwords lock the account for 15 minutes; the right one is refused meanwhile', async () => {
    const a = await account(['operator']);
    for (let i = 1; i <= 5; i++) {
      const r = await call('POST', '/staff/login', {
        body: { username: a.username, password: 'wrong-' + i },
        key: null,
      });
      expect({ i, status: r.status }).toEqual({ i, status: i < 5 ? 401 : 429 });
    }
    const right = await call('POST', '/staff/login', {
      body: { username: a.username, password: a.password },
      key: null,
    });
    expect({ status: right.status, code: right.body.error.code }).toEqual({ status: 429, code: 'account_locked' });
    const list = await staffOnce('staff-boot', 'list-staff', {});
    expect(list.result.rows.find((x: any) => x.username === a.username).lockedUntil).toBeDefined();
    // An admin unlocks it.
    expect((await staffOnce('staff-boot', 'update-staff', { username: a.username, unlock: true })).ok).toBe(true);
    const again = await call('POST', '/staff/login', {
      body: { username: a.username, password: a.password },
      key: null,
    });
    expect(again.status).toBe(200);
  });

  it('an unknown username and a wrong password answer the same', async () => {
    const r = await call('POST', '/staff/login', { body: { username: 'nobody-here', password: 'x' }, key: null });
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 401, code: 'invalid_credentials' });
  });

  it('a disabled account cannot sign in, and its token stops working', async () => {
    const a = await account(['operator']);
    expect((await staffOnce('staff-boot', 'update-staff', { username: a.username, disabled: true })).ok).toBe(true);
    const r = await post('list-orders', { status: 'paid' }, a.token);
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 403, code: 'account_disabled' });
    const s = await call('POST', '/staff/login', { body: { username: a.username, password: a.password }, key: null });
    expect(s.status).toBe(403);
  });

  it('add-staff is admin only over HTTP', async () => {
    const op = await account(['operator', 'finance', 'auditor']);
    const r = await post('add-staff', { username: uniq('x'), password: password(), roles: ['admin'] }, op.token);
    expect(r.status).toBe(403);
  });

  describe('with the production rules (STAFF_STRICT_LOGIN=true, as outside the local stage)', () => {
    beforeAll(() => (process.env.STAFF_STRICT_LOGIN = 'true'));
    afterAll(() => delete process.env.STAFF_STRICT_LOGIN);
    const signIn = async (body: unknown) => {
      const { login: handler } = await import('../../functions/src/handlers/staff');
      const r = await handler(lambdaPost('/staff/login', '', body, 'k1'));
      return { status: r.statusCode, body: JSON.parse(String(r.body)) };
    };

    it('a password under 12 characters is refused', async () => {
      const r = await staffOnce('staff-boot', 'add-staff', {
        username: uniq('s'),
        password: 'short-pw1',
        roles: ['finance'],
      });
      expect(r.error.code).toBe('weak_password');
    });

    it('TOTP is required: without it, or wrong, refused; with the current code, signed in', async () => {
      const username = uniq('totp');
      const pw = password() + password();
      const made = await staffOnce('staff-boot', 'add-staff', { username, password: pw, roles: ['finance'] });
      expect(made.result.totp.otpauth).toMatch(/^otpauth:\/\/totp\//);
      const secret = made.result.totp.secret as string;
      expect((await signIn({ username, password: pw })).status).toBe(401);
      const wrong = authenticator.clone({ epoch: Date.now() - 3600_000 }).generate(secret);
      expect((await signIn({ username, password: pw, totp: wrong })).status).toBe(401);
      const good = await signIn({ username, password: pw, totp: authenticator.generate(secret) });
      expect(good.status).toBe(200);
      expect(good.body.roles).toEqual(['finance']);
    });
  });
});

describe('the second signature', () => {
  let alice: Awaited<ReturnType<typeof account>>;
  let bob: Awaited<ReturnType<typeof account>>;
  let dave: Awaited<ReturnType<typeof account>>;
  let carol: Awaited<ReturnType<typeof account>>;
  let userId: string;
  beforeAll(async () => {
    [alice, bob, dave, carol] = await Promise.all([
      account(['finance']),
      account(['finance']),
      account(['finance', 'auditor']),
      account(['operator']),
    ]);
    userId = (await login(uniq('granted'))).userId;
  });
  const grant = (requestId: string) => ({ userId, points: '2', reason: 'campaign', requestId });

  it('the first call does nothing; self-approval and a role not allowed are refused; another finance member runs it', async () => {
    const first = await post('grant', grant(uniq('g')), alice.token);
    expect(first.status).toBe(200);
    expect(first.body.result).toEqual({ status: 'awaiting_approval', approvalId: expect.stringMatching(/^ap_/) });
    const id = first.body.result.approvalId;
    const self = await post('approve-request', { approvalId: id }, alice.token);
    expect({ status: self.status, code: self.body.error.code }).toEqual({ status: 403, code: 'self_approval' });
    const op = await post('approve-request', { approvalId: id }, carol.token);
    expect({ status: op.status, code: op.body.error.code }).toEqual({ status: 403, code: 'forbidden' });
    const pending = await post('list-requests', { status: 'pending', limit: 500 }, bob.token);
    expect(pending.body.result.rows.map((r: any) => r.approvalId)).toContain(id);
    const ok = await post('approve-request', { approvalId: id }, bob.token);
    expect(ok.status).toBe(200);
    expect(ok.body.result).toMatchObject({ status: 'applied' });
    const again = await post('approve-request', { approvalId: id }, dave.token);
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 409, code: 'request_not_pending' });
    const log = await post('audit-log', { fn: 'grant', actor: alice.username, limit: 10 }, dave.token);
    const ran = log.body.result.entries.find((e: any) => e.approvalId === id && e.outcome === 'ok');
    expect(ran).toMatchObject({ requester: alice.username, approver: bob.username, fn: 'grant' });
    const asked = log.body.result.entries.find((e: any) => e.approvalId === id && e.outcome === 'awaiting_approval');
    expect(asked).toMatchObject({ actor: alice.username, inputDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const done = await post('list-requests', { status: 'executed', limit: 500 }, bob.token);
    expect(done.body.result.rows.find((r: any) => r.approvalId === id)).toMatchObject({
      requester: alice.username,
      approver: bob.username,
    });
  });

  it('two approvals at once: one runs it, the other is refused; one grant', async () => {
    const requestId = uniq('g');
    const first = await post('grant', grant(requestId), alice.token);
    const id = first.body.result.approvalId;
    const both = await Promise.all([bob, dave].map((s) => post('approve-request', { approvalId: id }, s.token)));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const ledger = await staffOnce('staff-boot', 'audit-log', { fn: 'grant', limit: 50 });
    expect(ledger.result.entries.filter((e: any) => e.approvalId === id && e.outcome === 'ok')).toHaveLength(1);
  });

  it('a request expires after 24 hours (the stand-in clock of the local stage)', async () => {
    const first = await post('grant', grant(uniq('g')), alice.token);
    const later = new Date(Date.now() + 24 * 3600_000 + 60_000).toISOString();
    const r = await post('approve-request', { approvalId: first.body.result.approvalId, now: later }, bob.token);
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 409, code: 'request_expired' });
  });

  it('reject-request refuses it with a note; it cannot be approved afterwards', async () => {
    const first = await post('grant', grant(uniq('g')), alice.token);
    const id = first.body.result.approvalId;
    const r = await post('reject-request', { approvalId: id, note: '金额不符' }, bob.token);
    expect(r.body.result).toMatchObject({ status: 'rejected', requester: alice.username, approver: bob.username });
    expect((await post('approve-request', { approvalId: id }, dave.token)).status).toBe(409);
  });

  it('approve-withdrawal needs a second signature only above withdrawSecondSignAbove', async () => {
    const setThreshold = async (v: string) => {
      expect((await staff('set-config', { change: { withdrawSecondSignAbove: v } })).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 2100)); // parameters are cached for 2 s
    };
    await setThreshold('1.00');
    try {
      const u = await login(uniq('wd2'));
      for (let i = 0; i < 4; i++) {
        await completedOrder(u.token, 'rice-10kg', 5);
        await sellHalf(u.token);
        if (dec((await call('GET', '/wallet', { token: u.token })).body.cash).gte('3.00')) break;
      }
      const ask = async (amount: string) =>
        (await call('POST', '/withdrawals', { token: u.token, body: { amount } })).body;
      const big = await ask('2.00');
      const first = await post('approve-withdrawal', { withdrawalId: big.withdrawalId }, alice.token);
      expect(first.body.result).toMatchObject({ status: 'awaiting_approval' });
      const second = await post('approve-withdrawal', { withdrawalId: big.withdrawalId, approve: true }, bob.token);
      expect(second.body.result.status).toBe('awaiting_approval'); // a new request: nothing ran yet
      const ok = await post('approve-request', { approvalId: first.body.result.approvalId }, bob.token);
      // Paid out: a 商家转账 bill for the shopper to confirm (or already approved by WeChat).
      expect(ok.body.result.withdrawalId).toBe(big.withdrawalId);
      expect(['awaiting_confirmation', 'approved']).toContain(ok.body.result.status);
      const small = await ask('1.00');
      const once = await post('approve-withdrawal', { withdrawalId: small.withdrawalId }, alice.token);
      expect(once.body.result.withdrawalId).toBe(small.withdrawalId);
      expect(['awaiting_confirmation', 'approved']).toContain(once.body.result.status);
    } finally {
      await setThreshold('500.00');
    }
  });

  it('bad input is refused at once: no request to approve', async () => {
    const r = await post('set-config', { change: { sellFeeRate: '2' } }, await staffToken('cfg-admin', ['admin']));
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 422, code: 'invalid_params' });
  });
});

it('a request whose input is larger than an item (a legacy file) is stored in parts and read back whole', async () => {
  const { approvalStore } = await import('../../functions/src/repo/staff');
  const { committer } = await import('../../functions/src/repo/writes');
  const input = JSON.stringify({ data: '老王,13800138000,120.50,😀\n'.repeat(12000) });
  expect(input.length).toBeGreaterThan(250_000);
  const now = new Date().toISOString();
  const a = {
    approvalId: 'ap_' + randomBytes(10).toString('hex'),
    fn: 'import-legacy-members',
    input,
    inputDigest: 'x',
    requester: 'big-file',
    requesterRoles: ['admin' as const],
    status: 'pending' as const,
    createdAt: now,
    expiresOn: now,
  };
  await committer.commit([await approvalStore.create(a)]);
  expect((await approvalStore.get(a.approvalId))!.input).toBe(input);
});

describe('the command line', () => {
  const cli = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync('npx', ['tsx', path.join(__dirname, '../../functions/src/staff/cli.ts'), ...args], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    // The answer is the printed JSON object (log lines, if any, are single lines before it).
    const answer = /^\{$[\s\S]*^\}$/m.exec(r.stdout)?.[0];
    return { code: r.status, out: JSON.parse(answer ?? 'null') };
  };

  it('the bootstrap makes an account; a grant waits for another STAFF_USER to approve it', async () => {
    // Over HTTP first: a blocking spawn can outlive a kept-alive socket, which the next fetch would reuse.
    const userId = (await login(uniq('cli-u'))).userId;
    const username = uniq('cli').toLowerCase();
    const made = cli(['add-staff', JSON.stringify({ username, password: password(), roles: ['finance'] })]);
    expect({ code: made.code, roles: made.out?.result?.roles }).toEqual({ code: 0, roles: ['finance'] });
    const event = { userId, points: '1', reason: 'cli', requestId: uniq('g') };
    const asked = cli(['grant', JSON.stringify(event)]);
    expect(asked.out?.result?.status).toBe('awaiting_approval');
    const self = cli(['approve-request', JSON.stringify({ approvalId: asked.out.result.approvalId })]);
    expect({ code: self.code, error: self.out?.error?.code }).toEqual({ code: 1, error: 'self_approval' });
    const ran = cli(['approve-request', JSON.stringify({ approvalId: asked.out.result.approvalId })], {
      STAFF_USER: 'cli-second',
    });
    // It ran (a pool event: applied, or still pending on a loaded machine), not another request.
    expect({ code: ran.code, ok: ran.out?.ok, eventId: ran.out?.result?.eventId }).toEqual({
      code: 0,
      ok: true,
      eventId: expect.any(String),
    });
    expect(['applied', 'pending']).toContain(ran.out.result.status);
  });
});

describe('the audit log nobody can edit', () => {
  it('reconcile names a tampered entry (then the entry is put back)', async () => {
    const { scanAll, putItem } = await import('../../functions/src/repo/ddb');
    const mine = (await scanAll()).filter((i) => i.PK === partitions.audit && typeof i.chain === 'string');
    const victim = mine.sort((a, b) => String(b.SK).localeCompare(String(a.SK)))[5]!;
    await putItem({ ...victim, actor: 'someone-else' });
    try {
      const r = await post('reconcile', {}, await staffToken('rec-auditor', ['auditor']));
      expect(r.body.result.clean).toBe(false);
      expect(r.body.result.problems).toContain(
        `audit chain ${String(victim.chain)} entry ${String(victim.seq)} (${String(victim.SK)}): hash does not match its content (tampered)`,
      );
    } finally {
      await putItem(victim);
    }
  });

  it('every refused call is audited too (401 and 403)', async () => {
    const token = await staffToken('refused-op', ['operator']);
    await post('grant', {}, token);
    const log = await staffOnce('staff-boot', 'audit-log', { actor: 'refused-op', outcome: 'denied', limit: 5 });
    expect(log.result.entries[0]).toMatchObject({ fn: 'grant', roles: 'operator', ok: false, error: 'forbidden' });
  });
});
