// Paging cursors: opaque base64url of DynamoDB's last key (the wire format docs/api.md keeps),
// refused when it points outside the partition the list reads. The domain sees only the string.
import { invalid } from '../domain/errors';
import type { Scalar } from './ddb';

export function encodeCursor(c: Record<string, Scalar> | undefined): string | undefined {
  return c ? Buffer.from(JSON.stringify(c)).toString('base64url') : undefined;
}
export function decodeCursor(
  s: string | undefined,
  pkMustBe: string,
  pkField = 'PK',
): Record<string, Scalar> | undefined {
  if (!s) return undefined;
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, Scalar>;
    // A cursor must stay inside the caller's own partition.
    if (typeof c !== 'object' || c === null || c[pkField] !== pkMustBe) throw new Error('foreign cursor');
    for (const v of Object.values(c)) if (!['string', 'number'].includes(typeof v)) throw new Error('bad cursor');
    return c;
  } catch {
    throw invalid('invalid_cursor', 'cursor is not valid');
  }
}
