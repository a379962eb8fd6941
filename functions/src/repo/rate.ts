// The rate limiter's counters (http/rate-limit.ts): one item per scope, id, window (and shard).
import type { RateCounters } from '../http/rate-limit';
import { countHit } from './ddb';
import { keys } from './keys';

export const rateCounters: RateCounters = {
  hit: (scope, id, window, expiresAt, shard) => countHit(keys.rate(scope, id, window, shard), expiresAt),
};
