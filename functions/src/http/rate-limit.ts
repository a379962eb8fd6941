// Abuse limits on the HTTP API (docs/errors.md `too_many_requests`, docs/reliability.md "Abuse
// limits"): fixed one-minute windows, DynamoDB counter items (`RATE#<scope>#<id>[#<shard>]` /
// `W#<window>`, TTL), each added to in one UpdateItem that answers the new count.
// - `ip`: every call through the wrapper, counted first, before the body or the token is read,
//   so malformed and unauthenticated calls count too. The ceiling is high (carrier NAT puts many
//   phones behind one address) and the counter is sharded over several items so one busy
//   address does not make one hot item.
// - `login`: POST /auth/login by IP, also before anything is read.
// - `user`: authenticated POSTs by the token's user, once the token is verified, before the body
//   is validated: one shopper's burst is stopped without touching their neighbours behind the NAT.
// Over a limit: 429 with Retry-After (the seconds left in the window).
import { randomInt } from 'crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export type RateScope = 'user' | 'ip' | 'login';

export const WINDOW_SECONDS = 60;

/** Defaults per window; env overrides (RATE_LIMIT_USER_PER_MIN, …_IP_…, …_LOGIN_…; 0 = off). */
export const RATE_DEFAULTS: Record<RateScope, number> = { user: 300, ip: 6000, login: 300 };
const ENV: Record<RateScope, string> = {
  user: 'RATE_LIMIT_USER_PER_MIN',
  ip: 'RATE_LIMIT_IP_PER_MIN',
  login: 'RATE_LIMIT_LOGIN_PER_MIN',
};

/** At most this many counter items per IP and window; each carries at least SHARD_MIN of the limit. */
export const MAX_SHARDS = 8;
const SHARD_MIN = 500;

export function limitOf(scope: RateScope, env: Record<string, string | undefined> = process.env): number {
  const v = env[ENV[scope]];
  if (v === undefined || v.trim() === '') return RATE_DEFAULTS[scope];
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : RATE_DEFAULTS[scope];
}

/**
 * Shards of a limit: 1 for small limits (the count is exact), up to MAX_SHARDS for large ones.
 * A call adds to one shard at random and is over when that shard is over its share, so the
 * limit holds on average within a few percent while no item takes every write of the address.
 */
export function shardsOf(scope: RateScope, limit: number): number {
  if (scope !== 'ip') return 1;
  return Math.max(1, Math.min(MAX_SHARDS, Math.floor(limit / SHARD_MIN)));
}

/** The counters (repo/rate.ts on DynamoDB): one per scope, id, window (and shard), expiring after `expiresAt` (epoch s). */
export interface RateCounters {
  /** Adds one hit and answers the window's count so far (of that shard). */
  hit(scope: RateScope, id: string, window: number, expiresAt: number, shard?: number): Promise<number>;
}

export interface Limited {
  scope: RateScope;
  limit: number;
  retryAfter: number; // seconds
}

export const sourceIp = (event: APIGatewayProxyEventV2): string => event.requestContext?.http?.sourceIp || 'unknown';

/** The limits a call counts against before it is read: its IP always, a login's IP as a login. */
export function earlyScopes(event: APIGatewayProxyEventV2, login: boolean): Array<[RateScope, string]> {
  const ip = sourceIp(event);
  return login
    ? [
        ['ip', ip],
        ['login', ip],
      ]
    : [['ip', ip]];
}

/** The limits a call counts against once its user is known: a mutating call by that user. */
export function userScopes(event: APIGatewayProxyEventV2, userId: string): Array<[RateScope, string]> {
  if ((event.requestContext?.http?.method ?? '').toUpperCase() !== 'POST' || !userId) return [];
  return [['user', userId]];
}

/** Counts the call against each scope; answers the first limit it is over, if any. */
export async function rateLimit(
  counters: RateCounters,
  scopes: Array<[RateScope, string]>,
  now = Date.now(),
): Promise<Limited | undefined> {
  const window = Math.floor(now / 1000 / WINDOW_SECONDS);
  const retryAfter = Math.max(1, (window + 1) * WINDOW_SECONDS - Math.floor(now / 1000));
  const counted = await Promise.all(
    scopes
      .filter(([scope]) => limitOf(scope) > 0)
      .map(async ([scope, id]) => {
        const limit = limitOf(scope);
        const shards = shardsOf(scope, limit);
        const shard = shards > 1 ? randomInt(shards) : undefined;
        // kept one window longer than needed, then TTL-deleted
        const hits = await counters.hit(scope, id, window, (window + 2) * WINDOW_SECONDS, shard);
        return { scope, limit, over: hits > Math.ceil(limit / shards) };
      }),
  );
  const over = counted.find((c) => c.over);
  return over ? { scope: over.scope, limit: over.limit, retryAfter } : undefined;
}
