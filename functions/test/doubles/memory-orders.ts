// The stores of orders, stock, after-sale requests, idempotency keys, address books and profiles
// (domain/orders/ports.ts) in memory, with the same guards as the DynamoDB ones (repo/orders.ts,
// repo/shopper.ts): create-once, status equals, fields absent, stock at least, version. For fast
// unit tests of domain logic; the DynamoDB Local tests stay the proof.
import type { Order, Product } from '../../src/domain/model';
import type { AddressBook } from '../../src/domain/shop/ports';
import type { AfterSaleRequest, OrderGuard, OrderStores } from '../../src/domain/orders/ports';
import type { KernelStores } from '../../src/domain/ports';
import type { ShopStores } from '../../src/domain/shop/ports';
import type { IdemRecord } from '../../src/domain/ports';
import type { AuditRecord } from '../../src/domain/operator/ports';
import { memoryWrite, type CommonState } from './memory-common';

/** The state behind these memory stores, open to a test's assertions. */
export interface OrderAreaState {
  orders: Map<string, Order>;
  /** the queues: `${time}#${orderId}` -> orderId, as the DynamoDB sort keys */
  shipped: Map<string, string>;
  due: Map<string, string>;
  /** unpaid WeChat orders: `${payExpiresAt}#${orderId}` -> orderId */
  unpaid: Map<string, string>;
  products: Map<string, Product>;
  afterSales: Map<string, AfterSaleRequest & { updatedAt?: string }>;
  idem: Map<string, IdemRecord>; // key: userId|key
  addresses: Map<string, AddressBook>;
  avatars: Map<string, string>;
  /** the audit log (memoryAudit in memory-wallet.ts writes it) */
  audit: Array<AuditRecord & { id: number }>;
}

export function orderAreaState(): OrderAreaState {
  return {
    orders: new Map(),
    shipped: new Map(),
    due: new Map(),
    unpaid: new Map(),
    products: new Map(),
    afterSales: new Map(),
    idem: new Map(),
    addresses: new Map(),
    avatars: new Map(),
    audit: [],
  };
}

const clone = <T>(v: T): T => structuredClone(v);

function holds(o: Order | undefined, when: OrderGuard): boolean {
  if (!o) return false; // a conditional update of a missing item fails, as on DynamoDB
  if (when.status !== undefined && o.status !== when.status) return false;
  if (when.openRequestId !== undefined && o.openRequestId !== when.openRequestId) return false;
  if (when.latePayment !== undefined && o.latePayment !== when.latePayment) return false;
  return (when.absent ?? []).every((f) => o[f] === undefined);
}

/** Entries of a queue sorted by key, those before `before`, at most `limit`. */
function before(q: Map<string, string>, bound: string, limit: number): string[] {
  return [...q.keys()]
    .sort()
    .filter((k) => k < bound)
    .slice(0, limit)
    .map((k) => q.get(k)!);
}

