// The error vocabulary of the API (docs/errors.md): every failure leaves as
// {"error": {"code", "message"}} with one documented status.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);
export const badRequest = (code: string, message: string) => new HttpError(400, code, message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);

/** A concurrent request with the same Idempotency-Key won the race: re-read its answer. */
export class IdempotencyRace extends Error {
  constructor() {
    super('idempotency race');
    this.name = 'IdempotencyRace';
  }
}
