import { route } from '../http/wrapper';
import { notFound } from '../domain/errors';
import { getEvent } from '../repo/repository';

/** Poll a pool event that answered 202: the caller's own events only. */
export const get = route({}, async (c) => {
  const rec = await getEvent(c.path.id ?? '');
  if (!rec || rec.userId !== c.userId) throw notFound('event');
  return {
    body: {
      eventId: rec.eventId,
      kind: rec.kind,
      status: rec.status,
      ...(rec.outcome ? { outcome: rec.outcome } : {}),
      ...(rec.error ? { error: rec.error } : {}),
    },
  };
});
