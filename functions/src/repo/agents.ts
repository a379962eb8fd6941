// Regional agents on DynamoDB (domain/programme/ports.ts AgentStore): one item per region, listed on GSI1 AGENTS.
import type { AgentStore } from '../domain/programme/ports';
import { batchGet, getItem, query } from './ddb';
import { gsi, indexKeys, keys } from './keys';
import { asWrite } from './writes';

export const agentStore: AgentStore = {
  async assigned(regions) {
    const items = await batchGet(regions.map(keys.agent));
    return new Map(
      items.filter((i) => typeof i.userId === 'string' && i.userId).map((i) => [String(i.region), String(i.userId)]),
    );
  },
  async get(region) {
    const i = await getItem(keys.agent(region));
    if (!i) return undefined;
    return {
      region: String(i.region),
      userId: String(i.userId),
      assignedAt: String(i.assignedAt),
      version: Number(i.version),
    };
  },
  assign: (a, prior) =>
    asWrite({
      op: 'put',
      item: {
        ...keys.agent(a.region),
        ...indexKeys.agent(a.region),
        type: 'agent',
        region: a.region,
        userId: a.userId,
        assignedAt: a.at,
        assignedBy: a.by,
        version: prior + 1,
      },
      ifVersion: prior === 0 ? null : prior,
    }),
  remove: (region) => asWrite({ op: 'delete', key: keys.agent(region) }),
  async list(limit) {
    const r = await query({ pk: gsi.agents, index: 'GSI1', limit });
    return r.items.map((i) => ({
      region: String(i.region),
      userId: String(i.userId),
      assignedAt: String(i.assignedAt),
    }));
  },
};
