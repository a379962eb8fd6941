// Keys and index attributes of the full programme (settlement, referrals, agents, legacy import,
// locked releases, leaderboard); docs/data-model.md "Programme". Pure: builds keys and attributes
// only, the reads and writes go through ddb.ts.
import { createHash } from 'crypto';
import { dec, truncate, weightOf, type Wallet } from '@greenpoints/shared';
import type { Item, Key } from './ddb';
import { pad } from './keys';

export const RANK_SHARDS = 8;

export const programmeKeys = {
  settlement: (date: string): Key => ({ PK: `SETTLEMENT#${date}`, SK: 'STATE' }),
  settlementChunk: (date: string, k: number): Key => ({ PK: `SETTLEMENT#${date}`, SK: `CHUNK#${pad(k, 6)}` }),
  settlementExit: (date: string, userId: string): Key => ({ PK: `SETTLEMENT#${date}`, SK: `EXIT#${userId}` }),
  /** The quota and dividendsPaid an exit was decided on, written with its sell. */
  settlementExitPlan: (date: string, userId: string): Key => ({ PK: `SETTLEMENT#${date}`, SK: `EXITPLAN#${userId}` }),
  carry: (): Key => ({ PK: 'SETTLEMENT', SK: 'CARRY' }),
  /** One item per completed order with a dividend contribution, by business date. */
  divFund: (date: string, eventId: string): Key => ({ PK: `DIVFUND#${date}`, SK: `EV#${eventId}` }),
  /** The same entries in date order across days (GSI1), for the first day and long gaps. */
  divFundGsi: (date: string, eventId: string) => ({ GSI1PK: 'DIVFUND', GSI1SK: `${date}#${eventId}` }),
  divFundGsiPk: 'DIVFUND',
  agent: (region: string): Key => ({ PK: `AGENT#${region}`, SK: 'AGENT' }),
  agentsGsi: 'AGENTS',
  legacy: (identity: string): Key => ({ PK: `LEGACY#${identity}`, SK: 'LEGACY' }),
  importMeta: (importId: string): Key => ({ PK: `IMPORT#${importId}`, SK: 'META' }),
  importStep: (importId: string, line: number, step: string): Key => ({
    PK: `IMPORT#${importId}`,
    SK: `ROW#${pad(line, 6)}#${step}`,
  }),
  phone: (phone: string): Key => ({ PK: `PHONE#${phone}`, SK: 'PHONE' }),
  locked: (userId: string): Key => ({ PK: 'LOCKED', SK: userId }),
  release: (date: string): Key => ({ PK: `RELEASE#${date}`, SK: 'STATE' }),
  referralsGsi: (referrer: string) => `REFERRALS#${referrer}`,
  rankGsi: (shard: number) => `RANK#${shard}`,
  holdersGsi2: 'HOLDER',
};

export function rankShard(userId: string): number {
  return parseInt(createHash('sha256').update(userId).digest('hex').slice(0, 4), 16) % RANK_SHARDS;
}

/** A points amount as a fixed-width sortable string: 18 integer digits, 6 decimals. */
export function sortablePoints(p: string): string {
  const [i, f = ''] = truncate(p, 6).toFixed(6).split('.');
  return `${i!.padStart(18, '0')}.${f.padEnd(6, '0')}`;
}

/**
 * Index attributes every wallet item carries, derived from its balances, so that every wallet
 * write keeps the indexes right with no extra write:
 * - GSI2 (keys only) `HOLDER`: users with quota > 0, the participants of the daily settlement,
 *   in ascending userId. Keys-only, so the index is written only when a user enters or leaves it.
 * - GSI1 `RANK#<shard>`: users holding equity (locked included), sorted by it, for the
 *   leaderboard; sharded so no single index partition takes every wallet write.
 */
export function walletIndexAttrs(userId: string, w: Wallet): Item {
  const out: Item = {};
  if (dec(w.quota).gt(0)) {
    out.GSI2PK = programmeKeys.holdersGsi2;
    out.GSI2SK = userId;
  }
  const weight = dec(weightOf(w));
  if (weight.gt(0)) {
    out.GSI1PK = programmeKeys.rankGsi(rankShard(userId));
    out.GSI1SK = `${sortablePoints(weight.toFixed())}#${userId}`;
  }
  return out;
}

/** The referral index on a user item: the referrer's team lists its direct referrals. */
export function referralIndexAttrs(referrer: string | undefined, createdAt: string, userId: string): Item {
  if (!referrer) return {};
  return { GSI1PK: programmeKeys.referralsGsi(referrer), GSI1SK: `${createdAt}#${userId}` };
}
