// The common stores (domain/ports.ts) in memory, for fast unit tests of domain logic. A memory
// Write is a guard and an effect; the committer checks every guard before it applies any effect,
// so a commit is all or nothing as a DynamoDB transaction is. The DynamoDB Local tests stay the proof.
import { defaultParams, emptyPool, emptyWallet, type Params, type PoolState, type Wallet } from '@greenpoints/shared';
import type { EventRecord, StoredParams, User } from '../../src/domain/model';
import { invalid } from '../../src/domain/errors';
import {
  WritesRejected,
  type Committer,
  type ConfigStore,
  type EventReader,
  type LedgerStore,
  type Paged,
  type PoolReader,
  type UserReader,
  type WalletStore,
  type Write,
} from '../../src/domain/ports';

/** What a memory Write is: a guard read at commit time and the effect applied if all guards hold. */
export interface MemoryWrite {
  what: string;
  guard: () => boolean;
  effect: () => void;
}
export const memoryWrite = (w: MemoryWrite): Write => w as unknown as Write;
const asMemory = (w: Write): MemoryWrite => w as unknown as MemoryWrite;

export interface LedgerRow {
  userId: string;
  field: string;
  delta: string;
  why: string;
  kind: string;
  eventId: string;
  at: string;
  ref: Record<string, string>;
}

/** The state behind the common memory stores, open to a test's assertions. */
export interface CommonState {
  params: StoredParams;
  paramsVersions: Map<number, Params>;
  users: Map<string, User>;
  openIds: Map<string, string>;
  wallets: Map<string, { wallet: Wallet; version: number }>;
  ledger: Map<string, LedgerRow>; // key: user|at|eventId|n (as unique as the DynamoDB key)
  events: Map<string, EventRecord>;
  pool?: PoolState;
  commits: number;
}

export function commonState(): CommonState {
  return {
    params: { params: defaultParams, version: 0 },
    paramsVersions: new Map(),
    users: new Map(),
    openIds: new Map(),
    wallets: new Map(),
    ledger: new Map(),
    events: new Map(),
    commits: 0,
  };
}

export const MEMORY_MAX_WRITES = 100;

export function memoryCommitter(st: CommonState): Committer {
  return {
    maxWrites: MEMORY_MAX_WRITES,
    async commit(writes) {
      if (writes.length > MEMORY_MAX_WRITES) throw new Error(`transaction too large: ${writes.length}`);
      const ws = writes.map(asMemory);
      const failed = ws.flatMap((w, i) => (w.guard() ? [] : [i]));
      if (failed.length)
        throw new WritesRejected(
          failed,
          failed.map((i) => ws[i]!.what),
        );
      for (const w of ws) w.effect();
      st.commits++;
    },
  };
}

export function memoryConfig(st: CommonState): ConfigStore {
  return {
    params: async () => structuredClone(st.params),
    paramsAt: async (v) => {
      if (v === 0) return defaultParams;
      const p = st.paramsVersions.get(v) ?? (st.params.version === v ? st.params.params : undefined);
      if (!p) throw new Error(`parameter version ${v} missing`);
      return structuredClone(p);
    },
  };
}

export function memoryUsers(st: CommonState): UserReader {
  return {
    get: async (id) => (st.users.has(id) ? structuredClone(st.users.get(id)!) : undefined),
    idByOpenId: async (o) => st.openIds.get(o),
    create: (u) => [
      memoryWrite({
        what: `openId ${u.openId}`,
        guard: () => !st.openIds.has(u.openId),
        effect: () => st.openIds.set(u.openId, u.userId),
      }),
      memoryWrite({
        what: `user ${u.userId}`,
        guard: () => !st.users.has(u.userId),
        effect: () => st.users.set(u.userId, { ...u }),
      }),
    ],
  };
}

