// The one in-memory world of the unit tests: every store of Stores (domain/deps.ts) on one state (the
// common part, the order area, the members, settlement, withdrawals and the audit log, the pool's
// log), assembled here and only here, with the local stage's ports (the WeChat sandboxes).
// The DynamoDB Local tests stay the proof; these are the fast checks of the domain's logic.
import type { Deps } from '../../src/domain/deps';
import { memoryCommonStores } from './memory-common';
import { memoryOrderStores } from './memory-orders';
import { memoryAgents, memoryLegacy, memoryReferrals, memoryTeam } from './memory-members';
import { memoryRanking, memorySettlement, settlementState, type SettlementState } from './memory-settlement';
import { memoryAudit, memoryQueries, memoryWithdrawals, walletState, type WalletState } from './memory-wallet';
import { memoryStores, type MemoryWorld } from './memory';
import { session, wechat, wechatTransfer } from '../../src/wiring/ports';

/** The state behind every memory store, open to a test's assertions. */
export interface MemoryState extends WalletState {
  settlement: SettlementState;
  /** the pool's log and its projection (memory.ts) */
  poolLog: MemoryWorld;
}

export function memoryState(): MemoryState {
  return { ...walletState(), settlement: settlementState(), poolLog: memoryStores() };
}

/** Every store in memory on `st`, and the ports. */
export function memoryDeps(st: MemoryState = memoryState()): Deps {
  return {
    ...memoryCommonStores(st),
    ...memoryOrderStores(st.orderArea, st),
    legacy: memoryLegacy(st, st.members),
    locked: {
      lockedSince: async (userIds) =>
        new Map(userIds.flatMap((u) => (st.members.locked.has(u) ? [[u, st.members.locked.get(u)!] as const] : []))),
    },
    referrals: memoryReferrals(st, st.members),
    agents: memoryAgents(st.members),
    team: memoryTeam(st),
    withdrawals: memoryWithdrawals(st),
    queries: memoryQueries(st),
    audit: memoryAudit(st),
    settlement: memorySettlement(st.settlement, st),
    ranking: memoryRanking(st),
    pool: st.poolLog.pool,
    projection: st.poolLog.projection,
    ...wechat,
    ...wechatTransfer,
    ...session,
  };
}
