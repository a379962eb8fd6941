// The audit log keeps who did what, never a password, a TOTP code or a new account's secret.
import { auditEntry } from '../src/staff/wrapper';

const admin = { username: 'boss', roles: ['admin' as const] };

test('add-staff: the password is not in the entry, and the digest is not of the password', () => {
  const a = auditEntry(
    'add-staff',
    admin,
    { username: 'amy', password: 'correct-horse-1', roles: ['operator'] },
    {
      ok: true,
      result: {
        username: 'amy',
        totp: { secret: 'JBSWY3DPEHPK3PXP', otpauth: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' },
      },
    },
  );
  const text = JSON.stringify(a);
  expect(text).not.toContain('correct-horse-1');
  expect(text).not.toContain('JBSWY3DPEHPK3PXP');
  expect(a.input).toContain('"username":"amy"');
  const other = auditEntry(
    'add-staff',
    admin,
    { username: 'amy', password: 'another-pass-22', roles: ['operator'] },
    {
      ok: true,
    },
  );
  expect(other.inputDigest).toBe(a.inputDigest);
});

test('a login refused: the TOTP code is not kept', () => {
  const a = auditEntry(
    'login',
    admin,
    { username: 'boss', password: 'x'.repeat(12), totp: '123456' },
    {
      ok: false,
      error: { code: 'invalid_credentials', message: 'no' },
    },
  );
  expect(JSON.stringify(a)).not.toMatch(/123456|xxxxxxxxxxxx/);
});
