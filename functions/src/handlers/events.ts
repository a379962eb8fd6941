import { routes } from '../http/wrapper';
import { ownEvent } from '../domain/wallet/events';
import { http } from '../wiring/http';
import { core } from '../wiring/core';

const route = routes(http);

/** Poll a pool event that answered 202: the caller's own events only. */
export const get = route({}, async (c) => ({ body: await ownEvent(core, c.userId, c.path.id ?? '') }));
