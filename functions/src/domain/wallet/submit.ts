// A caller's pool event end to end: claim the key and record the event in one transaction,
// drain, wait (bounded) for the own outcome, then answer (200/422) or 202 to poll.
import type { LedgerEvent, Outcome } from '@greenpoints/shared';
import { DomainError, IdempotencyRace, kindOfRejection } from '../errors';
import type { Call, Reply } from '../reply';
import { addLogKeys } from '../../log';
import { addSubmission, awaitEvent } from './applier';
import { claimOp, eventIdFor } from '../idempotency';
import { Tx, retryStale } from '../tx';
import type { EventRecord } from '../model';
import type { Deps } from '../deps';
import { readWallet } from './ledger';

/** Many requests on one wallet at once all reserve on it: more tries than a plain read-check-write. */
const RESERVE_ATTEMPTS = 40;

class AlreadySubmitted extends Error {}

/** What a caller's pool event reads and writes at the edge (the wallet, its reserve, the queue). */
export type SubmitDeps = Pick<
  Deps,
  'config' | 'events' | 'idempotency' | 'ledger' | 'pool' | 'projection' | 'tx' | 'wallets'
>;

export interface SubmitOpts {
  event: LedgerEvent;
}

export function pendingReply(eventId: string): Reply {
  return { status: 202, body: { eventId, status: 'pending', poll: `/events/${eventId}` }, final: false };
}

export function replyFor(rec: EventRecord | undefined, eventId: string, ok: (o: Outcome) => unknown): Reply {
  if (!rec || rec.status === 'pending') return pendingReply(eventId);
  if (rec.status === 'rejected') {
    // Decided: the refusal is the final answer for the caller's key.
    const err = rec.error ?? { code: 'rejected', message: 'the event was refused' };
    throw new DomainError(kindOfRejection(err.code), err.code, err.message, { final: true });
  }
  return { status: 200, body: ok(rec.outcome as Outcome), final: true, derived: true };
}

/** Records `opts.event` (unless resuming) and waits for its outcome. */
export async function submitAndWait(
  d: SubmitDeps,
  ctx: Call<unknown>,
  opts: SubmitOpts,
  ok: (o: Outcome) => unknown,
): Promise<Reply> {
  const idem = ctx.idem!;
  const eventId = ctx.resumeEventId ?? eventIdFor(ctx.userId, idem.key);
  addLogKeys({ eventId });
  if (!ctx.resumeEventId) {
    // One read of the parameters and the wallet, one engine run: the reserve, which refuses an
    // amount the wallet does not hold (RuleError -> 4xx) before anything is written. The pool
    // is not read here: the applier decides the event once, on the pool as it is then, and a
    // refusal there gives the reserve back (docs/architecture.md "The pool as a log").
    // The reserve is written on the wallet's version: a concurrent change means read again.
    await retryStale(async () => {
      const read = await readWallet(d, ctx.userId);
      const tx = new Tx(d.tx);
      tx.add(claimOp(d, idem, undefined, eventId), new IdempotencyRace());
      await addSubmission(d, tx, { eventId, userId: ctx.userId, event: opts.event }, new AlreadySubmitted(), read);
      try {
        await tx.commit();
      } catch (e) {
        if (!(e instanceof AlreadySubmitted)) throw e;
      }
    }, RESERVE_ATTEMPTS);
  }
  return replyFor(await awaitEvent(d, eventId), eventId, ok);
}
