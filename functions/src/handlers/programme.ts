// Shopper reads of the full programme: the team (referrals and what they earned) and the leaderboard.
import { routes } from '../http/wrapper';
import { http } from '../wiring/http';
import { core } from '../wiring/core';
import { programme } from '../wiring/programme';
import { teamView } from '../domain/programme/team';
import { leaderboard as top } from '../domain/programme/levels';

const route = routes(http);
const deps = { ...core, ...programme };

export const team = route({}, async (c) => ({ body: await teamView(deps, c.userId) }));
export const leaderboard = route({}, async (c) => ({ body: { top: await top(deps, c.userId) } }));
