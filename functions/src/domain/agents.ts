// Regional agents (区域代理): an agent is assigned to a region; a completed order pays agentRate of
// its amount to the agent of the most specific assigned region containing the delivery address.
// Region codes are hierarchical prefixes (province "44", city "4401", district "440106"), and a
// plain-text region works the same way ("浙江省" ⊂ "浙江省杭州市"): the longest assigned prefix wins.
import { batchGet, query, transact, getItem } from '../repo/ddb';
import { programmeKeys } from '../repo/programme';
import { getUser } from '../repo/repository';
import { invalid, notFound } from './errors';

export const REGION_RE = /^[^\s#]{2,40}$/u;

/** Every prefix of a region of at least 2 characters, longest first. */
export function regionPrefixes(region: string): string[] {
  const chars = [...region.trim()].slice(0, 40);
  const out: string[] = [];
  for (let n = chars.length; n >= 2; n--) out.push(chars.slice(0, n).join(''));
  return out;
}

/** The agent of the most specific assigned region containing `region`. */
export function agentFor(region: string, assigned: Map<string, string>): string | undefined {
  for (const p of regionPrefixes(region)) {
    const a = assigned.get(p);
    if (a) return a;
  }
  return undefined;
}

/** Looks the agent of a delivery region up: one batch read of its prefixes. */
export async function findAgent(region: string | undefined): Promise<string | undefined> {
  if (!region) return undefined;
  const prefixes = regionPrefixes(region);
  if (!prefixes.length) return undefined;
  const items = await batchGet(prefixes.map(programmeKeys.agent));
  const assigned = new Map(
    items.filter((i) => typeof i.userId === 'string' && i.userId).map((i) => [String(i.region), String(i.userId)]),
  );
  return agentFor(region, assigned);
}

export async function assignAgent(input: { region: string; userId?: string; remove?: boolean }, actor: string) {
  const region = input.region.trim();
  if (!REGION_RE.test(region)) throw invalid('invalid_region', 'region: 2–40 characters, no spaces or #');
  const prior = await getItem(programmeKeys.agent(region));
  const at = new Date().toISOString();
  if (input.remove) {
    if (!prior) throw notFound('agent of this region');
    await transact([{ op: 'delete', key: programmeKeys.agent(region) }]);
    return { region, removed: String(prior.userId), at };
  }
  if (!input.userId) throw invalid('invalid_request', 'userId is required (or remove: true)');
  if (!(await getUser(input.userId))) throw notFound('user');
  await transact([
    {
      op: 'put',
      item: {
        ...programmeKeys.agent(region),
        GSI1PK: programmeKeys.agentsGsi,
        GSI1SK: region,
        type: 'agent',
        region,
        userId: input.userId,
        assignedAt: at,
        assignedBy: actor,
        version: prior ? Number(prior.version) + 1 : 1,
      },
      ifVersion: prior ? Number(prior.version) : null,
    },
  ]);
  return { region, userId: input.userId, previous: prior ? String(prior.userId) : null, at };
}

export async function listAgents(limit = 500) {
  const r = await query({ pk: programmeKeys.agentsGsi, index: 'GSI1', limit });
  return r.items.map((i) => ({ region: String(i.region), userId: String(i.userId), assignedAt: String(i.assignedAt) }));
}
