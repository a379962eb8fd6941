// The write helpers every DynamoDB store shares: a store's TxOp held by the domain as an opaque
// Write and the committer that runs them as one transaction.
// A leaf of repo/: it imports no store module, so no store imports another through it.
import type { Committer, Write } from '../domain/ports';
import { WritesRejected } from '../domain/ports';
import { MAX_TX_ITEMS, transact, TxCancelled, type TxOp } from './ddb';

/** A TxOp as the domain holds it (opaque). */
export const asWrite = (op: TxOp): Write => op as unknown as Write;
/** The TxOp behind a Write built by these stores. */
export const asOp = (w: Write): TxOp => w as unknown as TxOp;

function describe(op: TxOp): string {
  const k = 'key' in op ? op.key : 'item' in op ? { PK: op.item.PK, SK: op.item.SK } : undefined;
  return `${op.op}:${JSON.stringify(k)}`;
}

export const committer: Committer = {
  maxWrites: MAX_TX_ITEMS,
  async commit(writes) {
    const ops = writes.map(asOp);
    try {
      await transact(ops);
    } catch (e) {
      if (!(e instanceof TxCancelled)) throw e;
      const failed = e.failedIndexes();
      throw new WritesRejected(
        failed,
        failed.map((i) => describe(ops[i]!)),
      );
    }
  },
};
