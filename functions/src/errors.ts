// The one table from errors to answers (docs/errors.md). Whatever is thrown (a DomainError, the
// engine's RuleError, a token, adapter, validation or DynamoDB error) is classified once into
// {kind, code, message}; the HTTP wrapper answers the kind's status, the staff wrapper
// {ok: false, error}. The domain itself knows no status.
import { ZodError } from 'zod';
import { isRuleError } from '@greenpoints/shared';
import { AuthError } from './auth/token';
import { AdapterError } from './adapters/wechat/types';
import { DomainError, kindOfRejection, type ErrorKind } from './domain/errors';
import { StaleRead } from './domain/tx';
import { log } from './log';

export const HTTP_STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  refused: 422,
  busy: 429,
  upstream: 502,
  internal: 500,
};

export interface Classified {
  kind: ErrorKind;
  code: string;
  message: string;
  /** Not one of ours: a bug or an unexpected failure (logged, message not shown to shoppers). */
  unexpected?: boolean;
}

const THROTTLED = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'TransactionConflictException',
]);

function zodMessage(e: ZodError): string {
  return e.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

export function classify(e: unknown): Classified {
  if (e instanceof DomainError) return { kind: e.kind, code: e.code, message: e.message };
  if (isRuleError(e)) return { kind: kindOfRejection(e.code), code: e.code, message: e.message };
  if (e instanceof AuthError) return { kind: 'unauthenticated', code: e.code, message: e.message };
  if (e instanceof AdapterError) return { kind: e.kind, code: e.code, message: e.message };
  if (e instanceof ZodError) return { kind: 'invalid', code: 'invalid_request', message: zodMessage(e) };
  // A cancelled DynamoDB transaction (repo/ddb.ts TxCancelled), known by name: no layer here imports repo/.
  if ((e as Error | undefined)?.name === 'TxCancelled' || e instanceof StaleRead)
    return { kind: 'conflict', code: 'conflict', message: 'a concurrent change won; try again' };
  if (THROTTLED.has((e as { name?: string })?.name ?? ''))
    return { kind: 'busy', code: 'busy', message: 'too many concurrent changes; try again shortly' };
  return { kind: 'internal', code: 'internal', message: (e as Error)?.message ?? String(e), unexpected: true };
}

export interface ErrorReply {
  status: number;
  body: { error: { code: string; message: string } };
}

export const errorBody = (code: string, message: string) => ({ error: { code, message } });

/** The HTTP answer of an error; an unexpected one is logged and answered without its details. */
export function toErrorReply(e: unknown): ErrorReply {
  const c = classify(e);
  if (c.unexpected) {
    log.error('internal', { error: e as Error });
    return { status: 500, body: errorBody('internal', 'internal error') };
  }
  return { status: HTTP_STATUS[c.kind], body: errorBody(c.code, c.message) };
}

/** The staff functions' answer of an error: staff see the message of an unexpected one. */
export function toStaffError(e: unknown, fn: string): { code: string; message: string } {
  const c = classify(e);
  if (c.unexpected) log.error('staff function failed', { fn, error: e as Error });
  return { code: c.code, message: c.message };
}

/** Whether this error is the final answer for the caller's Idempotency-Key (stored with it). */
export const isFinal = (e: unknown): boolean => e instanceof DomainError && e.final;
