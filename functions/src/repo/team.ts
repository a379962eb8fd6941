// The team's reads on DynamoDB (domain/programme/ports.ts TeamStore): the caller's newest ledger entries.
import type { TeamStore } from '../domain/programme/ports';
import { queryAll } from './ddb';
import { partitions, skPrefixes } from './keys';

const PAGE = 500;

export const teamStore: TeamStore = {
  async recentLedger(userId, max) {
    // The user's partition holds the ledger (docs/data-model.md).
    const pk = partitions.user(userId);
    const items = await queryAll({ pk, skPrefix: skPrefixes.ledger, newestFirst: true, limit: PAGE }, max);
    return items.map((e) => ({ field: String(e.field), why: String(e.why), delta: String(e.delta) }));
  },
};
