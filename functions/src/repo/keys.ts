// Key builders: the single place where the table's key layout (docs/data-model.md) is spelled:
// every item's PK/SK, every index key (GSI1, GSI2), the partitions a Query reads, the sort-key
// prefixes and bounds it reads by. Pure: builds keys and attributes only, the reads and writes
// go through ddb.ts. functions/test/repo/keys-guard.test.ts fails when production code spells a
// key anywhere else.
import { createHash } from 'crypto';
import { dec, truncate, weightOf, type Wallet } from '@greenpoints/shared';
import type { Item, Key, Scalar } from './ddb';

export const pad = (n: number, width = 12) => String(n).padStart(width, '0');

const USER = 'USER#';
const ORDER = 'ORDER#';
const LEGACY = 'LEGACY#';
const LEDGER = 'LEDGER#';
const EXIT = 'EXIT#';
const AUDITHEAD = 'AUDITHEAD#';
const WITHDRAWAL = 'WITHDRAWAL#';
/** After every character a key holds: the upper bound of a range read by a key's prefix. */
const HIGHEST = '\uffff';

/** A stable hash of an id onto `n` shards (the same function for every sharded key). */
export function shardOf(id: string, n: number): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % n;
}

/**
 * Queue shards: writes spread over this many partitions; the drainer merges them by arrival.
 * 16 (was 8): an event writes its entry transactionally (2 WCU) and deletes it (1 WCU), so 16
 * partitions hold ~5,300 events/s at 1,000 WCU/s each (docs/performance.md). The shards of
 * before (0–7) are among those read, so entries queued under 8 shards are still drained.
 */
export const QUEUE_SHARDS = 16;

/** What every queue shard's key begins with: serverless.yml's poolDrainer is woken by inserts under it. */
export const QUEUE_PREFIX = 'QUEUE#';

/** The queue shard of an event: a stable hash of its id. */
export const queueShard = (eventId: string): number => shardOf(eventId, QUEUE_SHARDS);

/**
 * Write shards of the index keys that every pool event touches (the order status index, the
 * shipped and due queues, the dividend fund): an item's shard is fixed by its id, and a reader
 * reads every shard and merges (bounded: SHARDS + 1 queries, the +1 the key's unsharded form
 * of before, so items written before the sharding stay found).
 */
export const INDEX_SHARDS = 16;
const shardKeys = (base: string): string[] => [base, ...Array.from({ length: INDEX_SHARDS }, (_, k) => `${base}#${k}`)];
const sharded = (base: string, id: string) => `${base}#${shardOf(id, INDEX_SHARDS)}`;

/** Shards of the unpaid-orders index; an order's shard is fixed by its id. */
export const UNPAID_SHARDS = 8;
export const unpaidShard = (orderId: string): number => shardOf(orderId, UNPAID_SHARDS);

/** The partitions read by Query on the table (a PK alone). */
export const partitions = {
  /** A user's own items: profile, wallet, ledger, day sums, Idempotency-Keys, address book. */
  user: (userId: string) => `${USER}${userId}`,
  /** One shard of the pool's queue. */
  queue: (shard: number) => `${QUEUE_PREFIX}${shard}`,
  /** The auto-complete queue of shipped orders: every shard, merged by shipping time. */
  shipped: shardKeys('SHIPPED'),
  /** The orders whose after-sale window closes, by its end: every shard. */
  due: shardKeys('DUE'),
  audit: 'AUDIT',
  settlement: (date: string) => `SETTLEMENT#${date}`,
  /** The dividend fund entries of one business date: every shard. */
  divFund: (date: string) => shardKeys(`DIVFUND#${date}`),
  locked: 'LOCKED',
  /** A request for a second signature: its item and the parts of a large input. */
  approval: (approvalId: string) => `APPROVAL#${approvalId}`,
  /** One shard of the unpaid WeChat orders, by payExpiresAt (cancel-unpaid). */
  unpaid: (shard: number) => `UNPAID#${shard}`,
  /** Shipping uploads to WeChat not done: `pending` by the next try's time, `failed` for staff. */
  shippingReport: (state: 'pending' | 'failed') => `SHIPREPORT#${state}`,
  /** The parameters: the current item and every version (get-config). */
  config: 'CONFIG',
};

