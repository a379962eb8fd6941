// The operator's queries as staff functions: each answers {rows, cursor} or, with
// `format: "csv"`, {csv, cursor}: the same rows, one header line, UTF-8 with a BOM so Excel
// opens the Chinese text right. Cells that a spreadsheet would run as a formula are quoted.
import { z } from 'zod';
import { staff } from './wrapper';
import {
  dailyReport,
  findUser as find,
  listAfterSale as listRequests,
  listOrdersByStatus,
  listWithdrawals as listPayouts,
  requireOne,
  type Row,
} from '../domain/operator/queries';
import { isValidDate } from '../domain/calendar';
import { core } from '../wiring/core';
import { pool } from '../wiring/pool';
import { programme } from '../wiring/programme';
import { operator } from '../wiring/operator';
import { consoleStores } from '../wiring/console';

const deps = { ...core, ...pool, ...programme, ...operator, ...consoleStores };
import { filteredOrders, usersByNickname } from '../domain/operator/console-queries';

/** Queries: their scope refuses any write (repo/write-scope.ts). */
const RO = { readOnly: true };

const ORDER_STATUSES = [
  'created',
  'paid',
  'shipped',
  'received',
  'after_sale',
  'completing',
  'completed',
  'refund_requested',
  'refunded',
  'returned',
  'cancelled',
] as const;
const REQUEST_STATUSES = ['requested', 'refused', 'approved', 'returning', 'refunding', 'refunded'] as const;
const WITHDRAWAL_STATUSES = ['requested', 'approved', 'rejected'] as const;

const paging = {
  limit: z.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
  format: z.enum(['json', 'csv']).default('json'),
};

function csvCell(v: string | number): string {
  let s = String(v);
  // A leading = + - @ makes a spreadsheet evaluate the cell; numbers stay numbers.
  if (/^[=+\-@]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(objects: readonly object[], columns?: string[]): string {
  const rows = objects as Row[];
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [cols.map(csvCell).join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c] ?? '')).join(','))];
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

function answer<P extends { rows: object[]; cursor?: string }>(p: P, format: 'json' | 'csv', columns: string[]) {
  if (format === 'csv') return { csv: toCsv(p.rows, columns), count: p.rows.length, cursor: p.cursor };
  return p;
}

const ORDER_COLUMNS = [
  'orderId',
  'userId',
  'status',
  'amount',
  'payWith',
  'items',
  'region',
  'address',
  'createdAt',
  'paidAt',
  'shippedAt',
  'carrier',
  'trackingNo',
  'completesAt',
  'openRequestId',
];
const REQUEST_COLUMNS = [
  'requestId',
  'orderId',
  'userId',
  'status',
  'kind',
  'items',
  'amount',
  'reason',
  'note',
  'carrier',
  'trackingNo',
  'createdAt',
  'updatedAt',
];
const WITHDRAWAL_COLUMNS = ['withdrawalId', 'userId', 'amount', 'status', 'createdAt', 'decidedAt', 'detail'];

/** A date (China time) or an ISO instant: a range's ends, both included. */
const day = z
  .string()
  .refine((d) => isValidDate(d) || !Number.isNaN(Date.parse(d)), 'a date YYYY-MM-DD or an ISO time');
const dayStart = (d: string) =>
  isValidDate(d) ? new Date(`${d}T00:00:00+08:00`).toISOString() : new Date(d).toISOString();
const dayEnd = (d: string) =>
  isValidDate(d)
    ? new Date(new Date(`${d}T00:00:00+08:00`).getTime() + 86_399_999).toISOString()
    : new Date(d).toISOString();

export const listOrders = staff(
  'list-orders',
  z
    .object({
      status: z.enum(ORDER_STATUSES).optional(),
      userId: z.string().min(1).max(64).optional(),
      productId: z.string().min(1).max(64).optional(),
      from: day.optional(),
      to: day.optional(),
      ...paging,
    })
    .strict()
    .refine((q) => q.status || q.userId, 'give a status or a userId'),
  async ({ status, userId, productId, from, to, limit, cursor, format }) => {
    if (!from && !to && !userId && !productId && status)
      return answer(await listOrdersByStatus(deps, status, limit, cursor), format, ORDER_COLUMNS);
    const q = {
      ...(status ? { status } : {}),
      ...(userId ? { userId } : {}),
      ...(productId ? { productId } : {}),
      ...(from ? { from: dayStart(from) } : {}),
      ...(to ? { to: dayEnd(to) } : {}),
    };
    return answer(await filteredOrders(deps, q, limit, cursor), format, ORDER_COLUMNS);
  },
  RO,
);

export const listAfterSale = staff(
  'list-after-sale',
  z.object({ status: z.enum(REQUEST_STATUSES), ...paging }).strict(),
  async ({ status, limit, cursor, format }) =>
    answer(await listRequests(deps, status, limit, cursor), format, REQUEST_COLUMNS),
  RO,
);

export const listWithdrawals = staff(
  'list-withdrawals',
  z.object({ status: z.enum(WITHDRAWAL_STATUSES), ...paging }).strict(),
  async ({ status, limit, cursor, format }) =>
    answer(await listPayouts(deps, status, limit, cursor), format, WITHDRAWAL_COLUMNS),
  RO,
);

export const findUser = staff(
  'find-user',
  z
    .object({
      userId: z.string().min(1).max(64).optional(),
      openId: z.string().min(1).max(128).optional(),
      phone: z
        .string()
        .regex(/^\+?[0-9]{5,20}$/)
        .optional(),
      /** the start of a nickname: answers the matching users ({rows}), pick one by userId */
      nickname: z.string().trim().min(1).max(40).optional(),
      limit: z.number().int().min(1).max(100).default(20),
      format: z.enum(['json', 'csv']).default('json'),
    })
    .strict(),
  async ({ format, limit, nickname, ...by }) => {
    requireOne({ ...by, nickname });
    if (nickname) {
      const matches = await usersByNickname(deps, nickname, limit);
      return format === 'csv' ? { csv: toCsv(matches.rows), count: matches.rows.length } : matches;
    }
    const r = await find(deps, by);
    if (format !== 'csv') return r;
    return { csv: toCsv([{ ...r.user, ...r.wallet, orders: r.orders.length }]) };
  },
  RO,
);

export const dailyReportFn = staff(
  'daily-report',
  z
    .object({
      date: z.string().refine(isValidDate, 'a date YYYY-MM-DD (China time)'),
      format: z.enum(['json', 'csv']).default('json'),
    })
    .strict(),
  async ({ date, format }) => {
    const r = await dailyReport(deps, date);
    if (format !== 'csv') return r;
    return { csv: toCsv([r as unknown as Row]) };
  },
  RO,
);

export const OPERATOR_FUNCTIONS = {
  'list-orders': listOrders,
  'list-after-sale': listAfterSale,
  'list-withdrawals': listWithdrawals,
  'find-user': findUser,
  'daily-report': dailyReportFn,
};
