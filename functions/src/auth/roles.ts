// The staff roles (docs/staff.md "Roles"): an account holds one or several; the table in
// functions/src/staff/roles.ts gives each staff function the roles that may call it.
export const STAFF_ROLES = ['operator', 'finance', 'admin', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (s: string): s is StaffRole => (STAFF_ROLES as readonly string[]).includes(s);
