import type { Role } from '../common.js';
import { CORE_PERMISSIONS } from './core.js';
import { TEACHERS_PERMISSIONS } from './teachers.js';
import { AGENCY_PERMISSIONS } from './agency.js';
import { BILLING_PERMISSIONS } from './billing.js';
import { SCHOOLS_PERMISSIONS } from './schools.js';
import { BOARD_PERMISSIONS } from './board.js';
import { ADMISSION_PERMISSIONS } from './admission.js';
import { FEES_PERMISSIONS } from './fees.js';
import { REENROLMENT_PERMISSIONS } from './reenrolment.js';

export { definePermissions, type PermissionTable } from './define.js';

/** The one policy: every permission of the app and the roles that hold it. */
export const PERMISSIONS = {
  ...CORE_PERMISSIONS,
  ...TEACHERS_PERMISSIONS,
  ...AGENCY_PERMISSIONS,
  ...BILLING_PERMISSIONS,
  ...SCHOOLS_PERMISSIONS,
  ...BOARD_PERMISSIONS,
  ...ADMISSION_PERMISSIONS,
  ...FEES_PERMISSIONS,
  ...REENROLMENT_PERMISSIONS,
} as const;
export type Permission = keyof typeof PERMISSIONS;

/** The roles holding a permission, admin first: for menus and tests. */
export function rolesWith(permission: Permission): readonly Role[] {
  return ['admin', ...(PERMISSIONS[permission] as readonly Role[]).filter((r) => r !== 'admin')];
}

/** Whether a set of roles holds a permission (admin holds every permission). */
export function rolesGrant(roles: Iterable<Role>, permission: Permission): boolean {
  const holders = PERMISSIONS[permission] as readonly Role[];
  for (const role of roles) if (role === 'admin' || holders.includes(role)) return true;
  return false;
}
