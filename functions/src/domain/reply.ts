// What a use case is called with and answers. The answer's `status` is the success variant the
// caller asked for (201 created, 202 still pending); errors are thrown as DomainError instead.
import type { Idem } from './idempotency';

export interface Call<B> {
  userId: string;
  body: B;
  /** Present on idempotent calls: the domain puts claimOp(idem) into its first transaction. */
  idem?: Idem;
  /** Set when a reentrant call resumes a pending key: the event already recorded. */
  resumeEventId?: string;
}

export interface Reply {
  status?: number;
  body: unknown;
  /** Multi-step (pool) changes: the answer is final only when true; a 202 is not stored. */
  final?: boolean;
  /**
   * The answer is rebuilt from the pool event's own record whenever its key is replayed (a
   * reentrant call resumes the event the key names), so it is not written to the key again:
   * one item write less per pool event on the HTTP path (docs/performance.md).
   */
  derived?: boolean;
}
