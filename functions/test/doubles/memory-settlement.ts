// The settlement's stores (domain/programme/ports.ts "settlement") in memory, beside the common ones of
// memory-common.ts and with the same contracts as repo/settlement.ts: the day's state guarded by
// its version, chunks created once and claimed once, exit markers created once, the holders index
// from the wallets (quota > 0, ascending userId). For fast unit tests; DynamoDB Local stays the proof.
import { dec, weightOf, ZERO } from '@greenpoints/shared';
import type {
  Carry,
  ChunkPayment,
  DividendFundEntry,
  ExitMarker,
  ExitPlan,
  RankingStore,
  Settlement,
  SettlementChunk,
  SettlementStore,
} from '../../src/domain/programme/ports';
import { memoryWrite, type CommonState } from './memory-common';

export interface SettlementState {
  days: Map<string, Settlement>;
  carry?: Carry & { openedAt?: string; closedAt?: string };
  chunks: Map<string, SettlementChunk>; // key: date|k
  exits: Map<string, ExitMarker>; // key: date|userId
  exitPlans: Map<string, ExitPlan>;
  fund: Map<string, DividendFundEntry>; // key: date|eventId
  /** ledger entries written by writeDividendLedger, counted (a replay rewrites the same keys) */
  ledgerWrites: number;
}

export function settlementState(): SettlementState {
  return {
    days: new Map(),
    chunks: new Map(),
    exits: new Map(),
    exitPlans: new Map(),
    fund: new Map(),
    ledgerWrites: 0,
  };
}

const chunkKey = (date: string, k: number) => `${date}|${k}`;

function sum(entries: DividendFundEntry[]): string {
  return entries.reduce((a, e) => a.plus(e.amount), ZERO).toFixed();
}

