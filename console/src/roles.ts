// Which roles may call which staff function: the one table in @greenpoints/shared, which the
// server enforces (403 forbidden); here it only hides what the signed-in member cannot use.
import { FUNCTION_ROLES, STAFF_ROLES, type StaffRole } from '@greenpoints/shared';

export { FUNCTION_ROLES };
export const ROLES = STAFF_ROLES;
export type Role = StaffRole;

export const ROLE_NAMES: Record<Role, string> = {
  operator: '运营',
  finance: '财务',
  admin: '管理员',
  auditor: '审计',
};

export function can(roles: readonly Role[], fn: string): boolean {
  return (FUNCTION_ROLES[fn] ?? []).some((r) => roles.includes(r));
}
