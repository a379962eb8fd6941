// After-sale requests (售后, docs/rules.md "After-sale"): inside the window the buyer asks for a return
// of some or all items, or a refund alone; staff approve or refuse with a note; a return is
// shipped back and received by staff; then the money goes back by the original tender and the
// items are marked returned. One open request per order: it holds the order (status after_sale,
// out of the DUE queue), so the window's end cannot complete it until the request ends.
//
// Request states: requested -> refused | approved (return) -> returning -> refunding -> refunded;
// refund_only: requested -> refunding -> refunded. refunding is left only by the money: a WeChat
// refund that answers PROCESSING or fails keeps it there, and asking again (receive-return)
// repeats the same out_refund_no, which WeChat refunds once.
import { dec, heldShare, keptTotals, linesTotal, type AfterSaleView, type LedgerEvent } from '@greenpoints/shared';
import { AdapterError, type RefundResult } from '../../adapters/wechat/types';
import type { Order, OrderLine } from '../model';
import type { AfterSaleFields, AfterSaleRequest, AfterSaleStatus, OrderFields } from './ports';
import { DomainError, IdempotencyRace, conflict, invalid, notFound } from '../errors';
import type { Reply } from '../reply';
import { claimOp, type Idem } from '../idempotency';
import { Tx, StaleRead, retryStale } from '../tx';
import { addWalletEvent } from '../wallet/ledger';
import { newId } from '../ids';
import { goodsOf, notify } from '../notify';
import type { Deps } from '../deps';

export type { AfterSaleKind, AfterSaleRequest, AfterSaleStatus } from './ports';

export interface NewAfterSale {
  kind: AfterSaleRequest['kind'];
  items: Array<{ productId: string; qty: number }>;
  reason: string;
}

export async function getRequest(
  d: Pick<Deps, 'afterSales'>,
  requestId: string,
): Promise<AfterSaleRequest | undefined> {
  return d.afterSales.get(requestId);
}

/** The request as the buyer and staff see it, with the goods' way out and back. */
export function requestView(r: AfterSaleRequest, o?: Order): AfterSaleView {
  return {
    ...r,
    refund: r.refundId || r.points ? { refundId: r.refundId, points: r.points, refundedAt: r.refundedAt } : undefined,
    ...(o?.trackingNo ? { shipment: { carrier: o.carrier, trackingNo: o.trackingNo } } : {}),
    ...(r.trackingNo ? { returnShipment: { carrier: r.carrier, trackingNo: r.trackingNo } } : {}),
  };
}

export async function getOwnRequest(d: Pick<Deps, 'afterSales' | 'orders'>, userId: string, requestId: string) {
  const r = await getRequest(d, requestId);
  if (!r || r.userId !== userId) throw notFound('after-sale request');
  return requestView(r, await d.orders.get(r.orderId));
}

const closed = (why: string) => conflict('after_sale_closed', why);

/** The request's lines against the order: each a line of the order, within what is left of it. */
function requestLines(o: Order, req: NewAfterSale): Array<OrderLine & { take: number }> {
  const want = new Map<string, number>();
  for (const l of req.items) want.set(l.productId, (want.get(l.productId) ?? 0) + l.qty);
  const out: Array<OrderLine & { take: number }> = [];
  for (const [pid, q] of want) {
    const line = o.items.find((l) => l.productId === pid);
    if (!line) throw invalid('invalid_request', `${pid} is not in this order`);
    const left = line.qty - (line.returnedQty ?? 0);
    if (q > left) throw new DomainError('refused', 'quantity_exceeded', `only ${left} of ${pid} can still be returned`);
    // The law's exemptions (fresh food, customised goods) have no return without a reason.
    if (req.kind === 'return' && line.noReasonReturn === false)
      throw new DomainError('refused', 'not_returnable', `${line.name} 不支持七日无理由退货`);
    out.push({ ...line, take: q });
  }
  return out;
}