/** Sort-key prefixes read by begins_with inside a partition. */
export const skPrefixes = {
  /** A user's ledger entries (partitions.user). */
  ledger: LEDGER,
  /** A settlement's exit markers (partitions.settlement). */
  settlementExit: EXIT,
  /** The parts of a request's large input (partitions.approval). */
  approvalPart: 'PART#',
  /** The parameters' versions (partitions.config). */
  configVersion: 'V#',
};

export const keys = {
  pool: (): Key => ({ PK: 'POOL', SK: 'STATE' }),
  // The pool's queue, write-sharded off the pool's partition; the drainer merges the shards.
  queue: (at: string, eventId: string): Key => ({ PK: partitions.queue(queueShard(eventId)), SK: `${at}#${eventId}` }),
  // One batch of the pool's log per partition: sequential numbers, read by GetItem/BatchGet.
  poolBatch: (batch: number): Key => ({ PK: `POOLLOG#${pad(batch)}`, SK: 'BATCH' }),
  poolLease: (): Key => ({ PK: 'LEASE#POOL', SK: 'LEASE' }),
  // The signed head of a published batch (GET /pool/head): its own partition, never the pool's.
  poolHeadSigned: (batch: number): Key => ({ PK: `POOLHEAD#${pad(batch)}`, SK: 'SIGNED' }),
  // The local stage's head-signing key, made once per local stack (never used on another stage).
  localHeadKey: (): Key => ({ PK: 'SIGNKEY#LOCAL', SK: 'KEY' }),
  event: (eventId: string): Key => ({ PK: `EVENT#${eventId}`, SK: 'EVENT' }),
  config: (): Key => ({ PK: partitions.config, SK: 'PARAMS' }),
  configVersion: (v: number): Key => ({ PK: partitions.config, SK: `${skPrefixes.configVersion}${pad(v, 6)}` }),
  product: (productId: string): Key => ({ PK: `PRODUCT#${productId}`, SK: 'META' }),
  user: (userId: string): Key => ({ PK: partitions.user(userId), SK: 'PROFILE' }),
  openId: (openId: string): Key => ({ PK: `OPENID#${openId}`, SK: 'OPENID' }),
  wallet: (userId: string): Key => ({ PK: partitions.user(userId), SK: 'WALLET' }),
  ledger: (userId: string, at: string, eventId: string, n: number): Key => ({
    PK: partitions.user(userId),
    SK: `${LEDGER}${at}#${eventId}#${pad(n, 3)}`,
  }),
  /** Σ withdrawals a user requested on one China business day (the daily limit). */
  withdrawDay: (userId: string, date: string): Key => ({ PK: partitions.user(userId), SK: `WDAY#${date}` }),
  idem: (userId: string, idemKey: string): Key => ({ PK: partitions.user(userId), SK: `IDEM#${idemKey}` }),
  /** A user's address book: one item, guarded by its version. */
  addressBook: (userId: string): Key => ({ PK: partitions.user(userId), SK: 'ADDRESSES' }),
  order: (orderId: string): Key => ({ PK: `${ORDER}${orderId}`, SK: 'META' }),
  shipped: (shippedAt: string, orderId: string): Key => ({
    PK: sharded('SHIPPED', orderId),
    SK: `${shippedAt}#${orderId}`,
  }),
  due: (completesAt: string, orderId: string): Key => ({
    PK: sharded('DUE', orderId),
    SK: `${completesAt}#${orderId}`,
  }),
  afterSale: (requestId: string): Key => ({ PK: `AFTERSALE#${requestId}`, SK: 'META' }),
  withdrawal: (id: string): Key => ({ PK: `${WITHDRAWAL}${id}`, SK: 'META' }),
  shippingReport: (state: 'pending' | 'failed', at: string, orderId: string): Key => ({
    PK: partitions.shippingReport(state),
    SK: `${at}#${orderId}`,
  }),
  /** Unpaid WeChat orders by payExpiresAt, write-sharded (UNPAID_SHARDS) so order bursts spread. */
  unpaid: (payExpiresAt: string, orderId: string): Key => ({
    PK: partitions.unpaid(unpaidShard(orderId)),
    SK: `${payExpiresAt}#${orderId}`,
  }),
  audit: (at: string, id: string): Key => ({ PK: partitions.audit, SK: `${at}#${id}` }),
  /**
   * The HTTP API's abuse counter of one caller and one window (http/rate-limit.ts); a sharded
   * scope spreads one id over `#<shard>` items.
   */
  rate: (scope: string, id: string, window: number, shard?: number): Key => ({
    PK: shard === undefined ? `RATE#${scope}#${id}` : `RATE#${scope}#${id}#${shard}`,
    SK: `W#${window}`,
  }),
  // ---------- the full programme (docs/data-model.md "Programme") ----------
  settlement: (date: string): Key => ({ PK: partitions.settlement(date), SK: 'STATE' }),
  settlementChunk: (date: string, k: number): Key => ({ PK: partitions.settlement(date), SK: `CHUNK#${pad(k, 6)}` }),
  settlementExit: (date: string, userId: string): Key => ({ PK: partitions.settlement(date), SK: `${EXIT}${userId}` }),
  /** The quota and dividendsPaid an exit was decided on, written with its sell. */
  settlementExitPlan: (date: string, userId: string): Key => ({
    PK: partitions.settlement(date),
    SK: `EXITPLAN#${userId}`,
  }),
  carry: (): Key => ({ PK: 'SETTLEMENT', SK: 'CARRY' }),
  /** One item per completed order with a dividend contribution, by business date. */
  divFund: (date: string, eventId: string): Key => ({ PK: sharded(`DIVFUND#${date}`, eventId), SK: `EV#${eventId}` }),
  agent: (region: string): Key => ({ PK: `AGENT#${region}`, SK: 'AGENT' }),
  legacy: (identity: string): Key => ({ PK: `${LEGACY}${identity}`, SK: 'LEGACY' }),
  importMeta: (importId: string): Key => ({ PK: `IMPORT#${importId}`, SK: 'META' }),
  importStep: (importId: string, line: number, step: string): Key => ({
    PK: `IMPORT#${importId}`,
    SK: `ROW#${pad(line, 6)}#${step}`,
  }),
  phone: (phone: string): Key => ({ PK: `PHONE#${phone}`, SK: 'PHONE' }),
  locked: (userId: string): Key => ({ PK: partitions.locked, SK: userId }),
  release: (date: string): Key => ({ PK: `RELEASE#${date}`, SK: 'STATE' }),
  /** The head of one audit chain (`<UTC day>#<shard>`): its last seq and hash. */
  auditHead: (chain: string): Key => ({ PK: `${AUDITHEAD}${chain}`, SK: 'HEAD' }),
  staffAccount: (username: string): Key => ({ PK: `STAFF#${username}`, SK: 'ACCOUNT' }),
  approval: (approvalId: string): Key => ({ PK: partitions.approval(approvalId), SK: 'META' }),
  /** A part of a request's input too large for one item (a legacy file), in order. */
  approvalPart: (approvalId: string, n: number): Key => ({
    PK: partitions.approval(approvalId),
    SK: `${skPrefixes.approvalPart}${pad(n, 4)}`,
  }),
};

