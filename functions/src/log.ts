// Structured logs: one JSON line per entry (Powertools Logger), carrying the keys of the request
// being served (requestId, userId, eventId) from an AsyncLocalStorage, so concurrent requests in
// one process never mix their keys. Secrets never reach a line: keys that name a secret and
// values that look like one (a bearer token, a JWT) are replaced before printing.
import { AsyncLocalStorage } from 'async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';

export interface LogKeys {
  requestId?: string;
  userId?: string;
  eventId?: string;
  fn?: string;
}

export const REDACTED = '[redacted]';

/** Key names whose values are never logged (compared without case, '-' or '_'). */
const SECRET_KEYS =
  /^(authorization|token|accesstoken|refreshtoken|idtoken|jwt|secret|jwtsecret|clientsecret|password|signature|wechatpaysignature|sign|paysign|apikey|apiv3key|privatekey|mchkey|sessionkey|cookie|setcookie)$/;
const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g;
const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;

/** The JSON replacer of every log line. */
export function redact(key: string, value: unknown): unknown {
  if (key && SECRET_KEYS.test(key.toLowerCase().replace(/[-_]/g, ''))) return REDACTED;
  if (typeof value === 'string')
    return value.replace(BEARER, `Bearer ${REDACTED}`).replace(JWT, REDACTED).replace(PEM, REDACTED);
  return value;
}

const logger = new Logger({
  serviceName: 'greenpoints',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
  jsonReplacerFn: redact,
});

const store = new AsyncLocalStorage<LogKeys>();

/** Runs `fn` with these keys on every line it logs (nested calls add to them). */
export function withLogKeys<T>(keys: LogKeys, fn: () => Promise<T>): Promise<T> {
  return store.run({ ...store.getStore(), ...keys }, fn);
}

/** Adds keys to the lines of the request being served (e.g. the userId once it is known). */
export function addLogKeys(keys: LogKeys): void {
  const s = store.getStore();
  if (s) Object.assign(s, keys);
}

type Extra = Record<string, unknown>;
const withKeys = (extra?: Extra): Extra => ({ ...store.getStore(), ...extra });

export const log = {
  debug: (message: string, extra?: Extra) => logger.debug(message, withKeys(extra)),
  info: (message: string, extra?: Extra) => logger.info(message, withKeys(extra)),
  warn: (message: string, extra?: Extra) => logger.warn(message, withKeys(extra)),
  // A fault the local randomized test injected (functions/src/repo/faults.ts) is expected, not an
  // error to alert on: logged at INFO, so the test's thousands of them stay out of WARN-level output.
  error: (message: string, extra?: Extra) =>
    isInjected(extra?.error) ? logger.info(message, withKeys(extra)) : logger.error(message, withKeys(extra)),
};

function isInjected(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { injected?: unknown }).injected === true;
}