/** Buyer: one open request per order, inside the window only. */
export async function requestAfterSale(
  d: Pick<Deps, 'afterSales' | 'idempotency' | 'orders' | 'tx'>,
  userId: string,
  orderId: string,
  idem: Idem,
  req: NewAfterSale,
): Promise<Reply> {
  const o = await d.orders.get(orderId);
  if (!o || o.userId !== userId) throw notFound('order');
  if (o.status === 'completed' || o.status === 'completing') throw closed('售后期已结束，订单已完成，不能再申请售后');
  if (o.status === 'after_sale') throw conflict('after_sale_open', '这笔订单已有一个处理中的售后申请');
  if (o.status !== 'received')
    throw conflict('invalid_status', `the order is ${o.status}; after-sale needs a received order`);
  const now = new Date().toISOString();
  if (o.completesAt && now >= o.completesAt) throw closed(`售后期已于 ${o.completesAt} 结束`);
  const lines = requestLines(o, req);
  const requestId = newId('as');
  const r: AfterSaleRequest = {
    requestId,
    orderId,
    userId,
    kind: req.kind,
    items: lines.map((l) => ({ productId: l.productId, qty: l.take })),
    reason: req.reason,
    amount: linesTotal(lines).amount,
    status: 'requested',
    history: [{ at: now, status: 'requested', by: userId, note: req.reason }],
    createdAt: now,
  };
  const body = { requestId, status: 'requested', orderId, kind: r.kind, amount: r.amount };
  const ids = o.afterSale ? (JSON.parse(o.afterSale) as string[]) : [];
  const tx = new Tx(d.tx);
  tx.add(claimOp(d, idem, { status: 201, body }), new IdempotencyRace());
  tx.add(d.afterSales.create(r));
  // The race with complete-due is decided here: both need the order received; one wins.
  tx.add(
    d.orders.update(
      orderId,
      { status: 'after_sale', openRequestId: requestId, afterSale: JSON.stringify([...ids, requestId]) },
      { status: 'received', absent: ['openRequestId'] },
    ),
    conflict('invalid_status', 'the order changed meanwhile (completed, or another request); look again'),
  );
  if (o.completesAt) tx.add(d.orders.dueRemove(o.completesAt, orderId));
  await tx.commit();
  return { status: 201, body };
}

/** The write that moves a request from `r.status` to `to`, with its history line. */
function moveOp(
  d: Pick<Deps, 'afterSales'>,
  r: AfterSaleRequest,
  to: AfterSaleStatus,
  by: string,
  values: AfterSaleFields = {},
  note?: string,
) {
  const at = new Date().toISOString();
  const history = [...r.history, { at, status: to, by, ...(note ? { note } : {}) }];
  return d.afterSales.move(r.requestId, r.status, to, { history, updatedAt: at, ...values });
}

const movedMeanwhile = (r: AfterSaleRequest) =>
  conflict('invalid_status', `the request was ${r.status} and changed meanwhile; look again`);

async function needRequest(d: Pick<Deps, 'afterSales'>, requestId: string): Promise<AfterSaleRequest> {
  const r = await getRequest(d, requestId);
  if (!r) throw notFound('after-sale request');
  return r;
}

/** The order's answer to a request that ended: back in its window, or ended with nothing kept. */
function releaseOrder(
  d: Pick<Deps, 'orders'>,
  tx: Tx,
  o: Order,
  r: AfterSaleRequest,
  values: OrderFields = {},
  lines = o.items,
): void {
  const nothingKept = lines.every((l) => (l.returnedQty ?? 0) >= l.qty);
  const status = nothingKept ? (r.kind === 'return' ? 'returned' : 'refunded') : 'received';
  tx.add(
    d.orders.update(
      o.orderId,
      { status, ...values, ...(nothingKept ? { refundedAt: new Date().toISOString() } : {}) },
      { status: 'after_sale', openRequestId: r.requestId },
      ['openRequestId'],
    ),
    new StaleRead('order'),
  );
  // Back in the queue at its window's end: a window already closed completes at the next run.
  if (!nothingKept && o.completesAt) tx.add(d.orders.duePut(o.completesAt, o.orderId));
}

/** Staff: approve or refuse, with a note. A refund alone goes straight to the money. */
export async function reviewAfterSale(
  d: Pick<
    Deps,
    | 'afterSales'
    | 'config'
    | 'ledger'
    | 'orders'
    | 'products'
    | 'tx'
    | 'users'
    | 'wallets'
    | 'wechatPay'
    | 'wechatSubscribe'
  >,
  requestId: string,
  approve: boolean,
  note: string,
  actor: string,
) {
  const r = await needRequest(d, requestId);
  if (r.status !== 'requested') throw conflict('invalid_status', `the request is ${r.status}; review needs requested`);
  const o = (await d.orders.get(r.orderId))!;
  let out: unknown;
  if (!approve) {
    const tx = new Tx(d.tx);
    tx.add(moveOp(d, r, 'refused', actor, { note }, note), movedMeanwhile(r));
    releaseOrder(d, tx, o, r);
    await tx.commit();
    out = { requestId, status: 'refused', note };
  } else if (r.kind === 'return') {
    await new Tx(d.tx).add(moveOp(d, r, 'approved', actor, { note }, note), movedMeanwhile(r)).commit();
    out = { requestId, status: 'approved', note };
  } else {
    out = await refundRequest(d, r, actor, note, note);
  }
  await notify(
    d,
    r.userId,
    'after_sale',
    { goods: goodsOf(o.items), approved: String(approve), note },
    `pages/after-sale/index?id=${requestId}`,
  );
  return out;
}

