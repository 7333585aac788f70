import type { Role } from '@contracts';
import { STAFF_ROLES } from '../../api/contract-values';

export const isStaff = (roles: readonly Role[]) => roles.some((role) => STAFF_ROLES.includes(role));

/** Where a user lands after logging in: staff first, then teachers, then families. */
export function homePathFor(roles: readonly Role[]): string {
  if (isStaff(roles)) return '/office';
  if (roles.includes('teacher')) return '/teacher';
  if (roles.includes('guardian')) return '/family';
  return '/login';
}

/** Only same-site paths are followed after login (no open redirect). */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
}
