// The rate limiter's counters (http/rate-limit.ts): one item per scope, id and window.
import type { RateCounters } from '../http/rate-limit';
import { countHit } from './ddb';
import { keys } from './keys';

export const rateCounters: RateCounters = {
  hit: (scope, id, window, expiresAt) => countHit(keys.rate(scope, id, window), expiresAt),
};