/** Buyer: the goods are on their way back. */
export async function shipBack(
  d: Pick<Deps, 'afterSales' | 'idempotency' | 'tx'>,
  userId: string,
  requestId: string,
  idem: Idem,
  s: { carrier: string; trackingNo: string },
): Promise<Reply> {
  const r = await getRequest(d, requestId);
  if (!r || r.userId !== userId) throw notFound('after-sale request');
  if (r.kind !== 'return' || r.status !== 'approved')
    throw conflict('invalid_status', `the request is ${r.status}; ship-back needs an approved return`);
  const body = { requestId, status: 'returning', carrier: s.carrier, trackingNo: s.trackingNo };
  await new Tx(d.tx)
    .add(claimOp(d, idem, { status: 200, body }), new IdempotencyRace())
    .add(
      moveOp(
        d,
        r,
        'returning',
        userId,
        { carrier: s.carrier, trackingNo: s.trackingNo },
        `${s.carrier} ${s.trackingNo}`,
      ),
      movedMeanwhile(r),
    )
    .commit();
  return { status: 200, body };
}

/** Staff: the goods came back; the money goes out (again, for a refund still unsettled). */
export async function receiveReturn(
  d: Pick<Deps, 'afterSales' | 'config' | 'ledger' | 'orders' | 'products' | 'tx' | 'wallets' | 'wechatPay'>,
  requestId: string,
  actor: string,
) {
  const r = await needRequest(d, requestId);
  if (r.status === 'refunding') return refundRequest(d, r, actor);
  if (r.kind !== 'return' || r.status !== 'returning')
    throw conflict('invalid_status', `the request is ${r.status}; receive-return needs returning`);
  return refundRequest(d, r, actor, '退货已签收');
}

/** The order's lines after this request: its items marked returned. */
function linesAfter(o: Order, r: AfterSaleRequest): OrderLine[] {
  return o.items.map((l) => {
    const q = r.items.find((i) => i.productId === l.productId)?.qty ?? 0;
    return q ? { ...l, returnedQty: (l.returnedQty ?? 0) + q } : l;
  });
}

/**
 * Money back by the original tender, the items marked returned, the stock back (a return only:
 * a refund alone keeps no goods to restock), the order released; one transaction, except that a
 * WeChat refund is first recorded as refunding and settled when WeChat says SUCCESS.
 */
async function refundRequest(
  d: Pick<Deps, 'afterSales' | 'config' | 'ledger' | 'orders' | 'products' | 'tx' | 'wallets' | 'wechatPay'>,
  first: AfterSaleRequest,
  actor: string,
  note?: string,
  reviewNote?: string,
) {
  return retryStale(async () => {
    // Fresh on every attempt: a lost race (a wallet write, a second try) re-reads where it stands.
    const r = (await getRequest(d, first.requestId))!;
    if (r.status === 'refunded') return { requestId: r.requestId, status: 'refunded', amount: r.amount };
    if (r.status !== first.status && r.status !== 'refunding') throw movedMeanwhile(first);
    const o = (await d.orders.get(r.orderId))!;
    const lines = linesAfter(o, r);
    const refunded = dec(o.refundedAmount ?? '0')
      .plus(r.amount)
      .toFixed(2);
    const orderValues: OrderFields = { items: lines, refundedAmount: refunded };
    if (o.payWith === 'wechat') return refundWeChat(d, r, o, lines, orderValues, actor, note, reviewNote);
    const at = new Date().toISOString();
    const tx = new Tx(d.tx);
    let event: LedgerEvent;
    let points: string | undefined;
    if (o.payWith === 'equity') {
      const held = dec(o.pointsCost!)
        .minus(o.refundedPoints ?? '0')
        .toFixed();
      const remaining = dec(o.amount)
        .minus(o.refundedAmount ?? '0')
        .toFixed(2);
      points = heldShare(held, r.amount, remaining);
      orderValues.refundedPoints = dec(o.refundedPoints ?? '0')
        .plus(points)
        .toFixed();
      event = { kind: 'unhold', user: o.userId, points, orderId: o.orderId };
    } else {
      event = { kind: 'refund_spend', user: o.userId, tender: o.payWith, amount: r.amount, orderId: o.orderId };
    }
    const values: AfterSaleFields = {
      refundedAt: at,
      ...(points ? { points } : {}),
      ...(reviewNote ? { note: reviewNote } : {}),
    };
    tx.add(moveOp(d, r, 'refunded', actor, values, note), movedMeanwhile(r));
    releaseOrder(d, tx, o, r, orderValues, lines);
    if (r.kind === 'return') addStock(d, tx, r);
    if (!(event.kind === 'unhold' && dec(event.points).isZero()))
      await addWalletEvent(d, tx, o.userId, `${r.requestId}:refund`, event, at, { orderId: o.orderId });
    await tx.commit();
    return { requestId: r.requestId, status: 'refunded', amount: r.amount, ...(points ? { points } : {}) };
  });
}

