import type { Role } from '../common.js';

/**
 * What a role may do, as data: each permission names the roles that hold it. `admin` holds every permission
 * without being listed. Relations (a teacher's own students, a guardian's own family) are not roles: services
 * check them with the lookups of `apps/api/src/platform/access.ts`.
 */
export type PermissionTable = Record<string, readonly Role[]>;

export function definePermissions<const T extends PermissionTable>(table: T): T {
  return table;
}
