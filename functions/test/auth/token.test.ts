import { SignJWT } from 'jose';
import { AuthError, signToken, verifyToken, verifyBearer } from '../../src/auth/token';

const SECRET = 'x'.repeat(40);
const saved = { ...process.env };
beforeEach(() => {
  process.env = { ...saved, STAGE: 'prod', JWT_SECRET: SECRET };
});
afterAll(() => {
  process.env = saved;
});

async function failure(p: Promise<unknown>): Promise<AuthError> {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(AuthError);
  expect((e as AuthError).status).toBe(401);
  return e as AuthError;
}

function forge(
  claims: Record<string, unknown>,
  opts: { secret?: string; aud?: string; iss?: string; exp?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u1')
    .setIssuer(opts.iss ?? 'greenpoints')
    .setAudience(opts.aud ?? 'greenpoints')
    .setIssuedAt(now - 100)
    .setExpirationTime(opts.exp ?? now + 100)
    .sign(new TextEncoder().encode(opts.secret ?? SECRET));
}

describe('auth tokens', () => {
  test('round trip keeps userId and role', async () => {
    const t = await signToken({ userId: 'u_42', role: 'staff' });
    await expect(verifyToken(t)).resolves.toEqual({ userId: 'u_42', role: 'staff' });
    await expect(verifyBearer(`Bearer ${t}`)).resolves.toEqual({ userId: 'u_42', role: 'staff' });
  });

  test('default lifetime is 7 days', async () => {
    const t = await signToken({ userId: 'u1', role: 'user' });
    const payload = JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(7 * 24 * 3600);
    expect(payload).toMatchObject({ iss: 'greenpoints', aud: 'greenpoints', sub: 'u1', role: 'user' });
  });

  test('expired -> token_expired', async () => {
    const t = await forge({ role: 'user' }, { exp: Math.floor(Date.now() / 1000) - 10 });
    expect((await failure(verifyToken(t))).code).toBe('token_expired');
  });

  test('forged signature -> invalid_token', async () => {
    const t = await forge({ role: 'staff' }, { secret: 'y'.repeat(40) });
    expect((await failure(verifyToken(t))).code).toBe('invalid_token');
    // a user token with its payload edited to staff
    const real = await signToken({ userId: 'u1', role: 'user' });
    const [h, p, s] = real.split('.');
    const edited = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'staff' }),
    ).toString('base64url');
    expect((await failure(verifyToken(`${h}.${edited}.${s}`))).code).toBe('invalid_token');
  });

  test('wrong audience or issuer -> invalid_token', async () => {
    expect((await failure(verifyToken(await forge({ role: 'user' }, { aud: 'other-app' })))).code).toBe(
      'invalid_token',
    );
    expect((await failure(verifyToken(await forge({ role: 'user' }, { iss: 'other-app' })))).code).toBe(
      'invalid_token',
    );
  });

  test('unknown role, alg none and garbage -> invalid_token', async () => {
    expect((await failure(verifyToken(await forge({ role: 'admin' })))).code).toBe('invalid_token');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u1","role":"staff","iss":"greenpoints","aud":"greenpoints","exp":9999999999}').toString('base64url')}.`;
    expect((await failure(verifyToken(none))).code).toBe('invalid_token');
    expect((await failure(verifyToken('not.a.jwt'))).code).toBe('invalid_token');
    expect((await failure(verifyBearer(undefined))).code).toBe('invalid_token');
  });

  test('missing or short secret outside local fails closed', async () => {
    delete process.env.JWT_SECRET;
    await expect(signToken({ userId: 'u1', role: 'user' })).rejects.toThrow('JWT_SECRET');
    await expect(verifyToken('a.b.c')).rejects.toThrow('JWT_SECRET');
    process.env.JWT_SECRET = 'short';
    await expect(signToken({ userId: 'u1', role: 'user' })).rejects.toThrow('32 bytes');
  });

  test('STAGE=local works with no secret, and its tokens do not verify under a production secret', async () => {
    process.env.STAGE = 'local';
    delete process.env.JWT_SECRET;
    const t = await signToken({ userId: 'dev', role: 'user' });
    await expect(verifyToken(t)).resolves.toEqual({ userId: 'dev', role: 'user' });
    process.env.STAGE = 'prod';
    process.env.JWT_SECRET = SECRET;
    expect((await failure(verifyToken(t))).code).toBe('invalid_token');
  });
});