function addStock(d: Pick<Deps, 'products'>, tx: Tx, r: AfterSaleRequest): void {
  for (const l of r.items) tx.add(d.products.giveBackStock(l.productId, l.qty));
}

/** WeChat's out_refund_no of a request (an order's own full refund is R<orderId>). */
export const requestRefundId = (requestId: string) => `R${requestId}`;

/** WeChat's answer (or refusal) to a request's refund, kept on the request while it is refunding. */
function recordRefundDetail(
  d: Pick<Deps, 'afterSales' | 'tx'>,
  requestId: string,
  detail: Record<string, unknown>,
): Promise<void> {
  return new Tx(d.tx)
    .add(d.afterSales.update(requestId, { refundDetail: JSON.stringify(detail) }, 'refunding'))
    .commit();
}
async function refundWeChat(
  d: Pick<Deps, 'afterSales' | 'orders' | 'products' | 'tx' | 'wechatPay'>,
  r: AfterSaleRequest,
  o: Order,
  lines: OrderLine[],
  orderValues: OrderFields,
  actor: string,
  note?: string,
  reviewNote?: string,
) {
  const refundId = r.refundId ?? requestRefundId(r.requestId);
  if (r.status !== 'refunding') {
    const values: AfterSaleFields = { refundId, ...(reviewNote ? { note: reviewNote } : {}) };
    await new Tx(d.tx).add(moveOp(d, r, 'refunding', actor, values, note), movedMeanwhile(r)).commit();
    r = (await getRequest(d, r.requestId))!;
  }
  let answer: RefundResult;
  try {
    answer = await d.wechatPay().refund({
      orderId: o.orderId,
      refundId,
      amount: r.amount,
      total: o.amount,
      reason: '售后退款',
    });
  } catch (e) {
    if (!(e instanceof AdapterError)) throw e;
    // Recorded on the request, which stays refunding: asking again repeats the same number.
    await recordRefundDetail(d, r.requestId, { code: e.code, message: e.message }).catch(() => undefined);
    throw new DomainError(e.kind, e.code, e.message);
  }
  const answered = { status: answer.status, wechatRefundId: answer.wechatRefundId };
  const detail = JSON.stringify(answered);
  if (answer.status === 'PROCESSING') {
    await recordRefundDetail(d, r.requestId, answered);
    return { requestId: r.requestId, status: 'refunding', refundId };
  }
  const at = answer.successTime ?? new Date().toISOString();
  const tx = new Tx(d.tx);
  tx.add(moveOp(d, r, 'refunded', actor, { refundedAt: at, refundDetail: detail }), new StaleRead('request'));
  releaseOrder(d, tx, o, r, orderValues, lines);
  if (r.kind === 'return') addStock(d, tx, r);
  try {
    await tx.commit();
  } catch (e) {
    if (!(e instanceof StaleRead)) throw e;
    // Two tries at once: the other recorded the same refund.
    if ((await getRequest(d, r.requestId))?.status !== 'refunded') throw e;
  }
  return { requestId: r.requestId, status: 'refunded', amount: r.amount, refundId };
}

/** What the order keeps after its requests (for views and tests): amount and contribution. */
export const keptOf = (o: Order) => keptTotals(o.items);

/** The window's length now, for answers that name it. */
export async function afterSaleDays(d: Pick<Deps, 'config'>): Promise<number> {
  return (await d.config.params()).params.afterSaleDays;
}
