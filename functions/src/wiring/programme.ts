// Composition root of the programme area: settlement and the leaderboard, referrals, agents,
// the team view and the legacy import.
import type { Stores } from '../domain/deps';
import { agentStore } from '../repo/agents';
import { legacyStore } from '../repo/legacy';
import { referralStore } from '../repo/referrals';
import { rankingStore, settlementStore } from '../repo/settlement';
import { teamStore } from '../repo/team';

export const referrals: Pick<Stores, 'referrals' | 'agents'> = { referrals: referralStore, agents: agentStore };

export const programme: Pick<Stores, 'referrals' | 'agents' | 'legacy' | 'team' | 'settlement' | 'ranking'> = {
  ...referrals,
  legacy: legacyStore,
  team: teamStore,
  settlement: settlementStore,
  ranking: rankingStore,
};