/** The partition keys of the indexes: GSI1 (all attributes) and GSI2 (keys only, sparse). */
export const gsi = {
  products: 'PRODUCTS',
  userOrders: (userId: string) => `${USER}${userId}#ORDERS`,
  withdrawals: (status: string) => `WITHDRAWALS#${status}`,
  afterSales: (status: string) => `AFTERSALES#${status}`,
  /** GSI2 (keys only): orders by status, for the operator's list-orders: every shard. */
  ordersByStatus: (status: string) => shardKeys(`ORDERS#${status}`),
  /** GSI2: the status index key of one order (its shard by its id). */
  orderStatus: (status: string, orderId: string) => sharded(`ORDERS#${status}`, orderId),
  /** GSI1: the dividend fund entries in date order across days, for the first day and long gaps: every shard. */
  divFund: shardKeys('DIVFUND'),
  agents: 'AGENTS',
  referrals: (referrer: string) => `REFERRALS#${referrer}`,
  /** GSI1: one shard of the leaderboard. */
  rank: (shard: number) => `RANK#${shard}`,
  /** GSI2 (keys only): the settlement's participants. */
  holders: 'HOLDER',
  staffAccounts: 'STAFF',
  approvals: (status: string) => `APPROVALS#${status}`,
  /** GSI2 (keys only): a user's withdrawals, newest first (GET /withdrawals). */
  userWithdrawals: (userId: string) => `${USER}${userId}#WITHDRAWALS`,
  /** GSI2 (keys only): a user's after-sale requests, newest first (GET /after-sale). */
  userAfterSales: (userId: string) => `${USER}${userId}#AFTERSALES`,
  /** GSI2 (keys only): users by nickname (find-user), sharded by user id. */
  nicknames: (shard: number) => `NICKNAME#${shard}`,
};

