// Composition root of the HTTP wrapper's own stores: Idempotency-Keys (committed in a
// transaction) and the rate limiter's counters.
import type { HttpDeps } from '../http/wrapper';
import { committer } from '../repo/writes';
import { idempotencyStore } from '../repo/shopper';
import { rateCounters } from '../repo/rate';

export const http: HttpDeps = { tx: committer, idempotency: idempotencyStore, rateCounters };
