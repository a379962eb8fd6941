// The staff roles (docs/staff.md "Roles"): an account holds one or several; the table in
// shared/src/staff-roles.ts gives each staff function the roles that may call it.
export { STAFF_ROLES, isStaffRole, type StaffRole } from '@greenpoints/shared';