export function memoryWallets(st: CommonState): WalletStore {
  const read = (u: string) => {
    const w = st.wallets.get(u);
    return w ? { wallet: { ...w.wallet }, version: w.version } : { wallet: emptyWallet(), version: 0 };
  };
  return {
    get: async (u) => read(u),
    getMany: async (us) => new Map(us.map((u) => [u, read(u)])),
    put: (u, wallet, prior) =>
      memoryWrite({
        what: `wallet ${u} at version ${prior}`,
        guard: () => (st.wallets.get(u)?.version ?? 0) === prior,
        effect: () => st.wallets.set(u, { wallet: { ...wallet }, version: prior + 1 }),
      }),
  };
}

export function memoryLedger(st: CommonState): LedgerStore {
  return {
    entries: (eventId, kind, at, changes, ref = {}) =>
      changes.map((c, n) => {
        const key = `${c.user}|${at}|${eventId}|${n}`;
        return memoryWrite({
          what: `ledger ${key}`,
          guard: () => !st.ledger.has(key),
          effect: () =>
            st.ledger.set(key, { userId: c.user, field: c.field, delta: c.delta, why: c.why, kind, eventId, at, ref }),
        });
      }),
    page: async (userId, limit, cursor) => {
      // Newest first, as the DynamoDB sort key (time, event, entry number) reads backwards.
      const sortKey = (r: LedgerRow, k: string) => `${r.at}#${r.eventId}#${k.split('|').pop()!.padStart(3, '0')}`;
      const rows = [...st.ledger]
        .filter(([, r]) => r.userId === userId)
        .map(([k, r]): [string, LedgerRow] => [sortKey(r, k), r])
        .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0));
      const p = memoryPage(`ledger ${userId}`, rows, limit, cursor);
      return {
        items: p.items.map((r) => ({
          at: r.at,
          kind: r.kind,
          field: r.field,
          delta: r.delta,
          why: r.why,
          eventId: r.eventId,
          ...(r.ref.orderId ? { orderId: r.ref.orderId } : {}),
        })),
        ...(p.cursor ? { cursor: p.cursor } : {}),
      };
    },
  };
}

/** A memory cursor: whose list and the last row's key, opaque to the domain as on DynamoDB. */
export function memoryCursor(list: string, last: string): string {
  return Buffer.from(JSON.stringify({ list, last })).toString('base64url');
}
export function readMemoryCursor(cursor: string | undefined, list: string): string | undefined {
  if (!cursor) return undefined;
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { list?: unknown; last?: unknown };
    if (c.list !== list || typeof c.last !== 'string') throw new Error('foreign cursor');
    return c.last;
  } catch {
    throw invalid('invalid_cursor', 'cursor is not valid');
  }
}

/** One page of rows already in list order, after the cursor's row. */
export function memoryPage<T>(list: string, rows: Array<[string, T]>, limit: number, cursor?: string): Paged<T> {
  const last = readMemoryCursor(cursor, list);
  const from = last === undefined ? 0 : rows.findIndex(([k]) => k === last) + 1;
  const page = rows.slice(from, from + limit);
  const more = from + limit < rows.length;
  return { items: page.map(([, t]) => t), ...(more ? { cursor: memoryCursor(list, page[page.length - 1]![0]) } : {}) };
}

export function memoryEvents(st: CommonState): EventReader {
  return { get: async (id) => (st.events.has(id) ? structuredClone(st.events.get(id)!) : undefined) };
}

export function memoryPoolState(st: CommonState): PoolReader {
  return { state: async (params) => structuredClone(st.pool ?? emptyPool(params)) };
}

/** The common stores of a Stores bundle, all on one state. */
export function memoryCommonStores(st: CommonState) {
  return {
    tx: memoryCommitter(st),
    config: memoryConfig(st),
    users: memoryUsers(st),
    wallets: memoryWallets(st),
    ledger: memoryLedger(st),
    events: memoryEvents(st),
    poolState: memoryPoolState(st),
  };
}