/** The index attributes of each listed item, written with the item. */
export const indexKeys = {
  product: (productId: string): Item => ({ GSI1PK: gsi.products, GSI1SK: productId }),
  /** A user's orders (GSI1) and the operator's orders by status (GSI2), newest last. */
  order: (o: { userId: string; status: string; createdAt: string; orderId: string }): Item => ({
    GSI1PK: gsi.userOrders(o.userId),
    GSI1SK: `${o.createdAt}#${o.orderId}`,
    ...statusIndex(keys.order(o.orderId), { status: o.status }),
    GSI2SK: `${o.createdAt}#${o.orderId}`,
  }),
  afterSale: (status: string, createdAt: string, requestId: string): Item => ({
    GSI1PK: gsi.afterSales(status),
    GSI1SK: `${createdAt}#${requestId}`,
  }),
  /** GSI2 (keys only): the request in its user's list. */
  userAfterSale: (userId: string, createdAt: string, requestId: string): Item => ({
    GSI2PK: gsi.userAfterSales(userId),
    GSI2SK: `${createdAt}#${requestId}`,
  }),
  /** The status index moving with a request's status (its sort key stays). */
  afterSaleStatus: (status: string): Item => ({ GSI1PK: gsi.afterSales(status) }),
  withdrawal: (status: string, at: string, withdrawalId: string): Item => ({
    GSI1PK: gsi.withdrawals(status),
    GSI1SK: `${at}#${withdrawalId}`,
  }),
  /** GSI2 (keys only): the withdrawal in its user's list. */
  userWithdrawal: (userId: string, at: string, withdrawalId: string): Item => ({
    GSI2PK: gsi.userWithdrawals(userId),
    GSI2SK: `${at}#${withdrawalId}`,
  }),
  /** The status index moving with a withdrawal's status (its sort key stays). */
  withdrawalStatus: (status: string): Item => ({ GSI1PK: gsi.withdrawals(status) }),
  agent: (region: string): Item => ({ GSI1PK: gsi.agents, GSI1SK: region }),
  divFund: (date: string, eventId: string): Item => ({
    GSI1PK: sharded('DIVFUND', eventId),
    GSI1SK: `${date}#${eventId}`,
  }),
  staffAccount: (username: string): Item => ({ GSI1PK: gsi.staffAccounts, GSI1SK: username }),
  approval: (status: string, createdAt: string, approvalId: string): Item => ({
    GSI1PK: gsi.approvals(status),
    GSI1SK: `${createdAt}#${approvalId}`,
  }),
  /** The status index moving with a request's status (its sort key stays). */
  approvalStatus: (status: string): Item => ({ GSI1PK: gsi.approvals(status) }),
};

/** The status index attribute as written before the sharding (items not rewritten since keep it; readers read it). */
export const unshardedStatusIndex = (status: string): Item => ({ GSI2PK: `ORDERS#${status}` });

/** Where the next page of the sharded order status list starts: the last sort key, under the unsharded key. */
export const statusListCursor = (status: string, sk: string): Item => ({ ...unshardedStatusIndex(status), GSI2SK: sk });

/** Sort-key bounds of range reads. */
export const skBounds = {
  /** GSI1 divFund entries of the dates `from` … `through`, both included. */
  divFundDates: (from: string, through: string): [string, string] => [from, `${through}#${HIGHEST}`],
  /** The audit entries (SK `<ISO time>#<id>`) whose time is `through` or earlier: SK below this. */
  auditThrough: (through: string) => `${through}${HIGHEST}`,
  /** Orders (index SK `<createdAt>#<orderId>`) created from `from` through `to` (ISO), both included. */
  createdBetween: (from: string | undefined, to: string | undefined): [string, string] => [
    from ?? '0',
    `${to ?? '9999'}${HIGHEST}`,
  ],
};

