// The domain's errors: a kind (what went wrong, for any caller) and a documented snake_case code
// (docs/errors.md). They carry no HTTP status: functions/src/errors.ts maps kinds to the HTTP
// answer and to the staff functions' {ok: false, error}, in one table.

export type { ErrorKind } from '../error-kind';
import type { ErrorKind } from '../error-kind';

export class DomainError extends Error {
  /**
   * Final: this outcome is the answer for the caller's Idempotency-Key and is stored with it
   * (a decided pool event, a refusal after which nothing moved). Otherwise the key stays open.
   */
  readonly final: boolean;
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    opts: { final?: boolean } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.final = opts.final ?? false;
  }
}

export const invalid = (code: string, message: string) => new DomainError('invalid', code, message);
export const notFound = (what: string) => new DomainError('not_found', 'not_found', `${what} not found`);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const forbidden = (message: string) => new DomainError('forbidden', 'forbidden', message);
export const busy = (message: string) => new DomainError('busy', 'busy', message);

/** The kind of a stored rejection ({code, message} of a refused pool event). */
export function kindOfRejection(code: string): ErrorKind {
  if (code === 'invalid_amount') return 'invalid';
  if (code === 'internal') return 'internal';
  return 'refused';
}

/** A concurrent request with the same Idempotency-Key won the race: re-read its answer. */
export class IdempotencyRace extends Error {
  constructor() {
    super('idempotency race');
    this.name = 'IdempotencyRace';
  }
}
