// A pool event as its caller polls it (after a 202): the caller's own events only.
import type { Deps } from '../deps';
import { notFound } from '../errors';

export async function ownEvent(d: Pick<Deps, 'events'>, userId: string, eventId: string) {
  const rec = await d.events.get(eventId);
  if (!rec || rec.userId !== userId) throw notFound('event');
  return {
    eventId: rec.eventId,
    kind: rec.kind,
    status: rec.status,
    ...(rec.outcome ? { outcome: rec.outcome } : {}),
    ...(rec.error ? { error: rec.error } : {}),
  };
}
