// Completing many orders at once (auto-complete, and the after-sale schedule): every due order's
// completion is queued first, then the pool drains once, so a clearance day's thousands of
// completions share a few pool batches instead of one wait each.
import type { Outcome } from '@greenpoints/shared';
import { startCompletion, completionView } from './orders';
import { drainUntilEmpty } from './applier';
import { getEvent } from '../repo/repository';
import { inParallel } from './projection';

/** Submissions in flight at once (each is its own small transaction). */
const SUBMIT_CONCURRENCY = 16;

export type CompletionResult =
  | ReturnType<typeof completionView>
  | { orderId: string; status: 'shipped'; error?: { code: string; message: string } }
  | { orderId: string; status: 'completing'; eventId: string }
  | { orderId: string; error: string };

/** Queues every order's completion, drains once, then reads each order's own event record. */
export async function completeMany(orderIds: string[]): Promise<CompletionResult[]> {
  const started = new Map<string, { eventId?: string; error?: string }>();
  await inParallel(orderIds, SUBMIT_CONCURRENCY, async (orderId) => {
    try {
      started.set(orderId, await startCompletion(orderId, {}));
    } catch (e) {
      started.set(orderId, { error: (e as Error).message });
    }
  });
  await drainUntilEmpty();
  const out: CompletionResult[] = [];
  for (const orderId of orderIds) {
    const s = started.get(orderId)!;
    if (!s.eventId) {
      out.push({ orderId, error: s.error ?? 'not started' });
      continue;
    }
    const rec = await getEvent(s.eventId);
    if (!rec || rec.status === 'pending') out.push({ orderId, status: 'completing', eventId: s.eventId });
    else if (rec.status === 'rejected') out.push({ orderId, status: 'shipped', error: rec.error });
    else out.push(completionView(orderId, rec.outcome as Outcome));
  }
  return out;
}
