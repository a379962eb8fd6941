// One error type for everything the API module can fail with, so pages show one kind of message.
export class ApiError extends Error {
  /** HTTP status; 0 when the request never got an answer (offline, timeout). */
  readonly status: number;
  /** The API's snake_case code, or 'network' / 'bad_response' from the client itself. */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** The request never reached the server or no answer came back: safe to retry with the same key. */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  // Still being applied, or a concurrent change won and nothing was done: same key is safe.
  if (['pending', 'idempotency_in_progress', 'conflict', 'busy'].includes(err.code)) return true;
  return err.status === 0 || err.status >= 500 || err.status === 429;
}
