// Shipping reported to WeChat (小程序发货信息管理服务): each WeChat-paid order's parcel is uploaded
// when staff ship it, so WeChat settles the payment and shows the parcel in the buyer's WeChat
// order list. An upload that fails never blocks shipping: the order keeps a `shippingReport`
// (pending, with its error), the queue brings it back to retry-shipping-uploads with a growing
// pause, and an upload WeChat refuses for good (an unknown carrier, a missing phone) is `failed`,
// listed for staff (list-shipping-uploads).
import { AdapterError } from '../../adapters/wechat/types';
import type { Order } from '../model';
import type { ReportQueueState, ShippingReportDeps } from './shipping-report-ports';
import { Tx } from '../tx';
import { goodsOf } from '../notify';
import { log } from '../../log';

export interface ShippingReport {
  status: 'uploaded' | 'pending' | 'failed';
  attempts: number;
  /** uploaded: when; pending: the next try; failed: when it failed */
  at: string;
  lastError?: { code: string; message: string };
}

/** Refusals a retry cannot change: staff must correct the order (carrier) or ship again. */
const FOR_GOOD = new Set(['invalid_request', 'invalid_amount']);
/** After this many tries an upload is failed and left to staff. */
export const MAX_ATTEMPTS = 10;
/** 1, 2, 4 … minutes, at most 6 hours, between tries. */
const pauseMs = (attempts: number) => Math.min(6 * 3600_000, 60_000 * 2 ** Math.max(0, attempts - 1));

export const reportOf = (o: Pick<Order, 'shippingReport'>): ShippingReport | undefined =>
  o.shippingReport ? (JSON.parse(o.shippingReport) as ShippingReport) : undefined;

/** Uploads one shipped order's parcel (once uploaded, never again); never throws. */
export async function reportShipping(deps: ShippingReportDeps, orderId: string, now: string) {
  try {
    const o = await deps.orders.get(orderId);
    if (!o || o.payWith !== 'wechat' || !o.carrier || !o.trackingNo || !o.shippedAt) return undefined;
    const prev = reportOf(o);
    if (prev?.status === 'uploaded') return prev;
    const next = await tryUpload(deps, o, prev, now);
    await record(deps, o, prev, next);
    return next;
  } catch (e) {
    log.error('shipping report not recorded', { orderId, error: e as Error });
    return undefined;
  }
}

async function tryUpload(deps: ShippingReportDeps, o: Order, prev: ShippingReport | undefined, now: string) {
  const attempts = (prev?.attempts ?? 0) + 1;
  try {
    const payer = await deps.users.get(o.userId);
    await deps.shipping.upload({
      orderId: o.orderId,
      payerOpenId: payer?.openId ?? '',
      carrier: o.carrier!,
      trackingNo: o.trackingNo!,
      itemDesc: goodsOf(o.items),
      ...(o.address?.phone ? { receiverPhone: o.address.phone } : {}),
      shippedAt: o.shippedAt!,
    });
    return { status: 'uploaded', attempts, at: now } satisfies ShippingReport;
  } catch (e) {
    const code = e instanceof AdapterError ? e.code : 'internal';
    const lastError = { code, message: (e as Error).message.slice(0, 200) };
    log.warn('shipping upload to WeChat failed', { orderId: o.orderId, code, attempts });
    const failed = FOR_GOOD.has(code) || attempts >= MAX_ATTEMPTS;
    const at = failed ? now : new Date(Date.parse(now) + pauseMs(attempts)).toISOString();
    return { status: failed ? 'failed' : 'pending', attempts, at, lastError } satisfies ShippingReport;
  }
}

/** The order's report and its queue entry move together. */
async function record(deps: ShippingReportDeps, o: Order, prev: ShippingReport | undefined, next: ShippingReport) {
  const tx = new Tx(deps.tx).add(deps.orders.update(o.orderId, { shippingReport: JSON.stringify(next) }, {}));
  if (prev && prev.status !== 'uploaded')
    tx.add(deps.queue.remove(prev.status as ReportQueueState, { orderId: o.orderId, at: prev.at }));
  if (next.status !== 'uploaded') tx.add(deps.queue.put(next.status, { orderId: o.orderId, at: next.at }));
  await tx.commit();
}

/** The schedule: every pending upload whose time has come (`orderIds`: those, whatever their state). */
export async function retryShippingUploads(
  deps: ShippingReportDeps,
  o: { now: string; max: number; orderIds?: string[] },
) {
  const ids = o.orderIds ?? (await deps.queue.list('pending', o.max, o.now)).map((e) => e.orderId);
  const results: Array<{ orderId: string; status?: string }> = [];
  for (const orderId of ids) results.push({ orderId, status: (await reportShipping(deps, orderId, o.now))?.status });
  return { now: o.now, results };
}

/** Staff: uploads not done, with each order's report. */
export async function listShippingUploads(deps: ShippingReportDeps, state: ReportQueueState, max: number) {
  const entries = await deps.queue.list(state, max);
  const rows = [];
  for (const e of entries) {
    const o = await deps.orders.get(e.orderId);
    if (o) rows.push({ orderId: o.orderId, carrier: o.carrier, trackingNo: o.trackingNo, ...reportOf(o) });
  }
  return rows;
}
