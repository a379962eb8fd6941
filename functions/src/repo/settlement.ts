// The settlement's stores on DynamoDB (domain/programme/ports.ts "settlement"): key layout and item forms of
// SETTLEMENT#<date> (STATE, CHUNK#, EXIT#, EXITPLAN#), the CARRY, the dividend fund entries
// (DIVFUND#<date>, GSI1 DIVFUND), the holders index (GSI2 HOLDER) and the leaderboard shards.
import { weightOf, ZERO } from '@greenpoints/shared';
import type {
  ChunkPayment,
  DividendFundEntry,
  ExitMarker,
  RankingStore,
  Settlement,
  SettlementStatus,
  SettlementStore,
} from '../domain/programme/ports';
import { batchGet, batchWrite, getItem, query, type Item, type QueryOpts, type Scalar } from './ddb';
import { gsi, indexKeys, keys, partitions, RANK_SHARDS, skBounds, skPrefixes } from './keys';
import { asWrite } from './writes';
import { ledgerEntryOps } from './ledger';

export function settlementItem(s: Settlement): Item {
  return { ...keys.settlement(s.date), type: 'settlement', ...s };
}

export function toSettlement(i: Item): Settlement {
  const str = (k: string, d = '') => (typeof i[k] === 'string' ? (i[k] as string) : d);
  const num = (k: string) => (typeof i[k] === 'number' ? (i[k] as number) : 0);
  return {
    date: str('date'),
    status: str('status') as SettlementStatus,
    fromDate: str('fromDate'),
    contributions: str('contributions', '0.00'),
    days: str('days'), // '' on settlements written before days were recorded
    late: str('late', '{}'),
    foldedFrom: str('foldedFrom'),
    foldedThrough: str('foldedThrough'),
    foldedAmount: str('foldedAmount', '0.00'),
    carryIn: str('carryIn', '0.00'),
    dayFund: str('dayFund', '0.00'),
    exitEnabled: i.exitEnabled === true,
    paramsVersion: num('paramsVersion'),
    snapCursor: str('snapCursor'),
    chunks: num('chunks'),
    participants: num('participants'),
    totalWeight: str('totalWeight', '0'),
    payCursor: num('payCursor'),
    paid: str('paid', '0.00'),
    payees: num('payees'),
    exitCursor: num('exitCursor'),
    exits: num('exits'),
    exitPoints: str('exitPoints', '0'),
    exitPayout: str('exitPayout', '0.00'),
    carryOut: str('carryOut', '0.00'),
    startedAt: str('startedAt'),
    finishedAt: str('finishedAt'),
    version: num('version'),
  };
}

/** The day's dividend fund entry of a completion: keys, GSI1 (date order) and fields. */
export function dividendFundItem(e: DividendFundEntry): Record<string, string> {
  return {
    ...keys.divFund(e.date, e.eventId),
    ...indexKeys.divFund(e.date, e.eventId),
    type: 'divfund',
    date: e.date,
    eventId: e.eventId,
    amount: e.amount,
    at: e.at,
    ...(e.orderId ? { orderId: e.orderId } : {}),
  };
}

function toMarker(i: Item): ExitMarker {
  return { userId: String(i.userId), points: String(i.points), payout: String(i.payout), sell: String(i.sell) };
}

/** Σ amount over the pages of a query, at most `maxPages` of them. */
async function sumAmounts(o: QueryOpts, maxPages: number): Promise<{ sum: string; complete: boolean }> {
  let sum = ZERO;
  let cursor: Record<string, Scalar> | undefined;
  for (let page = 0; page < maxPages; page++) {
    const r = await query({ ...o, cursor });
    for (const i of r.items) sum = sum.plus(String(i.amount ?? '0'));
    if (!r.next) return { sum: sum.toFixed(), complete: true };
    cursor = r.next;
  }
  return { sum: sum.toFixed(), complete: false };
}

/** The sum over every write shard of a key (each read up to `maxPages`); complete when every shard is. */
async function sumShards(pks: string[], o: Omit<QueryOpts, 'pk'>, maxPages: number) {
  const sums = await Promise.all(pks.map((pk) => sumAmounts({ ...o, pk }, maxPages)));
  return {
    sum: sums.reduce((acc, x) => acc.plus(x.sum), ZERO).toFixed(),
    complete: sums.every((x) => x.complete),
  };
}

