// A caller's pool event end to end: claim the key and record the event in one transaction,
// drain, wait (bounded) for the own outcome, then answer (200/422) or 202 to poll.
import { apply, type LedgerEvent, type Outcome } from '@greenpoints/shared';
import { DomainError, IdempotencyRace, kindOfRejection } from '../errors';
import type { Call, Reply } from '../reply';
import { addLogKeys } from '../../log';
import { addSubmission, awaitEvent } from './applier';
import { claimOp, eventIdFor } from '../idempotency';
import { Tx, retryStale } from '../tx';
import type { EventRecord } from '../model';
import type { Deps } from '../deps';
import type { WalletRead } from './ledger';

/** Many requests on one wallet at once all reserve on it: more tries than a plain read-check-write. */
const RESERVE_ATTEMPTS = 40;

class AlreadySubmitted extends Error {}

/**
 * Reads the parameters, the pool and the caller's wallet once for the attempt, and refuses a rule
 * break on them (RuleError -> 4xx) before anything is written. The reserve is then made on the
 * same reads (its wallet write is guarded by the version read here).
 */
async function precheck(
  d: Pick<Deps, 'config' | 'poolState' | 'wallets'>,
  userId: string,
  event: LedgerEvent,
): Promise<WalletRead> {
  const { params } = await d.config.params();
  const [pool, stored] = await Promise.all([d.poolState.state(params), d.wallets.get(userId)]);
  apply({ pool, wallets: { [userId]: stored.wallet } }, event, params);
  return { params, stored };
}

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
  return { status: 200, body: ok(rec.outcome as Outcome), final: true };
}

/** Records `opts.event` (unless resuming) and waits for its outcome. */
export async function submitAndWait(
  d: Pick<
    Deps,
    'config' | 'events' | 'idempotency' | 'ledger' | 'pool' | 'poolState' | 'projection' | 'tx' | 'wallets'
  >,
  ctx: Call<unknown>,
  opts: SubmitOpts,
  ok: (o: Outcome) => unknown,
): Promise<Reply> {
  const idem = ctx.idem!;
  const eventId = ctx.resumeEventId ?? eventIdFor(ctx.userId, idem.key);
  addLogKeys({ eventId });
  if (!ctx.resumeEventId) {
    // Refuse a rule break now, from a fresh read, without writing anything; the applier
    // still decides for real (another request may move the wallet meanwhile).
    // The reserve is written on the wallet's version: a concurrent change means read again.
    await retryStale(async () => {
      const read = await precheck(d, ctx.userId, opts.event);
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
