// Member levels (by equity held, locked included; thresholds in the parameters) and the
// leaderboard: the top 10 holders, names masked.
import { dec, levelFor } from '@greenpoints/shared';
import type { Deps } from '../deps';

/**
 * A display name that does not identify anyone: the first and last character of a nickname
 * with stars between ("张*丰", "A***e", "李*"), or 用户 and the last 4 characters of the id.
 */
export function maskName(nickname: string, userId: string): string {
  const chars = [...nickname.trim()];
  if (chars.length === 0) return `用户****${userId.slice(-4)}`;
  if (chars.length === 1) return `${chars[0]}*`;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 3))}${chars[chars.length - 1]}`;
}

export interface LeaderRow {
  rank: number;
  name: string;
  equity: string; // equity + equityLocked
  level: string;
  me?: boolean;
}

/** Merges the per-shard top lists (each sorted descending) into the overall top `n`. */
export function topOf(
  lists: Array<Array<{ userId: string; weight: string }>>,
  n: number,
): Array<{ userId: string; weight: string }> {
  return lists
    .flat()
    .sort((a, b) => dec(b.weight).cmp(a.weight) || (a.userId < b.userId ? -1 : 1))
    .slice(0, n);
}

export async function leaderboard(d: Pick<Deps, 'config' | 'ranking'>, me?: string, n = 10): Promise<LeaderRow[]> {
  const { params } = await d.config.params();
  const top = topOf(await d.ranking.topPerShard(n), n);
  const names = await d.ranking.nicknames(top.map((t) => t.userId));
  return top.map((t, i) => ({
    rank: i + 1,
    name: maskName(names.get(t.userId) ?? '', t.userId),
    equity: t.weight,
    level: levelFor(params, t.weight),
    ...(me && me === t.userId ? { me: true } : {}),
  }));
}
