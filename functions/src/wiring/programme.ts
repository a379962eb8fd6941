// Composition root of the programme area: settlement and the leaderboard, referrals, agents,
// the team view and the legacy import.
import type { Stores } from '../domain/deps';
import { agentStore } from '../repo/agents';
import { legacyStore } from '../repo/legacy';
import { referralStore } from '../repo/referrals';
import { rankingStore, settlementStore } from '../repo/settlement';
import { teamStore } from '../repo/team';
import { lockedSinceStore } from '../repo/locked-since';

export const referrals: Pick<Stores, 'referrals' | 'agents'> = { referrals: referralStore, agents: agentStore };

export const programme: Pick<Stores, 'referrals' | 'agents' | 'legacy' | 'locked' | 'team' | 'settlement' | 'ranking'> =
  {
    ...referrals,
    legacy: legacyStore,
    locked: lockedSinceStore,
    team: teamStore,
    settlement: settlementStore,
    ranking: rankingStore,
  };
