// Projecting a committed batch of the pool's log onto wallets, ledgers, orders, the dividend
// fund and the callers' own records. Every write is idempotent, so a drainer that finds a batch
// committed but not marked projected simply projects it again: nothing is lost or doubled.
import type { BatchLog, OrderSettlement, ProjectionStore, UserPart } from './ports';

/** Changes per projection transaction (a wallet put + its ledger entries ≤ 100 items). */
export const PART_CHANGES = 90;
/** Wallet transactions in flight at once. */
export const PROJECTION_CONCURRENCY = 32;

/** Each user's changes of a batch, in parts of ≤ PART_CHANGES, in log order. */
export function userParts(log: BatchLog): Map<string, UserPart[]> {
  const byUser = new Map<string, UserPart['changes']>();
  for (const e of log.entries) {
    const changes = e.outcome?.changes ?? e.release ?? [];
    const kind = e.outcome ? e.event.kind : 'release';
    changes.forEach((c, n) => {
      const list = byUser.get(c.user) ?? [];
      list.push({ ...c, eventId: e.eventId, kind, n, ...(e.order ? { orderId: e.order.orderId } : {}) });
      byUser.set(c.user, list);
    });
  }
  const out = new Map<string, UserPart[]>();
  for (const [u, list] of byUser) {
    const parts: UserPart[] = [];
    for (let i = 0; i < list.length; i += PART_CHANGES)
      parts.push({ batch: log.batch, part: parts.length, at: log.at, changes: list.slice(i, i + PART_CHANGES) });
    out.set(u, parts);
  }
  return out;
}

export function orderSettlements(log: BatchLog): OrderSettlement[] {
  return log.entries.flatMap((e): OrderSettlement[] => {
    if (!e.order) return [];
    const base = { orderId: e.order.orderId, eventId: e.eventId, at: log.at };
    if (e.outcome)
      return [
        { ...base, applied: true, pointsGranted: e.outcome.pointsGranted ?? '0', priceAfter: e.outcome.priceAfter },
      ];
    return [{ ...base, applied: false, revertTo: e.order.revertTo, shippedAt: e.order.shippedAt }];
  });
}

/** Runs `fn` over `items`, at most `limit` at once. */
export async function inParallel<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

/** Test hooks: throw to simulate a crash at a point of the projection. */
export const projectionHooks: { afterWallets?: (batch: number) => void } = {};

export const projectionStats = { partsWritten: 0, partsSkipped: 0 };

/**
 * Projects one batch: wallets and ledgers with the orders (grouped into few transactions), then
 * the callers' records and the queue. A user with several parts (> PART_CHANGES changes) has them
 * written one after another, each on the wallet the one before left.
 */
export async function project(log: BatchLog, store: ProjectionStore): Promise<void> {
  const parts = [...userParts(log)];
  const single = parts.flatMap(([user, list]) => (list.length === 1 ? [{ user, part: list[0]! }] : []));
  const several = parts.filter(([, list]) => list.length > 1);
  const r = await store.project(single, orderSettlements(log));
  projectionStats.partsWritten += r.written;
  projectionStats.partsSkipped += r.skipped;
  await inParallel(several, PROJECTION_CONCURRENCY, async ([user, list]) => {
    for (const p of list) {
      if (await store.creditWallet(user, p)) projectionStats.partsWritten++;
      else projectionStats.partsSkipped++;
    }
  });
  projectionHooks.afterWallets?.(log.batch);
  await store.finish(log);
}
