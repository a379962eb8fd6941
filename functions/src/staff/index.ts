// Staff functions: each takes a JSON event (cloud console, or `npm run staff -- <name> '<json>'`),
// checks a staff token, audits the call and answers {ok, result} or {ok:false, error}.
import { z } from 'zod';
import { standInNow } from './clock';
import { dec, parseMoney, parsePositivePoints } from '@greenpoints/shared';
import { shipOrder as ship } from '../domain/orders/payment';
import { completeDue as runCompleteDue } from '../domain/orders/completion';
import { refundOrder as refund } from '../domain/orders/refund';
import { reviewAfterSale as review, receiveReturn as receiveBack } from '../domain/orders/after-sale';
import { decideWithdrawal } from '../domain/wallet/wallet';
import { drainUntilEmpty } from '../domain/wallet/applier';
import { submitAsStaff, transferPayout } from '../domain/wallet/staff-events';
import { auditEntry, staff, type StaffEvent, type StaffResult } from './wrapper';
import { registry } from './registry';
import { conflict, notFound } from '../domain/errors';
import { checkParams, setParams } from '../domain/operator/config';
import { sandboxTransfer, syncTransfers } from './transfers';
import { cancelUnpaid } from './unpaid';
import { backfillUserLists } from './backfill';
import { listShippingUploads, retryShippingUploads } from './shipping-report';
import { reportShipping } from '../domain/orders/shipping-report';
import { PICTURE_KEY_RE } from '../adapters/pictures';
import { core } from '../wiring/core';
import { pool } from '../wiring/pool';
import { orders } from '../wiring/orders';
import { productAdmin } from '../wiring/catalogue';
import { wallet } from '../wiring/wallet';
import { referrals } from '../wiring/programme';
import { audit } from '../wiring/audit';
import { checks, configAdmin } from '../wiring/admin';
import { wechat, wechatTransfer } from '../wiring/ports';
import { shippingReportDeps } from '../wiring/shipping-report';
import { staffDeps } from '../wiring/staff';

const deps = {
  ...core,
  ...pool,
  ...orders,
  ...wallet,
  ...referrals,
  ...audit,
  ...wechat,
  ...wechatTransfer,
  ...productAdmin,
  ...configAdmin,
  ...checks,
};

const orderRef = z.object({ orderId: z.string().min(1).max(64) }).strict();
const shipment = {
  carrier: z.string().trim().min(1).max(40),
  trackingNo: z.string().regex(/^[A-Za-z0-9-]{4,40}$/, '4–40 of [A-Za-z0-9-]'),
};

/** Ships, then reports the parcel to WeChat (WeChat-paid orders); a failed report is queued, never fatal. */
async function shipAndReport(orderId: string, parcel: { carrier: string; trackingNo: string }) {
  const shipped = await ship(deps, orderId, parcel);
  const report = await reportShipping(shippingReportDeps(), orderId, new Date().toISOString());
  return { ...shipped, ...(report ? { shippingReport: report } : {}) };
}

/** One order (`orderId`) or a batch (`orders`, up to 200: warehouse runs), each with its parcel. */
export const shipOrder = staff(
  'ship-order',
  z.union([
    z.object({ orderId: z.string().min(1).max(64), ...shipment }).strict(),
    z
      .object({
        orders: z
          .array(z.object({ orderId: z.string().min(1).max(64), ...shipment }).strict())
          .min(1)
          .max(200),
      })
      .strict(),
  ]),
  async (input) => {
    if ('orderId' in input) return shipAndReport(input.orderId, input);
    const out: unknown[] = [];
    for (const o of input.orders)
      out.push(
        await shipAndReport(o.orderId, o).catch((e: Error & { code?: string }) => ({
          orderId: o.orderId,
          error: e.code ?? e.message,
        })),
      );
    return out;
  },
);

/** The stand-in clock of complete-due: the local stage only (tests, demos). */
const standIn = standInNow;

/** One order whose window has closed (the same rule as the schedule, for one order). */
export const completeOrder = staff(
  'complete-order',
  z.object({ orderId: z.string().min(1).max(64), now: standIn }).strict(),
  async ({ orderId, now }) => {
    const r = await runCompleteDue(deps, { now: now ?? new Date().toISOString(), max: 1, orderIds: [orderId] });
    const one = r.completed[0] as { error?: { code: string; message: string } } | undefined;
    if (one?.error && (r.completed[0] as { status: string }).status === 'skipped')
      throw conflict(one.error.code, one.error.message);
    return one;
  },
);

