// PIPL rights of the shopper (docs/api.md "Privacy"): a copy of their data (GET /me/export) and
// the deletion of their account (POST /me/delete). Deletion is refused while anything is owed
// either way; otherwise the personal data goes and the ledger, the orders and the pool log keep
// only the pseudonymous user id, so every invariant (docs/rules.md) still holds unchanged.
import { dec, type Wallet } from '@greenpoints/shared';
import type { Order, OrderStatus } from '../model';
import type { PageCursor } from '../orders/ports';
import type { PrivacyDeps } from './privacy-ports';
import { orderView } from '../orders/common';
import { withdrawalView } from '../wallet/transfers';
import { conflict, notFound } from '../errors';
import { Tx, StaleRead, retryStale } from '../tx';

const MAX_ITEMS = 5000;
const ENDED = new Set<OrderStatus>(['completed', 'refunded', 'returned', 'cancelled']);
const OPEN_WITHDRAWAL = new Set(['requested', 'paying', 'awaiting_confirmation']);
/** Wallet fields that are value the shopper holds or is owed (cash pending: open withdrawals). */
const HELD = [
  'equity',
  'equityLocked',
  'equityHeld',
  'equityReserved',
  'constant',
  'constantReserved',
  'storeCredit',
  'cash',
] as const;

async function allOrders(deps: PrivacyDeps, userId: string): Promise<Order[]> {
  const out: Order[] = [];
  let cursor: PageCursor | undefined;
  do {
    const r = await deps.orders.listByUser(userId, 100, cursor);
    out.push(...r.orders);
    cursor = r.next;
  } while (cursor && out.length < MAX_ITEMS);
  return out;
}

async function allPages<T>(page: (cursor?: string) => Promise<{ items: T[]; cursor?: string }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const r = await page(cursor);
    out.push(...r.items);
    cursor = r.cursor;
  } while (cursor && out.length < MAX_ITEMS);
  return out;
}

/** GET /me/export: one JSON document of everything we hold about the caller. */
export async function exportData(deps: PrivacyDeps, userId: string) {
  const p = await deps.privacy.personal(userId);
  if (!p || p.deletedAt) throw notFound('account');
  const [book, orders, ledger, referred, withdrawals, { wallet }] = await Promise.all([
    deps.addresses.get(userId),
    allOrders(deps, userId),
    allPages((c) => deps.ledger.page(userId, 100, c)),
    deps.referrals.direct(userId, 1000),
    allPages((c) => deps.withdrawals.byUser(userId, 100, c)),
    deps.wallets.get(userId),
  ]);
  return {
    profile: {
      userId,
      openId: p.openId,
      nickname: p.nickname,
      avatar: p.avatar,
      phone: p.phone ?? '',
      createdAt: p.createdAt,
    },
    addresses: book.list,
    orders: orders.map(orderView),
    ledger,
    wallet,
    referrals: {
      referrer: p.referrer ?? null,
      referred: referred.map((r) => ({ userId: r.userId, joinedAt: r.joinedAt })),
    },
    withdrawals: withdrawals.map(withdrawalView),
    exportedAt: new Date().toISOString(),
  };
}

/** The first thing still owed either way, as the refusal's code, or undefined. */
async function owed(deps: PrivacyDeps, userId: string, orders: Order[], wallet: Wallet) {
  if (orders.some((o) => o.status === 'after_sale' || o.openRequestId))
    return conflict('account_has_open_after_sale', '售后申请尚未处理完，处理完成后才能注销账户');
  if (orders.some((o) => !ENDED.has(o.status)))
    return conflict('account_has_open_orders', '还有未完成的订单，完成或取消后才能注销账户');
  const ws = await allPages((c) => deps.withdrawals.byUser(userId, 100, c));
  if (dec(wallet.cashPending).gt(0) || ws.some((w) => OPEN_WITHDRAWAL.has(w.status)))
    return conflict('account_has_open_withdrawals', '还有提现正在处理，到账或退回后才能注销账户');
  const held = HELD.filter((f) => dec(wallet[f]).gt(0));
  if (held.length)
    return conflict('account_has_balance', `账户仍有余额或积分（${held.join(', ')}），请先卖出、提现或用完后再注销`);
  return undefined;
}

/** The orders the check must see: the list, and the newest one read directly (the list's index may lag). */
async function ordersToCheck(deps: PrivacyDeps, userId: string, lastOrderId: string | undefined) {
  const orders = await allOrders(deps, userId);
  if (lastOrderId && !orders.some((o) => o.orderId === lastOrderId)) {
    const last = await deps.orders.get(lastOrderId);
    if (last) orders.push(last);
  }
  return orders;
}

/**
 * POST /me/delete: refused (409) while anything is owed; otherwise the person is erased. The
 * check and the erase are one guarded step: the erase only lands while the account is as the
 * check read it (no order placed since: the user item's lastOrderId; no wallet change: its
 * version); a concurrent order or withdrawal makes it fail, and the check is taken again.
 */
export async function deleteAccount(deps: PrivacyDeps, userId: string) {
  return retryStale(async () => {
    const p = await deps.privacy.personal(userId);
    if (!p || p.deletedAt) throw notFound('account');
    const { wallet, version } = await deps.wallets.get(userId);
    const orders = await ordersToCheck(deps, userId, p.lastOrderId);
    const refusal = await owed(deps, userId, orders, wallet);
    if (refusal) throw refusal;
    // The orders' address copies first (many): a crash leaves the account, and deleting again finishes.
    for (const o of orders) await new Tx(deps.tx).add(deps.privacy.scrubOrder(o.orderId)).commit();
    const guard = { walletVersion: version, ...(p.lastOrderId ? { lastOrderId: p.lastOrderId } : {}) };
    await new Tx(deps.tx)
      .addAll(deps.privacy.erase(p, new Date().toISOString(), guard), new StaleRead('account changed'))
      .commit();
    return { deleted: true };
  });
}
