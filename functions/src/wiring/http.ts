// Composition root of the HTTP wrapper's own stores: Idempotency-Keys (committed in a
// transaction), the rate limiter's counters and the deleted-account check of shopper tokens.
import type { HttpDeps } from '../http/wrapper';
import { committer } from '../repo/writes';
import { idempotencyStore } from '../repo/shopper';
import { rateCounters } from '../repo/rate';
import { accountStatus } from '../repo/privacy';

export const http: HttpDeps = { tx: committer, idempotency: idempotencyStore, rateCounters, accounts: accountStatus };
