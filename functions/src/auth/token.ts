// Session tokens for the mini-program and staff console: HS256 JWTs issued after login.
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { isLocalStage, isPlaceholder } from '../stage';
import { STAFF_ROLES, type StaffRole } from './roles';

export const TOKEN_ISSUER = 'greenpoints';
export const TOKEN_AUDIENCE = 'greenpoints';
export const DEFAULT_TTL_SECONDS = 7 * 24 * 60 * 60;
// Only ever used with STAGE=local, so local runs and tests need no setup.
const DEV_SECRET = 'greenpoints-local-dev-secret-not-for-production!';

export type Role = 'user' | 'staff';
export interface TokenClaims {
  userId: string;
  role: Role;
  /** A staff console token's roles (docs/staff.md); a token without them may call no staff function. */
  roles?: StaffRole[];
}

/** How long a staff console token lives: short, so a lost one is worth little. */
export const STAFF_TTL_SECONDS = 30 * 60;

export class AuthError extends Error {
  readonly code: 'invalid_token' | 'token_expired';
  readonly status = 401;
  constructor(code: 'invalid_token' | 'token_expired', message: string) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
  }
}

const Claims = z.object({
  sub: z.string().min(1).max(128),
  role: z.enum(['user', 'staff']),
  roles: z.array(z.enum(STAFF_ROLES)).max(STAFF_ROLES.length).optional(),
});

/** Read per call so tests and Lambda env changes take effect; fails closed outside local. */
function secretKey(): Uint8Array {
  const s = process.env.JWT_SECRET;
  const local = isLocalStage();
  if (s === undefined || s === '') {
    if (local) return new TextEncoder().encode(DEV_SECRET);
    throw new Error('env JWT_SECRET is not set (required outside STAGE=local)');
  }
  const key = new TextEncoder().encode(s);
  if (!local && key.byteLength < 32) throw new Error('env JWT_SECRET must be at least 32 bytes');
  // A CI package's placeholder is public (it is in the tests): it must never sign anything.
  if (!local && isPlaceholder(s)) throw new Error('env JWT_SECRET is a placeholder; set the production secret');
  return key;
}

export async function signToken(claims: TokenClaims, ttlSeconds: number = DEFAULT_TTL_SECONDS): Promise<string> {
  const c = Claims.parse({ sub: claims.userId, role: claims.role, roles: claims.roles });
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error('ttlSeconds must be a positive integer');
  const now = Math.floor(Date.now() / 1000);
  // A staff token names its account twice: `sub` (checked) and `username` (for people reading it).
  const body = c.roles ? { role: c.role, roles: c.roles, username: c.sub } : { role: c.role };
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(c.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(secretKey());
}

export async function verifyToken(token: string): Promise<TokenClaims> {
  const key = secretKey(); // a config error is not the caller's fault: let it escape as 500
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
    throw new AuthError('invalid_token', 'token missing');
  }
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['exp', 'sub'],
    }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw new AuthError('token_expired', 'token expired');
    throw new AuthError('invalid_token', 'token invalid');
  }
  const c = Claims.safeParse(payload);
  if (!c.success) throw new AuthError('invalid_token', 'token claims invalid');
  return { userId: c.data.sub, role: c.data.role, ...(c.data.roles ? { roles: c.data.roles } : {}) };
}

/** "Bearer <jwt>" -> claims; for handlers reading the Authorization header. */
export async function verifyBearer(header: string | undefined): Promise<TokenClaims> {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) throw new AuthError('invalid_token', 'Authorization: Bearer token missing');
  return verifyToken(m[1]);
}
