// Shopper reads of the full programme: the team (referrals and what they earned) and the leaderboard.
import { route } from '../http/wrapper';
import { teamView } from '../domain/team';
import { leaderboard as top } from '../domain/levels';

export const team = route({}, async (c) => ({ body: await teamView(c.userId) }));
export const leaderboard = route({}, async (c) => ({ body: { top: await top(c.userId) } }));