export function memorySettlement(st: SettlementState, common: CommonState): SettlementStore {
  return {
    get: async (date) => (st.days.has(date) ? structuredClone(st.days.get(date)!) : undefined),
    create: (s) =>
      memoryWrite({
        what: `settlement ${s.date} (new)`,
        guard: () => !st.days.has(s.date),
        effect: () => st.days.set(s.date, structuredClone(s)),
      }),
    advance: (s, prior) =>
      memoryWrite({
        what: `settlement ${s.date} at version ${prior}`,
        guard: () => st.days.get(s.date)?.version === prior,
        effect: () => st.days.set(s.date, structuredClone(s)),
      }),

    carry: async () =>
      st.carry ? { lastDate: st.carry.lastDate, amount: st.carry.amount, version: st.carry.version } : undefined,
    openCarry: (date, openedAt, prior) =>
      memoryWrite({
        what: `carry at version ${prior ?? 'none'}`,
        guard: () => (prior === undefined ? !st.carry : st.carry?.version === prior),
        effect: () => (st.carry = { lastDate: date, amount: '0.00', version: (prior ?? 0) + 1, openedAt }),
      }),
    closeCarry: (date, amount, closedAt) =>
      memoryWrite({
        what: `carry of ${date}`,
        guard: () => st.carry?.lastDate === date,
        effect: () => (st.carry = { ...st.carry!, amount, closedAt }),
      }),

    async holders(cursor, limit) {
      const after = cursor ? (JSON.parse(cursor) as string) : '';
      const all = [...common.wallets]
        .filter(([u, w]) => u > after && dec(w.wallet.quota).gt(0))
        .map(([u]) => u)
        .sort();
      const users = all.slice(0, limit);
      return { users, next: all.length > limit ? JSON.stringify(users[users.length - 1]) : '' };
    },
    createChunk: (date, k, users) =>
      memoryWrite({
        what: `chunk ${date} ${k} (new)`,
        guard: () => !st.chunks.has(chunkKey(date, k)),
        effect: () => st.chunks.set(chunkKey(date, k), { users: structuredClone(users) }),
      }),
    chunk: async (date, k) => structuredClone(st.chunks.get(chunkKey(date, k))),
    creditDividend: (u, next, prior) =>
      memoryWrite({
        what: `wallet ${u} at version ${prior} (dividend)`,
        guard: () => common.wallets.get(u)?.version === prior,
        effect: () => {
          const w = common.wallets.get(u)!.wallet;
          common.wallets.set(u, {
            wallet: { ...w, cash: next.cash, dividendsPaid: next.dividendsPaid },
            version: prior + 1,
          });
        },
      }),
    claimChunk: (date, k, p: ChunkPayment) =>
      memoryWrite({
        what: `chunk ${date} ${k} unpaid`,
        guard: () => !!st.chunks.get(chunkKey(date, k)) && !st.chunks.get(chunkKey(date, k))!.payment,
        effect: () => (st.chunks.get(chunkKey(date, k))!.payment = structuredClone(p)),
      }),
    async writeDividendLedger(at, ref, rows) {
      for (const r of rows)
        r.changes.forEach((c, n) => {
          common.ledger.set(`${c.user}|${at}|${r.eventId}|${n}`, {
            userId: c.user,
            field: c.field,
            delta: c.delta,
            why: c.why,
            kind: 'dividend',
            eventId: r.eventId,
            at,
            ref: { ...ref },
          });
          st.ledgerWrites++;
        });
    },

    exitMarker: async (date, u) => structuredClone(st.exits.get(`${date}|${u}`)),
    exitMarkers: async (date, us) =>
      us.flatMap((u) => (st.exits.has(`${date}|${u}`) ? [{ ...st.exits.get(`${date}|${u}`)! }] : [])),
    markExit: (date, m) =>
      memoryWrite({
        what: `exit ${date} ${m.userId} (new)`,
        guard: () => !st.exits.has(`${date}|${m.userId}`),
        effect: () => st.exits.set(`${date}|${m.userId}`, { ...m }),
      }),
    exitPlan: async (date, u) => structuredClone(st.exitPlans.get(`${date}|${u}`)),
    recordExitPlan: (date, u, p) =>
      memoryWrite({
        what: `exit plan ${date} ${u} (new)`,
        guard: () => !st.exitPlans.has(`${date}|${u}`),
        effect: () => st.exitPlans.set(`${date}|${u}`, { ...p }),
      }),
    exits: async (date, limit) =>
      [...st.exits]
        .filter(([k]) => k.startsWith(`${date}|`))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .slice(0, limit)
        .map(([, m]) => ({ ...m })),

    // One page holds everything in memory: the page bound is never reached.
    dayContributions: async (date) => ({
      sum: sum([...st.fund.values()].filter((e) => e.date === date)),
      complete: true,
    }),
    contributionsBetween: async (from, through) => ({
      sum: sum([...st.fund.values()].filter((e) => e.date >= from && e.date <= through)),
      complete: true,
    }),
    firstContributionDate: async () => [...st.fund.values()].map((e) => e.date).sort()[0],
    contribution: (e) =>
      memoryWrite({
        what: `dividend fund ${e.date} ${e.eventId} (new)`,
        guard: () => !st.fund.has(`${e.date}|${e.eventId}`),
        effect: () => st.fund.set(`${e.date}|${e.eventId}`, { ...e }),
      }),
  };
}

export function memoryRanking(common: CommonState): RankingStore {
  return {
    // One shard in memory: the merge of per-shard lists is tested with the DynamoDB ones.
    async topPerShard(n) {
      const rows = [...common.wallets]
        .map(([userId, w]) => ({ userId, weight: weightOf(w.wallet) }))
        .filter((r) => dec(r.weight).gt(0))
        .sort((a, b) => dec(b.weight).cmp(a.weight) || (a.userId < b.userId ? -1 : 1));
      return [rows.slice(0, n)];
    },
    nicknames: async (us) => new Map(us.map((u) => [u, common.users.get(u)?.nickname ?? ''])),
  };
}
