// Staff functions of the full programme (docs/staff.md): daily settlement, locked releases,
// legacy import, agents, the audit log. Each is audited by the shared staff wrapper.
import { z } from 'zod';
import { staff, type StaffEvent, type StaffResult } from './wrapper';
import { settleDay as runSettleDay, readSettlement, toReport, exitList } from '../domain/programme/settlement';
import {
  importLegacyMembers as runImport,
  legacyPrecheck,
  releaseLocked as runRelease,
} from '../domain/programme/legacy';
import { assignAgent as runAssign, listAgents } from '../domain/programme/agents';
import { auditQuery } from '../domain/operator/audit-query';
import { DATE_RE } from '../domain/calendar';
import { invalid, notFound } from '../domain/errors';
import { nowOf, standInNow } from './clock';
import { legacyDryRun } from '../domain/programme/legacy-dry-run';
import { core } from '../wiring/core';
import { pool } from '../wiring/pool';
import { programme } from '../wiring/programme';
import { operator } from '../wiring/operator';
import { staffDeps } from '../wiring/staff';

const deps = { ...core, ...pool, ...programme, ...operator };

const date = z.string().regex(DATE_RE, 'YYYY-MM-DD');
// Below the 10-minute schedule, so scheduled runs rarely overlap (overlaps are safe, only wasted).
const BUDGET_MS = Number(process.env.PROGRAMME_BUDGET_MS || 9 * 60_000);

/** settle-day {date?}: default yesterday (China time). Exactly once per day; resumable. */
export const settleDay = staff(
  'settle-day',
  z.object({ date: date.optional() }).passthrough(),
  async ({ date: d }) => runSettleDay(deps, d, { maxMs: BUDGET_MS }),
  { scheduled: true },
);

/** settlement-report {date}: reads a day's settlement without running anything. */
export const settlementReport = staff(
  'settlement-report',
  z.object({ date }).strict(),
  async ({ date: d }) => {
    const s = await readSettlement(deps, d);
    if (!s) throw notFound(`settlement of ${d}`);
    return toReport(s, await exitList(deps, d));
  },
  { readOnly: true },
);

/** release-locked {date?, now?}: each locked holder's daily share, once per date up to today. */
export const releaseLocked = staff(
  'release-locked',
  z.object({ date: date.optional(), now: standInNow }).passthrough(),
  async ({ date: d, now }) => runRelease(deps, d, { maxMs: BUDGET_MS, now: nowOf(now) }),
  { scheduled: true },
);

export const importLegacyMembers = staff(
  'import-legacy-members',
  z
    .object({
      importId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '1–64 of [A-Za-z0-9_-]'),
      format: z.enum(['csv', 'json']),
      data: z.union([z.string().max(5_000_000), z.array(z.unknown()).max(10_000)]),
      /** true: what the file would import, nothing written, no second signature */
      dryRun: z.boolean().default(false),
    })
    .strict(),
  async ({ dryRun, ...input }, actor) => (dryRun ? legacyDryRun(deps, input) : runImport(deps, input, actor)),
  { check: (input) => legacyPrecheck(deps, input), readOnly: (input) => input.dryRun },
);

export const assignAgent = staff(
  'assign-agent',
  z
    .object({
      region: z.string().min(1).max(40).optional(),
      userId: z.string().min(1).max(64).optional(),
      remove: z.boolean().optional(),
      list: z.boolean().optional(),
    })
    .strict(),
  async ({ region, ...rest }, actor) => {
    if (rest.list) return { agents: await listAgents(deps) };
    if (!region) throw invalid('invalid_request', 'region is required');
    return runAssign(deps, { region, ...rest }, actor);
  },
);

export const auditLog = staff(
  'audit-log',
  z
    .object({
      from: z.string().max(40).optional(),
      to: z.string().max(40).optional(),
      fn: z.string().max(40).optional(),
      actor: z.string().max(64).optional(),
      outcome: z.enum(['ok', 'awaiting_approval', 'denied', 'error']).optional(),
      limit: z.number().int().min(1).max(500).optional(),
      cursor: z.string().max(2000).optional(),
    })
    .strict(),
  async (q) => auditQuery(staffDeps(), q),
  { readOnly: true },
);

export const PROGRAMME_FUNCTIONS: Record<string, (e: StaffEvent) => Promise<StaffResult>> = {
  'settle-day': settleDay,
  'settlement-report': settlementReport,
  'release-locked': releaseLocked,
  'import-legacy-members': importLegacyMembers,
  'assign-agent': assignAgent,
  'audit-log': auditLog,
};
