// The wallet area's stores in memory (withdrawals, the operator's withdrawal list, the audit log),
// built like memory-common.ts: a Write is a guard and an effect, applied all or none by the
// memory committer. For fast unit tests of the domain; the DynamoDB Local tests stay the proof.
import type { Order } from '../../src/domain/model';
import type { AfterSaleListing, AuditRecord, AuditStore, OperatorQueries } from '../../src/domain/operator/ports';
import type { Withdrawal, WithdrawalFrom, WithdrawalStore } from '../../src/domain/wallet/ports';
import { commonState, memoryPage, memoryWrite, type CommonState } from './memory-common';
import { orderAreaState, type OrderAreaState } from './memory-orders';
import { membersState, type MembersState } from './memory-members';

export interface WalletState extends CommonState {
  withdrawals: Map<string, Withdrawal>;
  /** Σ requested per `user|day`, with its version */
  withdrawDays: Map<string, { amount: string; version: number }>;
  audit: Array<AuditRecord & { id: number }>;
  /** the order area's memory state (repo/memory-orders.ts): the idempotency keys a request claims */
  orderArea: OrderAreaState;
  /** the members' memory state (repo/memory-members.ts): a first login's referral, a legacy phone */
  members: MembersState;
}

export function walletState(): WalletState {
  return {
    ...commonState(),
    withdrawals: new Map(),
    withdrawDays: new Map(),
    audit: [],
    orderArea: orderAreaState(),
    members: membersState(),
  };
}

const isAt = (w: Withdrawal | undefined, from: WithdrawalFrom) =>
  !!w && w.status === from.status && (from.status !== 'paying' || w.claim === from.claim);

export function memoryWithdrawals(st: WalletState): WithdrawalStore {
  const setOn = (id: string, what: string, from: WithdrawalFrom, values: Partial<Withdrawal>) =>
    memoryWrite({
      what: `withdrawal ${id} ${what} from ${from.status}`,
      guard: () => isAt(st.withdrawals.get(id), from),
      effect: () => st.withdrawals.set(id, { ...st.withdrawals.get(id)!, ...values }),
    });
  return {
    get: async (id) => (st.withdrawals.has(id) ? { ...st.withdrawals.get(id)! } : undefined),
    daySum: async (u, day) => ({ ...(st.withdrawDays.get(`${u}|${day}`) ?? { amount: '0', version: 0 }) }),
    putDaySum: (u, day, amount, prior) =>
      memoryWrite({
        what: `withdrawals of ${u} on ${day} at version ${prior}`,
        guard: () => (st.withdrawDays.get(`${u}|${day}`)?.version ?? 0) === prior,
        effect: () => st.withdrawDays.set(`${u}|${day}`, { amount, version: prior + 1 }),
      }),
    create: ({ withdrawalId, userId, amount, at }) =>
      memoryWrite({
        what: `new withdrawal ${withdrawalId}`,
        guard: () => !st.withdrawals.has(withdrawalId),
        effect: () =>
          st.withdrawals.set(withdrawalId, { withdrawalId, userId, amount, status: 'requested', createdAt: at }),
      }),
    claim: (id, claim, claimedAt, from) => setOn(id, 'claim', from, { status: 'paying', claim, claimedAt }),
    decide: (id, status, decidedAt, detail, from, bill) =>
      setOn(id, status, from, { status, decidedAt, ...(detail ? { detail } : {}), ...(bill ? { bill } : {}) }),
  };
}

/** The operator's lists in memory, newest first, over this world's orders, requests and withdrawals. */
export function memoryQueries(st: WalletState): OperatorQueries {
  const newestFirst = <T>(rows: Array<[string, T]>) => rows.sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0));
  return {
    ordersByStatus: async (status, limit, cursor) => {
      const rows = [...st.orderArea.orders.values()]
        .filter((o) => o.status === status)
        .map((o): [string, Order] => [`${o.createdAt}#${o.orderId}`, structuredClone(o)]);
      return memoryPage(`orders ${status}`, newestFirst(rows), limit, cursor);
    },
    afterSales: async (status, limit, cursor) => {
      const rows = [...st.orderArea.afterSales.values()]
        .filter((r) => r.status === status)
        .map((r): [string, AfterSaleListing] => [
          `${r.createdAt}#${r.requestId}`,
          {
            requestId: r.requestId,
            orderId: r.orderId,
            userId: r.userId,
            status: r.status,
            kind: r.kind,
            items: structuredClone(r.items),
            amount: r.amount,
            reason: r.reason,
            note: r.note ?? '',
            carrier: r.carrier ?? '',
            trackingNo: r.trackingNo ?? '',
            createdAt: r.createdAt,
            updatedAt: r.updatedAt ?? '',
          },
        ]);
      return memoryPage(`after-sales ${status}`, newestFirst(rows), limit, cursor);
    },
    withdrawals: async (status, limit, cursor) => {
      const rows = [...st.withdrawals.values()]
        .filter((w) => w.status === status)
        .map((w): [string, Withdrawal] => [`${w.createdAt}#${w.withdrawalId}`, { ...w }]);
      return memoryPage(`withdrawals ${status}`, newestFirst(rows), limit, cursor);
    },
    latestOrders: async (userId, limit) =>
      [...st.orderArea.orders.values()]
        .filter((o) => o.userId === userId)
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
        .slice(0, limit)
        .map((o) => structuredClone(o)),
  };
}

export function memoryAudit(st: Pick<WalletState, 'audit'>): AuditStore {
  return {
    // Its own key (time and a number), so an entry never overwrites another.
    record: (r) =>
      memoryWrite({
        what: `audit ${r.at}`,
        guard: () => true,
        effect: () => st.audit.push({ ...r, id: st.audit.length + 1 }),
      }),
    page: async (limit, through, cursor) => {
      // Keyed as on DynamoDB (`<time>#<id>`): every entry whose time is `through` or earlier.
      const rows = st.audit
        .map(({ id, ...r }): [string, AuditRecord] => [`${r.at}#${String(id).padStart(9, '0')}`, r])
        .filter(([k]) => !through || k < `${through}\uffff`)
        .sort(([a], [b]) => (a < b ? 1 : -1));
      return memoryPage('audit', rows, limit, cursor);
    },
  };
}
