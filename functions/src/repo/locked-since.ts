// When each locked holder was granted (the `since` of their LOCKED item, written by the legacy
// import): the bound of their daily releases (domain/programme/schedule-bounds.ts).
import type { LockedSinceStore } from '../domain/programme/schedule-bounds';
import { batchGet } from './ddb';
import { keys } from './keys';

export const lockedSinceStore: LockedSinceStore = {
  async lockedSince(userIds) {
    const items = await batchGet(userIds.map((u) => keys.locked(u)));
    return new Map(items.filter((i) => typeof i.since === 'string').map((i) => [String(i.userId), String(i.since)]));
  },
};
