// Staff accounts as staff functions (admin; the CLI's local bootstrap token creates the first).
import { z } from 'zod';
import { STAFF_ROLES } from '../auth/roles';
import { addStaff as add, publicAccount, updateStaff as update } from '../domain/operator/staff-accounts';
import { staffDeps } from '../wiring/staff';
import { staff } from './wrapper';

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,31}$/;
// Names the audit log uses for actors that are not people stay free of accounts.
const RESERVED = new Set(['schedule', 'system', 'unknown']);
const username = z
  .string()
  .regex(USERNAME_RE, '3–32 of [a-z0-9._-]')
  .refine((u) => !RESERVED.has(u), 'a reserved name');
const roles = z.array(z.enum(STAFF_ROLES)).min(1).max(STAFF_ROLES.length);

export const addStaff = staff(
  'add-staff',
  z.object({ username, password: z.string().min(1).max(200), roles }).strict(),
  async (input, actor) => add(staffDeps().accounts, input, actor),
);

export const listStaff = staff(
  'list-staff',
  z.object({ limit: z.number().int().min(1).max(500).default(100), cursor: z.string().max(2000).optional() }).strict(),
  async ({ limit, cursor }) => {
    const r = await staffDeps().accounts.list(limit, cursor);
    return { rows: r.items.map(publicAccount), ...(r.cursor ? { cursor: r.cursor } : {}) };
  },
);

export const updateStaff = staff(
  'update-staff',
  z
    .object({ username, roles: roles.optional(), disabled: z.boolean().optional(), unlock: z.literal(true).optional() })
    .strict(),
  async (input) => update(staffDeps().accounts, input),
);

export const ACCOUNT_FUNCTIONS = { 'add-staff': addStaff, 'list-staff': listStaff, 'update-staff': updateStaff };
