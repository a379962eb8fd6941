// The DynamoDB stores the domain receives (domain/stores.ts): the common ones are here, each
// entity's own beside it (poollog.ts, …). A Write is a TxOp; only this folder knows that.
import type { Committer, Stores, Write } from '../domain/stores';
import { WritesRejected } from '../domain/stores';
import { MAX_TX_ITEMS, transact, TxCancelled, type TxOp } from './ddb';
import { poolLogStore, projectionStore } from './poollog';
import { withdrawalStore } from './withdrawals';
import { operatorQueries } from './queries';
import { auditStore } from './audit';
import { ledgerPage } from './history';
import { createUser } from './users';
import { agentStore } from './agents';
import { legacyStore } from './legacy';
import { referralStore } from './referrals';
import { teamStore } from './team';
import { afterSaleStore, orderStore, productStore } from './orders';
import { addressStore, idempotencyStore, profileStore } from './shopper';
import { rankingStore, settlementStore } from './settlement';
import {
  getEvent,
  getParams,
  getParamsVersion,
  getPool,
  getUser,
  getUserIdByOpenId,
  getWallet,
  getWallets,
  ledgerItem,
  walletPut,
} from './repository';

/** A TxOp as the domain holds it (opaque). */
export const asWrite = (op: TxOp): Write => op as unknown as Write;
/** The TxOp behind a Write built by these stores. */
export const asOp = (w: Write): TxOp => w as unknown as TxOp;

function describe(op: TxOp): string {
  const k = 'key' in op ? op.key : 'item' in op ? { PK: op.item.PK, SK: op.item.SK } : undefined;
  return `${op.op}:${JSON.stringify(k)}`;
}

export const committer: Committer = {
  maxWrites: MAX_TX_ITEMS,
  async commit(writes) {
    const ops = writes.map(asOp);
    try {
      await transact(ops);
    } catch (e) {
      if (!(e instanceof TxCancelled)) throw e;
      const failed = e.failedIndexes();
      throw new WritesRejected(
        failed,
        failed.map((i) => describe(ops[i]!)),
      );
    }
  },
};

/** The ledger entries of one outcome's changes, n = their order in it. */
export function ledgerEntryOps(
  eventId: string,
  kind: string,
  at: string,
  changes: Array<{ user: string; field: string; delta: string; why: string }>,
  ref: Record<string, string> = {},
): TxOp[] {
  return changes.map((c, n) => ({
    op: 'create' as const,
    item: ledgerItem(c.user, at, { ...c, eventId, kind, n }, ref),
  }));
}

export function ddbStores(): Stores {
  return {
    tx: committer,
    config: { params: getParams, paramsAt: getParamsVersion },
    users: { get: getUser, idByOpenId: getUserIdByOpenId, create: createUser },
    wallets: {
      get: getWallet,
      getMany: getWallets,
      put: (userId, wallet, prior) => asWrite(walletPut(userId, wallet, prior)),
    },
    ledger: { entries: (...a) => ledgerEntryOps(...a).map(asWrite), page: ledgerPage },
    events: { get: getEvent },
    poolState: { state: getPool },
    pool: poolLogStore,
    projection: projectionStore,
    withdrawals: withdrawalStore,
    queries: operatorQueries,
    audit: auditStore,
    legacy: legacyStore,
    referrals: referralStore,
    agents: agentStore,
    team: teamStore,
    orders: orderStore,
    products: productStore,
    afterSales: afterSaleStore,
    idempotency: idempotencyStore,
    addresses: addressStore,
    profiles: profileStore,
    settlement: settlementStore,
    ranking: rankingStore,
  };
}
