// The members' stores (domain/programme/ports.ts: legacy import, referrals, agents, team reads) in memory,
// for fast unit tests of domain logic. Built like memory-common.ts: a Write is a guard and an
// effect, each guard as strong as the DynamoDB condition (create-once, ifEquals, ifVersion). Users,
// openids, wallets and the ledger are the common state's. The DynamoDB Local tests stay the proof.
import type {
  AgentAssignment,
  AgentStore,
  LegacyMarker,
  LegacyStore,
  ReferralStore,
  ReleaseState,
  TeamStore,
} from '../../src/domain/programme/ports';
import { pad } from '../../src/repo/keys';
import { memoryWrite, type CommonState } from './memory-common';

/** What the user item of a pre-created member adds to the common User (loggedIn, the binding). */
export interface MemberLogin {
  loggedIn: boolean;
  origin: 'legacy';
  phone?: string;
  firstLoginAt?: string;
  boundAt?: string;
  /** the referral index's sort time of a binding made at the first login */
  indexedAt?: string;
}

/** The state behind the members' memory stores, open to a test's assertions. */
export interface MembersState {
  markers: Map<string, LegacyMarker & { at: string }>;
  phones: Map<string, string>;
  imports: Map<
    string,
    { hash: string; status: string; rows: number; by: string; startedAt: string; report?: string; finishedAt?: string }
  >;
  steps: Map<string, { userId: string; amount: string }>; // key: importId|line|step
  locked: Map<string, string>; // userId -> since
  releases: Map<string, ReleaseState>;
  logins: Map<string, MemberLogin>;
  agents: Map<string, AgentAssignment & { by: string }>;
}

export function membersState(): MembersState {
  return {
    markers: new Map(),
    phones: new Map(),
    imports: new Map(),
    steps: new Map(),
    locked: new Map(),
    releases: new Map(),
    logins: new Map(),
    agents: new Map(),
  };
}

/** The one write that is always allowed (an unconditional put or delete). */
const always = () => true;

export function memoryLegacy(common: CommonState, st: MembersState): LegacyStore {
  return {
    marker: async (identity) => {
      const m = st.markers.get(identity);
      return m ? { identity: m.identity, userId: m.userId, importId: m.importId, line: m.line } : undefined;
    },
    markers: async (ids) =>
      new Map(
        ids.flatMap((id) => {
          const m = st.markers.get(id);
          return m ? [[id, { identity: id, userId: m.userId, importId: m.importId, line: m.line }] as const] : [];
        }),
      ),
    userIdByPhone: async (phone) => st.phones.get(phone),
    newOpenId: (openId, userId) =>
      memoryWrite({
        what: `openid ${openId} created once`,
        guard: () => !common.openIds.has(openId),
        effect: () => common.openIds.set(openId, userId),
      }),
    newMember: (m) =>
      memoryWrite({
        what: `user ${m.userId} created once`,
        guard: () => !common.users.has(m.userId),
        effect: () => {
          common.users.set(m.userId, {
            userId: m.userId,
            openId: m.openId,
            role: 'user',
            nickname: m.nickname,
            createdAt: m.createdAt,
          });
          st.logins.set(m.userId, { loggedIn: false, origin: 'legacy', ...(m.phone ? { phone: m.phone } : {}) });
        },
      }),
    newPhone: (phone, userId) =>
      memoryWrite({
        what: `phone ${phone} created once`,
        guard: () => !st.phones.has(phone),
        effect: () => st.phones.set(phone, userId),
      }),
    newMarker: (m, at) =>
      memoryWrite({
        what: `legacy marker ${m.identity} created once`,
        guard: () => !st.markers.has(m.identity),
        effect: () => st.markers.set(m.identity, { ...m, at }),
      }),
    importMeta: async (id) => {
      const i = st.imports.get(id);
      return i
        ? { hash: i.hash, status: i.status, ...(i.report !== undefined ? { report: i.report } : {}) }
        : undefined;
    },
    startImport: (importId, hash, rows, by, at) =>
      memoryWrite({
        what: `import ${importId} created once`,
        guard: () => !st.imports.has(importId),
        effect: () => st.imports.set(importId, { hash, status: 'applying', rows, by, startedAt: at }),
      }),
    finishImport: (importId, hash, report, at) =>
      memoryWrite({
        what: `import ${importId} done if its hash is ${hash.slice(0, 8)}…`,
        guard: () => st.imports.get(importId)?.hash === hash,
        effect: () => Object.assign(st.imports.get(importId)!, { status: 'done', report, finishedAt: at }),
      }),
    importStep: (importId, line, step, userId, amount) => {
      const key = `${importId}|${line}|${step}`;
      return memoryWrite({
        what: `import step ${key} created once`,
        guard: () => !st.steps.has(key),
        effect: () => st.steps.set(key, { userId, amount }),
      });
    },
    markLocked: async (userId, since) => {
      st.locked.set(userId, since);
    },
    // As a DynamoDB query: ascending user ids, a `next` whenever the page is full.
    lockedHolders: async (limit, cursor) => {
      const ids = [...st.locked.keys()].sort().filter((u) => cursor === undefined || u > cursor);
      const page = ids.slice(0, limit);
      return { userIds: page, ...(page.length === limit ? { next: page[page.length - 1]! } : {}) };
    },
    unlock: (userId) =>
      memoryWrite({ what: `locked ${userId} removed`, guard: always, effect: () => st.locked.delete(userId) }),
    release: async (date) => (st.releases.has(date) ? structuredClone(st.releases.get(date)!) : undefined),
    startRelease: (first) =>
      memoryWrite({
        what: `release ${first.date} created once`,
        guard: () => !st.releases.has(first.date),
        effect: () => st.releases.set(first.date, { ...first }),
      }),
    saveRelease: (next, prior) =>
      memoryWrite({
        what: `release ${next.date} at version ${prior}`,
        guard: () => st.releases.get(next.date)?.version === prior,
        effect: () => st.releases.set(next.date, structuredClone(next)),
      }),
  };
}

