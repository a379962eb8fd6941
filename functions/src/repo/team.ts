// The team's reads on DynamoDB (domain/stores.ts TeamStore): the caller's newest ledger entries.
import type { TeamStore } from '../domain/programme/ports';
import { queryAll } from './ddb';
import { keys } from './keys';

const PAGE = 500;

export const teamStore: TeamStore = {
  async recentLedger(userId, max) {
    const pk = keys.wallet(userId).PK; // the user's partition holds the ledger (docs/data-model.md)
    const items = await queryAll({ pk, skPrefix: 'LEDGER#', newestFirst: true, limit: PAGE }, max);
    return items.map((e) => ({ field: String(e.field), why: String(e.why), delta: String(e.delta) }));
  },
};