/**
 * The schedule (every 5 minutes): receipt of orders shipped autoConfirmDays ago, then every
 * order whose after-sale window closed with no open request, submitted together, one drain.
 */
export const completeDue = staff(
  'complete-due',
  z
    .object({
      now: standIn,
      max: z.number().int().min(1).max(500).default(200),
      orderIds: z.array(z.string().min(1).max(64)).min(1).max(200).optional(),
    })
    .passthrough(),
  async ({ now, max, orderIds }) =>
    runCompleteDue(deps, { now: now ?? new Date().toISOString(), max, ...(orderIds ? { orderIds } : {}) }),
  { scheduled: true },
);

export const reviewAfterSale = staff(
  'review-after-sale',
  z
    .object({ requestId: z.string().min(1).max(64), approve: z.boolean(), note: z.string().trim().min(1).max(200) })
    .strict(),
  async ({ requestId, approve, note }, actor) => review(deps, requestId, approve, note, actor),
);

/** The goods came back (or: ask WeChat again for a refund left refunding). */
export const receiveReturn = staff(
  'receive-return',
  z.object({ requestId: z.string().min(1).max(64) }).strict(),
  async ({ requestId }, actor) => receiveBack(deps, requestId, actor),
);

export const refundOrder = staff(
  'refund-order',
  orderRef,
  async ({ orderId }) => {
    const r = await refund(deps, undefined, orderId); // on a refund_requested order: asks WeChat again
    return r.body;
  },
  {
    check: async ({ orderId }) => {
      if (!(await deps.orders.get(orderId))) throw notFound('order');
    },
  },
);

export const drainPool = staff(
  'drain-pool',
  z.object({}).passthrough(),
  async () => {
    return { drained: await drainUntilEmpty(deps) };
  },
  { scheduled: true },
);

const money = z.string().regex(/^(0|[1-9][0-9]{0,9})(\.[0-9]{1,2})?$/);
export const upsertProduct = staff(
  'upsert-product',
  z
    .object({
      productId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
      name: z.string().min(1).max(100),
      price: money,
      poolContribution: money,
      dividendContribution: money.default('0.00'),
      stock: z.number().int().min(0).max(10_000_000),
      image: z.string().max(500).default(''),
      active: z.boolean().default(true),
      category: z.string().trim().max(20).default(''),
      description: z.string().max(1000).default(''),
      /** Keys from upload-url (products/<productId>/<name>.<ext>), cover first. */
      pictures: z.array(z.string().regex(PICTURE_KEY_RE, 'a key from upload-url')).max(9).default([]),
      noReasonReturn: z.boolean().default(true),
    })
    .strict()
    .refine((p) => dec(p.poolContribution).plus(p.dividendContribution).lte(p.price), 'contributions above the price'),
  async (p) => {
    // Canonical 2-dp strings, through the engine's parser: money never passes through a float.
    const norm = {
      ...p,
      price: parseMoney(p.price, 'price'),
      poolContribution: parseMoney(p.poolContribution, 'poolContribution'),
      dividendContribution: parseMoney(p.dividendContribution, 'dividendContribution'),
    };
    await deps.productAdmin.save(norm);
    return norm;
  },
);

export const setConfig = staff(
  'set-config',
  z.object({ change: z.record(z.unknown()) }).strict(),
  // The new version, its history record and the call's audit entry in one transaction.
  async ({ change }, _actor, caller) =>
    setParams(deps, change, (writes, result) =>
      staffDeps().audit.append(auditEntry('set-config', caller, { change }, { ok: true, result }), writes),
    ),
  { check: async ({ change }) => void (await checkParams(deps, change)) },
);

export const buyback = staff(
  'buyback',
  z.object({ userId: z.string().min(1), points: z.string(), requestId: z.string().min(1).max(64) }).strict(),
  async ({ userId, points, requestId }, actor) =>
    submitAsStaff(deps, 'buyback', actor, userId, requestId, {
      kind: 'sell',
      user: userId,
      points: parsePositivePoints(points),
      reason: 'buyback',
    }),
  { check: async ({ userId, points }) => checkUser(userId, points) },
);

/** A pool event for a user who exists, of a positive amount of points. */
async function checkUser(userId: string, points: string) {
  parsePositivePoints(points);
  if (!(await deps.users.get(userId))) throw notFound('user');
}

