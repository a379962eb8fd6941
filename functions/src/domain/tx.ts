// A transaction under construction: each guarded operation says which error its failed
// condition means (out of stock, wrong order status, key already used …).
import { conflict } from './errors';
import { WritesRejected, type Committer, type Write } from './ports';

/** A failed guard that only means "re-read and try again" (a wallet's version moved). */
export class StaleRead extends Error {
  constructor(what: string) {
    super(`stale read: ${what}`);
    this.name = 'StaleRead';
  }
}

/** Attempts of a read-check-write that lost to a concurrent wallet write (then 409 conflict). */
export const STALE_ATTEMPTS = 12;

/** Jittered pause before re-reading after a stale read; grows with the attempt, capped. */
export function staleBackoff(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 10 * 2 ** Math.min(attempt, 5))));
}

/** Runs a read-check-write again (fresh reads) while it loses to a concurrent wallet write. */
export async function retryStale<T>(attempt: () => Promise<T>, attempts = STALE_ATTEMPTS): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof StaleRead) || n >= attempts) throw e;
      await staleBackoff(n);
    }
  }
}

export class Tx {
  readonly ops: Write[] = [];
  private readonly fails: Array<Error | undefined> = [];

  /** `committer`: the store that commits (DynamoDB's, or the tests' in-memory one). */
  constructor(private readonly committer: Committer) {}

  add(op: Write, onFail?: Error): this {
    this.ops.push(op);
    this.fails.push(onFail);
    return this;
  }

  /** Several writes that share one failure meaning. */
  addAll(ops: Write[], onFail?: Error): this {
    for (const op of ops) this.add(op, onFail);
    return this;
  }

  async commit(): Promise<void> {
    const committer = this.committer;
    if (this.ops.length > committer.maxWrites) throw new Error(`transaction too large: ${this.ops.length}`);
    try {
      await committer.commit(this.ops);
    } catch (e) {
      if (!(e instanceof WritesRejected)) throw e;
      const failed = e.failed.map((i) => this.fails[i]);
      // Prefer a meaningful error (idempotency race, stock, status) over a stale read.
      const meaningful = failed.filter((f): f is Error => !!f && !(f instanceof StaleRead));
      if (meaningful.length) throw meaningful[0];
      const stale = failed.find((f) => f instanceof StaleRead);
      if (stale) throw stale;
      const c = conflict('conflict', 'a concurrent change won; try again');
      (c as Error & { cause?: unknown }).cause = e.detail;
      throw c;
    }
  }
}