export const settlementStore: SettlementStore = {
  async get(date) {
    const i = await getItem(keys.settlement(date));
    return i ? toSettlement(i) : undefined;
  },
  create: (s) => asWrite({ op: 'create', item: settlementItem(s) }),
  advance: (s, prior) => asWrite({ op: 'putIf', item: settlementItem(s), ifEquals: { version: prior } }),

  async carry() {
    const c = await getItem(keys.carry());
    if (!c) return undefined;
    return {
      lastDate: typeof c.lastDate === 'string' ? c.lastDate : undefined,
      amount: String(c.amount ?? '0'),
      version: Number(c.version ?? 0),
    };
  },
  openCarry: (date, openedAt, prior) =>
    asWrite({
      op: 'put',
      item: {
        ...keys.carry(),
        type: 'carry',
        lastDate: date,
        amount: '0.00',
        openedAt,
        version: (prior ?? 0) + 1,
      },
      ifVersion: prior === undefined ? null : prior,
    }),
  closeCarry: (date, amount, closedAt) =>
    asWrite({ op: 'set', key: keys.carry(), values: { amount, closedAt }, ifEquals: { lastDate: date } }),

  async holders(cursor, limit) {
    const page = await query({
      pk: gsi.holders,
      index: 'GSI2',
      limit,
      cursor: cursor ? (JSON.parse(cursor) as Record<string, Scalar>) : undefined,
    });
    return { users: page.items.map((i) => String(i.GSI2SK)), next: page.next ? JSON.stringify(page.next) : '' };
  },
  createChunk: (date, k, users) =>
    asWrite({
      op: 'create',
      item: { ...keys.settlementChunk(date, k), type: 'settlement_chunk', users: JSON.stringify(users) },
    }),
  async chunk(date, k) {
    const c = await getItem(keys.settlementChunk(date, k));
    if (!c) return undefined;
    return {
      users: JSON.parse(String(c.users)) as Array<[string, string]>,
      ...(typeof c.pays === 'string'
        ? {
            payment: {
              paidAt: String(c.paidAt),
              paid: String(c.paid),
              pays: JSON.parse(c.pays) as ChunkPayment['pays'],
            },
          }
        : {}),
    };
  },
  // An update of the changed fields: the item ends as a put of the whole wallet would leave it
  // (the indexes follow quota and equity, which a dividend does not move), at half the cost.
  creditDividend: (userId, next, prior) =>
    asWrite({
      op: 'set',
      key: keys.wallet(userId),
      values: { cash: next.cash, dividendsPaid: next.dividendsPaid, version: prior + 1 },
      ifEquals: { version: prior },
    }),
  // A one-time claim on the chunk item: the payment is recorded with the wallet credits, once.
  claimChunk: (date, k, p) =>
    asWrite({
      op: 'set',
      key: keys.settlementChunk(date, k),
      values: { paidAt: p.paidAt, paid: p.paid, payees: p.pays.length, pays: JSON.stringify(p.pays) },
      ifEquals: { type: 'settlement_chunk' },
      ifAbsent: ['paidAt'],
    }),
  async writeDividendLedger(at, ref, rows) {
    // Same builder as the transactional entries, so the items are identical; put by content.
    const items = rows.flatMap((r) =>
      ledgerEntryOps(r.eventId, 'dividend', at, r.changes, ref).flatMap((o) => ('item' in o ? [o.item] : [])),
    );
    await batchWrite(items);
  },

  async exitMarker(date, userId) {
    const i = await getItem(keys.settlementExit(date, userId));
    return i ? toMarker(i) : undefined;
  },
  async exitMarkers(date, userIds) {
    return (await batchGet(userIds.map((u) => keys.settlementExit(date, u)))).map(toMarker);
  },
  markExit: (date, m) =>
    asWrite({
      op: 'create',
      item: { ...keys.settlementExit(date, m.userId), type: 'settlement_exit', ...m },
    }),
  async exitPlan(date, userId) {
    const i = await getItem(keys.settlementExitPlan(date, userId));
    return i ? { quota: String(i.quota), dividendsPaid: String(i.dividendsPaid) } : undefined;
  },
  recordExitPlan: (date, userId, p) =>
    asWrite({
      op: 'create',
      item: { ...keys.settlementExitPlan(date, userId), type: 'settlement_exit_plan', userId, ...p },
    }),
  async exits(date, limit) {
    const r = await query({ pk: partitions.settlement(date), skPrefix: skPrefixes.settlementExit, limit });
    return r.items.map(toMarker);
  },

  dayContributions: (date, maxPages) => sumShards(partitions.divFund(date), {}, maxPages),
  contributionsBetween: (from, through, maxPages) =>
    sumShards(gsi.divFund, { index: 'GSI1', skBetween: skBounds.divFundDates(from, through) }, maxPages),
  async firstContributionDate() {
    const firsts = await Promise.all(gsi.divFund.map((pk) => query({ pk, index: 'GSI1', limit: 1 })));
    const dates = firsts.flatMap((r) => (typeof r.items[0]?.date === 'string' ? [r.items[0].date] : [])).sort();
    return dates[0];
  },
  contribution: (e) => asWrite({ op: 'create', item: dividendFundItem(e) }),
};

export const rankingStore: RankingStore = {
  topPerShard: (n) =>
    Promise.all(
      Array.from({ length: RANK_SHARDS }, (_, shard) =>
        query({ pk: gsi.rank(shard), index: 'GSI1', newestFirst: true, limit: n }).then((r) =>
          r.items.map((i) => ({
            userId: String(i.userId),
            weight: weightOf({ equity: String(i.equity), equityLocked: String(i.equityLocked) }),
          })),
        ),
      ),
    ),
  async nicknames(userIds) {
    const items = await batchGet(userIds.map((u) => keys.user(u)));
    return new Map(items.map((u) => [String(u.userId), String(u.nickname ?? '')]));
  },
};