/** The referral index's sort key of a user bound to a referrer (as GSI1SK: `<createdAt>#<userId>`). */
function indexKey(common: CommonState, st: MembersState, userId: string): string {
  const at = st.logins.get(userId)?.indexedAt ?? common.users.get(userId)!.createdAt;
  return `${at}#${userId}`;
}

export function memoryReferrals(common: CommonState, st: MembersState): ReferralStore {
  return {
    referrerOf: async (u) => common.users.get(u)?.referrer || undefined,
    awaitingFirstLogin: async (u) => {
      const user = common.users.get(u);
      if (!user || st.logins.get(u)?.loggedIn !== false) return undefined;
      return { ...(user.referrer ? { referrer: user.referrer } : {}), createdAt: user.createdAt };
    },
    firstLogin: (u, at, bound) =>
      memoryWrite({
        what: `user ${u} not logged in yet`,
        guard: () => st.logins.get(u)?.loggedIn === false,
        effect: () => {
          const login = st.logins.get(u)!;
          Object.assign(login, { loggedIn: true, firstLoginAt: at });
          if (!bound) return;
          Object.assign(login, { boundAt: at, indexedAt: bound.createdAt });
          common.users.get(u)!.referrer = bound.referrer;
        },
      }),
    direct: async (referrer, limit) =>
      [...common.users.values()]
        .filter((x) => x.referrer === referrer)
        .sort((a, b) => (indexKey(common, st, a.userId) < indexKey(common, st, b.userId) ? 1 : -1))
        .slice(0, limit)
        .map((x) => ({
          userId: x.userId,
          nickname: x.nickname,
          joinedAt: st.logins.get(x.userId)?.boundAt ?? x.createdAt,
        })),
  };
}

export function memoryAgents(st: MembersState): AgentStore {
  return {
    assigned: async (regions) =>
      new Map(regions.flatMap((r) => (st.agents.has(r) ? [[r, st.agents.get(r)!.userId] as const] : []))),
    get: async (region) => {
      const a = st.agents.get(region);
      return a ? { region, userId: a.userId, assignedAt: a.assignedAt, version: a.version } : undefined;
    },
    assign: (a, prior) =>
      memoryWrite({
        what: `agent of ${a.region} at version ${prior}`,
        guard: () => (prior === 0 ? !st.agents.has(a.region) : st.agents.get(a.region)?.version === prior),
        effect: () =>
          st.agents.set(a.region, {
            region: a.region,
            userId: a.userId,
            assignedAt: a.at,
            by: a.by,
            version: prior + 1,
          }),
      }),
    remove: (region) =>
      memoryWrite({ what: `agent of ${region} removed`, guard: always, effect: () => st.agents.delete(region) }),
    list: async (limit) =>
      [...st.agents.values()]
        .sort((a, b) => (a.region < b.region ? -1 : 1))
        .slice(0, limit)
        .map((a) => ({ region: a.region, userId: a.userId, assignedAt: a.assignedAt })),
  };
}

export function memoryTeam(common: CommonState): TeamStore {
  return {
    // Newest first, as the ledger's sort key orders them: <at>#<eventId>#<n>.
    recentLedger: async (userId, max) =>
      [...common.ledger.entries()]
        .filter(([, row]) => row.userId === userId)
        .map(([key, row]) => ({ sk: `${row.at}#${row.eventId}#${pad(Number(key.split('|').pop()), 3)}`, row }))
        .sort((a, b) => (a.sk < b.sk ? 1 : -1))
        .slice(0, max)
        .map(({ row }) => ({ field: row.field, why: row.why, delta: row.delta })),
  };
}
