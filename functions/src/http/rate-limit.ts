// Abuse limits on the HTTP API (docs/errors.md `too_many_requests`): fixed one-minute windows,
// one DynamoDB counter item per key and window (repo/keys.ts `keys.rate`, TTL), added
// to in one UpdateItem that answers the new count. Mutating calls (POST) count against the
// caller's user and IP; login counts against the IP. Over a limit: 429 with Retry-After (the
// seconds left in the window), before anything else is read or written.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export type RateScope = 'user' | 'ip' | 'login';

export const WINDOW_SECONDS = 60;

/** Defaults per window; env overrides (RATE_LIMIT_USER_PER_MIN, …_IP_…, …_LOGIN_…; 0 = off). */
export const RATE_DEFAULTS: Record<RateScope, number> = { user: 300, ip: 3000, login: 300 };
const ENV: Record<RateScope, string> = {
  user: 'RATE_LIMIT_USER_PER_MIN',
  ip: 'RATE_LIMIT_IP_PER_MIN',
  login: 'RATE_LIMIT_LOGIN_PER_MIN',
};

export function limitOf(scope: RateScope, env: Record<string, string | undefined> = process.env): number {
  const v = env[ENV[scope]];
  if (v === undefined || v.trim() === '') return RATE_DEFAULTS[scope];
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : RATE_DEFAULTS[scope];
}

/** The counters (repo/rate.ts on DynamoDB): one per scope, id and window, expiring after `expiresAt` (epoch s). */
export interface RateCounters {
  /** Adds one hit and answers the window's count so far. */
  hit(scope: RateScope, id: string, window: number, expiresAt: number): Promise<number>;
}

export interface Limited {
  scope: RateScope;
  limit: number;
  retryAfter: number; // seconds
}

/** Which limits a request counts against: POST with a user (user + IP), login (IP), else none. */
export function scopesFor(event: APIGatewayProxyEventV2, userId: string, login: boolean): Array<[RateScope, string]> {
  const ip = event.requestContext?.http?.sourceIp || 'unknown';
  if (login) return [['login', ip]];
  if ((event.requestContext?.http?.method ?? '').toUpperCase() !== 'POST' || !userId) return [];
  return [
    ['user', userId],
    ['ip', ip],
  ];
}

/** Counts the request; answers the first limit it is over, if any. */
export async function rateLimit(
  counters: RateCounters,
  event: APIGatewayProxyEventV2,
  userId: string,
  login: boolean,
  now = Date.now(),
): Promise<Limited | undefined> {
  const window = Math.floor(now / 1000 / WINDOW_SECONDS);
  const retryAfter = Math.max(1, (window + 1) * WINDOW_SECONDS - Math.floor(now / 1000));
  const counted = await Promise.all(
    scopesFor(event, userId, login)
      .filter(([scope]) => limitOf(scope) > 0)
      .map(async ([scope, id]) => {
        // kept one window longer than needed, then TTL-deleted
        const hits = await counters.hit(scope, id, window, (window + 2) * WINDOW_SECONDS);
        return { scope, limit: limitOf(scope), hits };
      }),
  );
  const over = counted.find((c) => c.hits > c.limit);
  return over ? { scope: over.scope, limit: over.limit, retryAfter } : undefined;
}