/** The time an audit entry's sort key holds (keys.audit). */
export const auditAtOf = (sk: string) => sk.split('#')[0]!;
/** The identity a legacy marker's partition key holds (keys.legacy). */
export const legacyIdentityOf = (pk: string) => pk.slice(LEGACY.length);
/** Whether an item is an audit chain's head (keys.auditHead). */
export const isAuditHead = (pk: string) => pk.startsWith(AUDITHEAD);
/** The withdrawal id a withdrawal's partition key holds (keys.withdrawal). */
export const withdrawalIdOf = (pk: string) => pk.slice(WITHDRAWAL.length);
/** Whether a partition is a user's own (partitions.user). */
export const isUserPartition = (pk: string) => pk.startsWith(USER);
/** The primary key of an item read back (a query's page, an index's keys). */
export const itemKey = (i: Record<string, Scalar | undefined>): Key => ({ PK: String(i.PK), SK: String(i.SK) });
/** Whether an item is the one with this key. */
export const isKey = (i: Record<string, Scalar | undefined> | undefined, k: Key) => i?.PK === k.PK && i?.SK === k.SK;

/**
 * The status index attribute of an order write. Called by the ddb layer on every `set` of an
 * order's status, so no transition anywhere (the pool applier included) can leave it stale.
 */
export function statusIndex(key: Key, values: Record<string, unknown>): Record<string, string> {
  if (!key.PK.startsWith(ORDER) || key.SK !== 'META' || typeof values.status !== 'string') return {};
  return { GSI2PK: gsi.orderStatus(values.status, key.PK.slice(ORDER.length)) };
}

// ---------- the wallet's and the user's index attributes ----------
/**
 * Leaderboard shards. 16 (was 8): a sell writes its wallet twice and a completion once, each a
 * GSI1 write (two when the weight, the sort key, moves), ~2.5 a pool event; 16 partitions hold
 * ~6,400 events/s at 1,000 WCU/s. The reader reads all 16, which include the 8 of before.
 */
export const RANK_SHARDS = 16;

export function rankShard(userId: string): number {
  return parseInt(createHash('sha256').update(userId).digest('hex').slice(0, 4), 16) % RANK_SHARDS;
}

/** A points amount as a fixed-width sortable string: 18 integer digits, 6 decimals. */
export function sortablePoints(p: string): string {
  const [i, f = ''] = truncate(p, 6).toFixed(6).split('.');
  return `${i!.padStart(18, '0')}.${f.padEnd(6, '0')}`;
}

/**
 * Index attributes every wallet item carries, derived from its balances, so that every wallet
 * write keeps the indexes right with no extra write:
 * - GSI2 (keys only) `HOLDER`: users with quota > 0, the participants of the daily settlement,
 *   in ascending userId. Keys-only, so the index is written only when a user enters or leaves it.
 * - GSI1 `RANK#<shard>`: users holding equity (locked included), sorted by it, for the
 *   leaderboard; sharded so no single index partition takes every wallet write.
 */
export function walletIndexAttrs(userId: string, w: Wallet): Item {
  const out: Item = {};
  if (dec(w.quota).gt(0)) {
    out.GSI2PK = gsi.holders;
    out.GSI2SK = userId;
  }
  const weight = dec(weightOf(w));
  if (weight.gt(0)) {
    out.GSI1PK = gsi.rank(rankShard(userId));
    out.GSI1SK = `${sortablePoints(weight.toFixed())}#${userId}`;
  }
  return out;
}

/** The referral index on a user item: the referrer's team lists its direct referrals. */
export function referralIndexAttrs(referrer: string | undefined, createdAt: string, userId: string): Item {
  if (!referrer) return {};
  return { GSI1PK: gsi.referrals(referrer), GSI1SK: `${createdAt}#${userId}` };
}

/** Shards of the nickname index: a bulk import spreads over them; a search reads them all. */
export const NICKNAME_SHARDS = 4;

/**
 * The nickname index on a user item (GSI2, keys only): `<nickname>#<userId>`, so a search is a
 * prefix read. None for an empty nickname (new WeChat users, deleted accounts): `remove` lists
 * the attributes a write clearing the nickname takes away.
 */
export function nicknameIndexAttrs(nickname: string | undefined, userId: string): Item {
  if (!nickname) return {};
  return { GSI2PK: gsi.nicknames(rankShard(userId) % NICKNAME_SHARDS), GSI2SK: `${nickname}#${userId}` };
}
export const NICKNAME_INDEX_ATTRS = ['GSI2PK', 'GSI2SK'];
