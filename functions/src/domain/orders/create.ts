// A new order: its lines priced from the products, stock taken, paid at once (points, store
// credit) or carrying WeChat's prepay parameters.
import { dec, redemptionCost, ZERO, type LedgerEvent } from '@greenpoints/shared';
import type { Order, OrderLine, PayWith, Product } from '../model';
import { Tx, retryStale } from '../tx';
import { addWalletEvent } from '../wallet/ledger';
import { claimOp, type Idem } from '../idempotency';
import { DomainError, IdempotencyRace, conflict, invalid } from '../errors';
import type { Reply } from '../reply';
import { newId } from '../ids';
import type { Deps } from '../deps';
import { getParams } from './common';
import type { AccountGuard } from '../shop/privacy-ports';

export interface NewOrder {
  items: Array<{ productId: string; qty: number }>;
  payWith: PayWith;
  address: Order['address'];
}

type CreateDeps = Pick<
  Deps,
  | 'config'
  | 'idempotency'
  | 'ledger'
  | 'orders'
  | 'poolState'
  | 'products'
  | 'tx'
  | 'unpaid'
  | 'users'
  | 'wallets'
  | 'wechatPay'
> & { accounts?: AccountGuard };

export async function createOrder(d: CreateDeps, userId: string, idem: Idem, req: NewOrder): Promise<Reply> {
  // One line per product: a transaction may touch each stock item once.
  const qty = new Map<string, number>();
  for (const l of req.items) qty.set(l.productId, (qty.get(l.productId) ?? 0) + l.qty);
  for (const [pid, q] of qty) if (q > 999) throw invalid('invalid_request', `quantity of ${pid} above 999`);
  return retryStale(async () => {
    const order = newOrder(userId, req, priceLines(await d.products.getMany([...qty.keys()]), qty));
    if (req.payWith === 'wechat') order.payExpiresAt = await payExpiry(d, order.createdAt);
    const tx = new Tx(d.tx);
    if (req.payWith !== 'wechat') await payAtOnce(d, tx, order);
    // WeChat orders carry the JSAPI parameters for wx.requestPayment (the sandbox's locally).
    // A prepay for an order whose transaction then fails just expires unpaid at WeChat.
    const payParams = req.payWith === 'wechat' ? await prepay(d, userId, order) : undefined;
    const body = {
      orderId: order.orderId,
      status: order.status,
      amount: order.amount,
      ...(order.pointsCost ? { pointsCost: order.pointsCost } : {}),
      ...(payParams ? { payParams } : {}),
      ...(order.payExpiresAt ? { payExpiresAt: order.payExpiresAt } : {}),
    };
    tx.add(claimOp(d, idem, { status: 201, body }), new IdempotencyRace());
    tx.add(d.orders.create(order));
    // The index cancel-unpaid reads (domain/orders/unpaid.ts).
    if (order.payExpiresAt) tx.add(d.unpaid.add({ orderId: order.orderId, payExpiresAt: order.payExpiresAt }));
    // The account's mark of its newest order: refused once it is deleted; a deletion racing this
    // order sees the mark move and checks again (domain/shop/privacy.ts deleteAccount).
    if (d.accounts)
      tx.add(d.accounts.orderPlaced(userId, order.orderId, order.createdAt), conflict('account_deleted', '账户已注销'));
    for (const [pid, q] of qty) {
      tx.add(d.products.takeStock(pid, q), conflict('out_of_stock', `not enough stock of ${pid}`));
    }
    await tx.commit();
    return { status: 201, body };
  });
}

/** When a WeChat order created `now` stops being payable (payTimeoutMinutes, docs/rules.md). */
async function payExpiry(d: Pick<Deps, 'config'>, now: string): Promise<string> {
  const { params } = await getParams(d);
  return new Date(Date.parse(now) + params.payTimeoutMinutes * 60_000).toISOString();
}

interface Priced {
  lines: OrderLine[];
  amount: string;
  contribution: string;
  dividend: string;
}

/** The order's lines at the products' prices now, and its totals. */
function priceLines(products: Map<string, Product>, qty: Map<string, number>): Priced {
  const lines: OrderLine[] = [];
  let amount = ZERO;
  let contribution = ZERO;
  let dividend = ZERO;
  for (const [pid, q] of qty) {
    const p = products.get(pid);
    if (!p || !p.active) throw new DomainError('not_found', 'product_not_found', `product ${pid} not found`);
    lines.push({
      productId: pid,
      name: p.name,
      qty: q,
      price: p.price,
      poolContribution: p.poolContribution,
      dividendContribution: p.dividendContribution,
      noReasonReturn: p.noReasonReturn,
    });
    amount = amount.plus(dec(p.price).times(q));
    contribution = contribution.plus(dec(p.poolContribution).times(q));
    dividend = dividend.plus(dec(p.dividendContribution).times(q));
  }
  return { lines, amount: amount.toFixed(2), contribution: contribution.toFixed(2), dividend: dividend.toFixed(2) };
}

function newOrder(userId: string, req: NewOrder, priced: Priced): Order {
  const now = new Date().toISOString();
  return {
    orderId: newId('o'),
    userId,
    status: req.payWith === 'wechat' ? 'created' : 'paid',
    items: priced.lines,
    amount: priced.amount,
    payWith: req.payWith,
    // Redemptions contribute nothing to the pool (docs/rules.md event 1).
    contribution: req.payWith === 'equity' ? '0.00' : priced.contribution,
    dividendContribution: req.payWith === 'equity' ? '0.00' : priced.dividend,
    address: req.address,
    createdAt: now,
    ...(req.payWith === 'wechat' ? {} : { paidAt: now }),
  };
}

/** Points or store credit: paid in the order's own transaction (a redemption holds its points). */
async function payAtOnce(d: Pick<Deps, 'config' | 'ledger' | 'poolState' | 'wallets'>, tx: Tx, order: Order) {
  const userId = order.userId;
  let event: LedgerEvent;
  if (order.payWith === 'equity') {
    // Points are held at the live price now, burned at completion, returned on refund.
    const { params } = await getParams(d);
    order.pointsCost = redemptionCost(await d.poolState.state(params), order.amount);
    event = { kind: 'hold', user: userId, points: order.pointsCost, orderId: order.orderId };
  } else {
    const tender = order.payWith as Exclude<PayWith, 'wechat' | 'equity'>;
    event = { kind: 'spend', user: userId, tender, amount: order.amount, orderId: order.orderId };
  }
  await addWalletEvent(d, tx, userId, `${order.orderId}:pay`, event, order.createdAt, { orderId: order.orderId });
}

async function prepay(d: Pick<Deps, 'users' | 'wechatPay'>, userId: string, o: Order): Promise<Record<string, string>> {
  const user = await d.users.get(userId);
  const description = o.items.length === 1 ? o.items[0]!.name : `${o.items[0]!.name} 等 ${o.items.length} 件`;
  const r = await d.wechatPay().createJsapiPrepay({
    orderId: o.orderId,
    amount: o.amount,
    description: description.slice(0, 120),
    openId: user?.openId ?? '',
  });
  return r.payParams;
}