export const grant = staff(
  'grant',
  z
    .object({
      userId: z.string().min(1),
      points: z.string(),
      locked: z.boolean().default(false),
      reason: z.string().min(1).max(40),
      requestId: z.string().min(1).max(64),
    })
    .strict(),
  async ({ userId, points, locked, reason, requestId }, actor) =>
    submitAsStaff(deps, 'grant', actor, userId, requestId, {
      kind: 'grant',
      user: userId,
      points: parsePositivePoints(points),
      locked,
      reason,
    }),
  { check: async ({ userId, points }) => checkUser(userId, points) },
);

export const approveWithdrawal = staff(
  'approve-withdrawal',
  z.object({ withdrawalId: z.string().min(1).max(64), approve: z.boolean().default(true) }).strict(),
  async ({ withdrawalId, approve }) => decideWithdrawal(deps, withdrawalId, approve, transferPayout(deps)),
  {
    // Only a withdrawal still waiting for staff is worth a second signature.
    check: async ({ withdrawalId }) => {
      const w = await deps.withdrawals.get(withdrawalId);
      if (w && w.status !== 'requested' && w.status !== 'paying')
        throw conflict('invalid_status', `the withdrawal is ${w.status}`);
    },
  },
);

export const reconcile = staff('reconcile', z.object({}).passthrough(), async () => deps.reconcile());

/** name (as typed on the command line) -> function */
export type { StaffEvent, StaffResult };

export const STAFF_FUNCTIONS: Record<string, (e: StaffEvent) => Promise<StaffResult>> = {
  'ship-order': shipOrder,
  'complete-order': completeOrder,
  'complete-due': completeDue,
  'review-after-sale': reviewAfterSale,
  'receive-return': receiveReturn,
  'refund-order': refundOrder,
  'drain-pool': drainPool,
  'upsert-product': upsertProduct,
  'set-config': setConfig,
  buyback,
  grant,
  'approve-withdrawal': approveWithdrawal,
  'sync-transfers': syncTransfers,
  'cancel-unpaid': cancelUnpaid,
  'retry-shipping-uploads': retryShippingUploads,
  'list-shipping-uploads': listShippingUploads,
  'sandbox-transfer': sandboxTransfer,
  'backfill-user-lists': backfillUserLists,
  reconcile,
  // The full programme (staff/programme.ts), loaded on first use (lighter cold starts).
  ...lazy(['settle-day', 'settlement-report', 'release-locked', 'import-legacy-members', 'assign-agent', 'audit-log']),
  'upload-url': async (e: StaffEvent) => (await import('./pictures')).uploadUrl(e),
  ...lazyOperator(['list-orders', 'list-after-sale', 'list-withdrawals', 'find-user', 'daily-report']),
  // The console's own queries (staff/console.ts).
  ...lazyFrom(
    () => import('./console').then((m) => m.CONSOLE_FUNCTIONS),
    ['liabilities', 'user-ledger', 'user-referrals', 'get-config', 'list-products', 'get-order'],
  ),
  // Staff accounts and the second signature (staff/accounts.ts, staff/requests.ts).
  ...lazyFrom(() => import('./accounts').then((m) => m.ACCOUNT_FUNCTIONS), ['add-staff', 'list-staff', 'update-staff']),
  ...lazyFrom(
    () => import('./requests').then((m) => m.REQUEST_FUNCTIONS),
    ['approve-request', 'reject-request', 'list-requests'],
  ),
};

// approve-request finds the function it runs here (staff/registry.ts).
for (const [name, fn] of Object.entries(STAFF_FUNCTIONS)) registry.set(name, fn);

function lazyFrom(
  load: () => Promise<Record<string, (e: StaffEvent) => Promise<StaffResult>>>,
  names: string[],
): Record<string, (e: StaffEvent) => Promise<StaffResult>> {
  return Object.fromEntries(names.map((n) => [n, async (e: StaffEvent) => (await load())[n]!(e)]));
}

function lazyOperator(names: Array<keyof (typeof import('./operator'))['OPERATOR_FUNCTIONS']>) {
  return Object.fromEntries(
    names.map((n) => [n, async (e: StaffEvent) => (await import('./operator')).OPERATOR_FUNCTIONS[n](e)]),
  ) as Record<string, (e: StaffEvent) => Promise<StaffResult>>;
}

function lazy(names: string[]): Record<string, (e: StaffEvent) => Promise<StaffResult>> {
  return Object.fromEntries(
    names.map((n) => [n, async (e: StaffEvent) => (await import('./programme')).PROGRAMME_FUNCTIONS[n]!(e)]),
  );
}
