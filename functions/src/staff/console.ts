// The staff console's queries as staff functions (docs/staff.md "Console queries"): thin, each
// parses its input and asks the domain (domain/operator/console-queries.ts); every one is read-only (its
// scope refuses any write, repo/write-scope.ts). Lists answer {rows, cursor} or, with
// `format: "csv"`, {csv, count, cursor}.
import { z } from 'zod';
import { staff, type StaffEvent, type StaffResult } from './wrapper';
import { configView, liabilities, orderDetail, userLedger, userReferrals } from '../domain/operator/console-queries';
import { core } from '../wiring/core';
import { orders } from '../wiring/orders';
import { programme } from '../wiring/programme';
import { consoleStores } from '../wiring/console';
import { toCsv } from './operator';

const deps = { ...core, ...orders, ...programme, ...consoleStores };

const userId = z.string().min(1).max(64);
const format = z.enum(['json', 'csv']).default('json');
const RO = { readOnly: true };

const csvOf = <R extends object>(p: { rows: R[]; cursor?: string }, f: 'json' | 'csv') =>
  f === 'csv' ? { csv: toCsv(p.rows), count: p.rows.length, cursor: p.cursor } : p;

export const liabilitiesFn = staff('liabilities', z.object({}).strict(), async () => liabilities(deps), RO);

export const userLedgerFn = staff(
  'user-ledger',
  z
    .object({
      userId,
      limit: z.number().int().min(1).max(500).default(50),
      cursor: z.string().max(2000).optional(),
      format,
    })
    .strict(),
  async ({ userId: u, limit, cursor, format: f }) => csvOf(await userLedger(deps, u, limit, cursor), f),
  RO,
);

export const userReferralsFn = staff(
  'user-referrals',
  z.object({ userId, format }).strict(),
  async ({ userId: u, format: f }) => {
    const team = await userReferrals(deps, u);
    return f === 'csv' ? { ...csvOf(team, f), counts: team.counts, truncated: team.truncated } : team;
  },
  RO,
);

export const getConfig = staff(
  'get-config',
  z.object({ limit: z.number().int().min(1).max(100).default(20), cursor: z.string().max(2000).optional() }).strict(),
  async ({ limit, cursor }) => configView(deps, limit, cursor),
  RO,
);

export const listProducts = staff(
  'list-products',
  z.object({ format }).strict(),
  async ({ format: f }) => {
    const products = (await deps.console.products()).map((p) => ({ ...p, pictures: p.pictures ?? [] }));
    if (f === 'json') return { rows: products };
    const flat = products.map((p) => ({
      ...p,
      pictures: p.pictures.join(' '),
      active: String(p.active),
      noReasonReturn: String(p.noReasonReturn),
    }));
    return csvOf({ rows: flat }, f);
  },
  RO,
);

export const getOrder = staff(
  'get-order',
  z.object({ orderId: z.string().min(1).max(64) }).strict(),
  async ({ orderId }) => orderDetail(deps, orderId),
  RO,
);

export const CONSOLE_FUNCTIONS: Record<string, (e: StaffEvent) => Promise<StaffResult>> = {
  liabilities: liabilitiesFn,
  'user-ledger': userLedgerFn,
  'user-referrals': userReferralsFn,
  'get-config': getConfig,
  'list-products': listProducts,
  'get-order': getOrder,
};
