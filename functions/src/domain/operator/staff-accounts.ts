// Staff accounts and sign-in (docs/staff.md "Accounts"): scrypt password hashes (Node's
// crypto.scrypt), TOTP by otplib, a lockout after 5 failures for 15 minutes, 30-minute tokens.
// Outside the local stage (or with STAFF_STRICT_LOGIN=true) TOTP is required and passwords
// have at least 12 characters.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'crypto';
import { authenticator } from 'otplib';
import type { StaffRole } from '@greenpoints/shared';
import { isLocalStage } from '../../stage';
import { DomainError, conflict, invalid, notFound } from '../errors';
import type { StaffAccount, StaffAccountStore } from './staff-ports';

export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** The production rules (TOTP required, long passwords): every stage but local, or by configuration. */
export const strictLogin = () => !isLocalStage() || process.env.STAFF_STRICT_LOGIN === 'true';

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((res, rej) => scryptCb(password, salt, 64, opts, (e, k) => (e ? rej(e) : res(k))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return got.length === want.length && timingSafeEqual(got, want);
}

// Unknown usernames cost the same scrypt as known ones: the answer's time tells nothing.
let dummyHash: Promise<string> | undefined;

export function passwordProblem(password: string): string | undefined {
  const min = strictLogin() ? 12 : 8;
  return password.length < min ? `a password has at least ${min} characters` : undefined;
}

const credentials = () => new DomainError('unauthenticated', 'invalid_credentials', 'wrong username or password');

export interface LoginReq {
  username: string;
  password: string;
  totp?: string;
}

/** Whether the second factor holds: required under strictLogin, checked whenever given. */
function totpOk(a: StaffAccount, totp: string | undefined, now: number): boolean {
  if (totp === undefined) return !strictLogin();
  if (!a.totpSecret) return false;
  // One 30-second step either side: a clock a little off still signs in.
  return authenticator.clone({ epoch: now, window: 1 }).check(totp, a.totpSecret);
}

/** A failed sign-in: counted; the fifth in a row locks the account for 15 minutes. */
async function fail(store: StaffAccountStore, a: StaffAccount, now: number): Promise<never> {
  const failures = a.failures + 1;
  const lock = failures >= MAX_FAILURES;
  const values = lock ? { failures: 0, lockedUntil: new Date(now + LOCKOUT_MS).toISOString() } : { failures };
  // A concurrent attempt moved the version: count this one on the fresh item (bounded).
  if (!(await store.update(a.username, values, a.version))) {
    const fresh = await store.get(a.username);
    if (fresh && !(fresh.lockedUntil && fresh.lockedUntil > new Date(now).toISOString()))
      await store.update(a.username, { failures: fresh.failures + 1 }, fresh.version);
  }
  throw lock ? locked() : credentials();
}

const locked = () =>
  new DomainError('busy', 'account_locked', `too many failed sign-ins; locked for ${LOCKOUT_MS / 60_000} minutes`);

/** Signs a staff session token (auth/token.ts, given by the edge): the domain holds no key. */
export interface StaffSigner {
  ttlSeconds: number;
  sign(username: string, roles: StaffRole[]): Promise<string>;
}

export async function login(store: StaffAccountStore, signer: StaffSigner, req: LoginReq, now = Date.now()) {
  const a = await store.get(req.username);
  if (!a) {
    await verifyPassword(req.password, await (dummyHash ??= hashPassword(randomBytes(12).toString('hex'))));
    throw credentials();
  }
  if (a.lockedUntil && a.lockedUntil > new Date(now).toISOString()) throw locked();
  const good = (await verifyPassword(req.password, a.passwordHash)) && totpOk(a, req.totp, now);
  if (!good) return fail(store, a, now);
  if (a.disabled) throw new DomainError('forbidden', 'account_disabled', 'this staff account is disabled');
  if (a.failures > 0) await store.update(a.username, { failures: 0 }, a.version);
  const token = await signer.sign(a.username, a.roles);
  return { token, roles: a.roles, expiresAt: new Date(now + signer.ttlSeconds * 1000).toISOString() };
}

export async function addStaff(
  store: StaffAccountStore,
  req: { username: string; password: string; roles: StaffRole[] },
  by: string,
) {
  const problem = passwordProblem(req.password);
  if (problem) throw invalid('weak_password', problem);
  const totpSecret = authenticator.generateSecret(20);
  const ok = await store.create({
    username: req.username,
    roles: [...new Set(req.roles)],
    disabled: false,
    passwordHash: await hashPassword(req.password),
    totpSecret,
    failures: 0,
    createdAt: new Date().toISOString(),
    createdBy: by,
    version: 1,
  });
  if (!ok) throw conflict('staff_exists', `the username ${req.username} is taken`);
  // The secret is shown once, here: put it into an authenticator app (otpauth URI as a QR code).
  const otpauth = authenticator.keyuri(req.username, 'greenpoints', totpSecret);
  return { username: req.username, roles: [...new Set(req.roles)], totp: { secret: totpSecret, otpauth } };
}

export const publicAccount = (a: StaffAccount) => ({
  username: a.username,
  roles: a.roles,
  disabled: a.disabled,
  createdAt: a.createdAt,
  createdBy: a.createdBy,
  ...(a.lockedUntil ? { lockedUntil: a.lockedUntil } : {}),
});

export async function updateStaff(
  store: StaffAccountStore,
  req: { username: string; roles?: StaffRole[]; disabled?: boolean; unlock?: boolean },
) {
  const a = await store.get(req.username);
  if (!a) throw notFound(`staff account ${req.username}`);
  const values = {
    ...(req.roles ? { roles: [...new Set(req.roles)] } : {}),
    ...(req.disabled !== undefined ? { disabled: req.disabled } : {}),
    ...(req.unlock ? { failures: 0, lockedUntil: '' } : {}),
  };
  if (!(await store.update(a.username, values, a.version)))
    throw conflict('conflict', 'a concurrent change won; try again');
  return publicAccount({ ...a, ...values, lockedUntil: values.lockedUntil ?? a.lockedUntil });
}
