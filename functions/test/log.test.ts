// The log's redaction: no token, secret, signature or key reaches a line, by key or by value.
import { redact, REDACTED } from '../src/log';

const line = (o: unknown) => JSON.stringify(o, redact);
const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1XzEifQ.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLXRva2Vu';

describe('redact', () => {
  it('drops the values of keys that name a secret, whatever their case or separators', () => {
    const out = line({
      Authorization: 'Bearer abc',
      token: 't',
      JWT_SECRET: 's',
      'Wechatpay-Signature': 'sig',
      apiV3Key: 'k',
      private_key: 'p',
      paySign: 'x',
      userId: 'u_1',
      requestId: 'r1',
    });
    expect(JSON.parse(out)).toEqual({
      Authorization: REDACTED,
      token: REDACTED,
      JWT_SECRET: REDACTED,
      'Wechatpay-Signature': REDACTED,
      apiV3Key: REDACTED,
      private_key: REDACTED,
      paySign: REDACTED,
      userId: 'u_1',
      requestId: 'r1',
    });
  });

  it('drops bearer tokens, JWTs and PEM keys inside any string (messages, stacks)', () => {
    const out = line({
      message: `call failed with Authorization: Bearer ${jwt} at /wallet`,
      stack: `Error: bad ${jwt}\n at x`,
      pem: 'key: -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- end',
    });
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('c2lnbmF0dXJl');
    expect(out).not.toContain('MIIE');
    expect(out).toContain('Bearer [redacted]');
    expect(JSON.parse(out).message).toBe('call failed with Authorization: Bearer [redacted] at /wallet');
  });
});