export function memoryOrderStores(
  st: OrderAreaState,
  common: CommonState,
): OrderStores & ShopStores & Pick<KernelStores, 'idempotency'> {
  const put = (q: Map<string, string>, at: string, id: string, once: boolean, what: string) =>
    memoryWrite({
      what: `${what} ${at}#${id}`,
      guard: () => !once || !q.has(`${at}#${id}`),
      effect: () => q.set(`${at}#${id}`, id),
    });
  const remove = (q: Map<string, string>, at: string, id: string, what: string) =>
    memoryWrite({ what: `${what} ${at}#${id} removed`, guard: () => true, effect: () => q.delete(`${at}#${id}`) });

  return {
    unpaid: {
      add: (e) => put(st.unpaid, e.payExpiresAt, e.orderId, true, 'unpaid'),
      remove: (e) => remove(st.unpaid, e.payExpiresAt, e.orderId, 'unpaid'),
      due: async (now, max) =>
        [...st.unpaid.entries()]
          .filter(([k]) => k < now)
          .sort(([a], [b]) => a.localeCompare(b))
          .slice(0, max)
          .map(([k, orderId]) => ({ orderId, payExpiresAt: k.slice(0, k.lastIndexOf('#')) })),
    },
    orders: {
      get: async (id) => (st.orders.has(id) ? clone(st.orders.get(id)!) : undefined),
      async listByUser(userId, limit, cursor) {
        const all = [...st.orders.values()]
          .filter((o) => o.userId === userId)
          .sort((a, b) => `${b.createdAt}#${b.orderId}`.localeCompare(`${a.createdAt}#${a.orderId}`));
        const from = cursor ? Number(cursor.n) : 0;
        const page = all.slice(from, from + limit);
        return { orders: clone(page), ...(from + limit < all.length ? { next: { n: from + limit } } : {}) };
      },
      create: (o) => {
        const copy = clone(o);
        return memoryWrite({
          what: `order ${o.orderId} created`,
          guard: () => !st.orders.has(o.orderId),
          effect: () => st.orders.set(o.orderId, copy),
        });
      },
      update: (orderId, fields, when, clear = []) => {
        const copy = clone(fields);
        return memoryWrite({
          what: `order ${orderId} when ${JSON.stringify(when)}`,
          guard: () => holds(st.orders.get(orderId), when),
          effect: () => {
            const o: Order = { ...st.orders.get(orderId)! };
            for (const [k, v] of Object.entries(copy))
              if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
            for (const f of clear) delete o[f];
            st.orders.set(orderId, o);
          },
        });
      },
      shippedAdd: (at, id) => put(st.shipped, at, id, true, 'shipped'),
      shippedPut: (at, id) => put(st.shipped, at, id, false, 'shipped'),
      shippedRemove: (at, id) => remove(st.shipped, at, id, 'shipped'),
      shippedBefore: async (cutoff, limit) => before(st.shipped, cutoff, limit),
      duePut: (at, id) => put(st.due, at, id, false, 'due'),
      dueRemove: (at, id) => remove(st.due, at, id, 'due'),
      dueBefore: async (now, limit) => before(st.due, now, limit),
    },
    products: {
      getMany: async (ids) =>
        new Map(ids.flatMap((id) => (st.products.has(id) ? [[id, clone(st.products.get(id)!)]] : []))),
      takeStock: (pid, q) =>
        memoryWrite({
          what: `stock of ${pid} at least ${q}`,
          guard: () => (st.products.get(pid)?.stock ?? -1) >= q,
          effect: () => (st.products.get(pid)!.stock -= q),
        }),
      giveBackStock: (pid, q) =>
        memoryWrite({
          what: `stock of ${pid} back ${q}`,
          guard: () => st.products.has(pid),
          effect: () => (st.products.get(pid)!.stock += q),
        }),
    },
    afterSales: {
      get: async (id) => {
        const r = st.afterSales.get(id);
        if (!r) return undefined;
        const { updatedAt: _u, ...rest } = clone(r);
        return rest;
      },
      create: (r) => {
        const copy = clone(r);
        return memoryWrite({
          what: `after-sale ${r.requestId} created`,
          guard: () => !st.afterSales.has(r.requestId),
          effect: () => st.afterSales.set(r.requestId, copy),
        });
      },
      move: (id, from, to, change) => {
        const copy = clone(change);
        return memoryWrite({
          what: `after-sale ${id} ${from} -> ${to}`,
          guard: () => st.afterSales.get(id)?.status === from,
          effect: () => st.afterSales.set(id, { ...st.afterSales.get(id)!, ...defined(copy), status: to }),
        });
      },
      update: (id, fields, status) => {
        const copy = clone(fields);
        return memoryWrite({
          what: `after-sale ${id} while ${status}`,
          guard: () => st.afterSales.get(id)?.status === status,
          effect: () => st.afterSales.set(id, { ...st.afterSales.get(id)!, ...defined(copy) }),
        });
      },
    },
    idempotency: {
      read: async (u, k) => (st.idem.has(`${u}|${k}`) ? clone(st.idem.get(`${u}|${k}`)!) : undefined),
      claim: (idem, response, eventId) => {
        const k = `${idem.userId}|${idem.key}`;
        const rec: IdemRecord = {
          hash: idem.hash,
          status: response ? 'done' : 'pending',
          ...(response ? { response: clone(response) } : {}),
          ...(eventId ? { eventId } : {}),
        };
        return memoryWrite({
          what: `idem ${k} claimed`,
          guard: () => !st.idem.has(k),
          effect: () => st.idem.set(k, rec),
        });
      },
      finish: (idem, response) => {
        const k = `${idem.userId}|${idem.key}`;
        const copy = clone(response);
        return memoryWrite({
          what: `idem ${k} finished`,
          guard: () => st.idem.get(k)?.hash === idem.hash,
          effect: () => st.idem.set(k, { ...st.idem.get(k)!, status: 'done', response: copy }),
        });
      },
    },
    addresses: {
      get: async (u) => clone(st.addresses.get(u) ?? { list: [], version: 0 }),
      put: (u, list, prior) => {
        const copy = clone(list);
        return memoryWrite({
          what: `address book ${u} at version ${prior}`,
          guard: () => (st.addresses.get(u)?.version ?? 0) === prior,
          effect: () => st.addresses.set(u, { list: copy, version: prior + 1 }),
        });
      },
    },
    profiles: {
      get: async (u) => {
        const user = common.users.get(u);
        return user ? { nickname: user.nickname ?? '', avatar: st.avatars.get(u) ?? '' } : undefined;
      },
      update: (u, change) =>
        memoryWrite({
          what: `profile of ${u}`,
          guard: () => common.users.has(u),
          effect: () => {
            if (change.nickname !== undefined) common.users.get(u)!.nickname = change.nickname;
            if (change.avatar !== undefined) st.avatars.set(u, change.avatar);
          },
        }),
    },
  };
}

const defined = <T extends object>(v: T): Partial<T> =>
  Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as Partial<T>;
