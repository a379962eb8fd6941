// The scope of one staff call around its writes (docs/staff.md "Audit log"): a read-only
// function's scope refuses every write, and a writing function's scope joins the call's audit
// entry (repo/audit-chain.ts) to the first transaction or single write it commits, so the entry
// and the business change are one TransactWriteItems: both or neither.
import { AsyncLocalStorage } from 'async_hooks';
import type { TxOp } from './ddb';

export interface JoinedWrites {
  /** Whether the entry still waits for a write to join (single writes go as transactions only then). */
  pending(): boolean;
  /** The writes to add to the next transaction, or undefined (written already, or in flight). */
  claim(): Promise<TxOp[] | undefined>;
  /** After the transaction that carried the claimed writes: committed or not. */
  release(committed: boolean): void;
}

export interface WriteScope {
  /** The read-only function's name: any write in its scope is a bug, refused. */
  readOnly?: string;
  join?: JoinedWrites;
}

const scope = new AsyncLocalStorage<WriteScope>();

export const inWriteScope = <T>(s: WriteScope, fn: () => Promise<T>): Promise<T> => scope.run(s, fn);
/** Runs outside any scope: the audit log's own appends (never joined to themselves). */
export const outsideWriteScope = <T>(fn: () => Promise<T>): Promise<T> => scope.exit(fn);
export const joinOfScope = (): JoinedWrites | undefined => scope.getStore()?.join;
/** A single write must go as a transaction to carry the call's audit entry. */
export const joinPending = (): boolean => !!scope.getStore()?.join?.pending();

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan']);

/** Throws when a write is sent inside a read-only function's scope. */
export function assertWritable(op: string): void {
  const ro = scope.getStore()?.readOnly;
  if (ro && !READS.has(op)) throw new Error(`the read-only staff function ${ro} tried to write (${op})`);
}
