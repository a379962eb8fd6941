// Regional agents (区域代理): an agent is assigned to a region; a completed order pays agentRate of
// its amount to the agent of the most specific assigned region containing the delivery address.
// Region codes are hierarchical prefixes (province "44", city "4401", district "440106"), and a
// plain-text region works the same way ("浙江省" ⊂ "浙江省杭州市"): the longest assigned prefix wins.
import { invalid, notFound } from '../errors';
import { Tx } from '../tx';
import type { Deps } from '../deps';

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
export async function findAgent(d: Pick<Deps, 'agents'>, region: string | undefined): Promise<string | undefined> {
  if (!region) return undefined;
  const prefixes = regionPrefixes(region);
  if (!prefixes.length) return undefined;
  const assigned = await d.agents.assigned(prefixes);
  return agentFor(region, assigned);
}

export async function assignAgent(
  d: Pick<Deps, 'agents' | 'tx' | 'users'>,
  input: { region: string; userId?: string; remove?: boolean },
  actor: string,
) {
  const region = input.region.trim();
  if (!REGION_RE.test(region)) throw invalid('invalid_region', 'region: 2–40 characters, no spaces or #');
  const prior = await d.agents.get(region);
  const at = new Date().toISOString();
  if (input.remove) {
    if (!prior) throw notFound('agent of this region');
    await new Tx(d.tx).add(d.agents.remove(region)).commit();
    return { region, removed: prior.userId, at };
  }
  if (!input.userId) throw invalid('invalid_request', 'userId is required (or remove: true)');
  if (!(await d.users.get(input.userId))) throw notFound('user');
  await new Tx(d.tx)
    .add(d.agents.assign({ region, userId: input.userId, at, by: actor }, prior?.version ?? 0))
    .commit();
  return { region, userId: input.userId, previous: prior ? prior.userId : null, at };
}

export async function listAgents(d: Pick<Deps, 'agents'>, limit = 500) {
  return d.agents.list(limit);
}
