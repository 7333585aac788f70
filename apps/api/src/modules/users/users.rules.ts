import type { Role } from '@contracts';
import { DomainError } from '../../platform/errors.js';

/** DOMAIN.md: the organisation always keeps at least one active administrator (a change leaving none is refused). */
export function assertAnAdminRemains(activeAdmins: number): void {
  if (activeAdmins === 0) throw new DomainError('LAST_ADMIN', { fields: [{ field: 'roles', code: 'LAST_ADMIN' }] });
}

/** An account holding only the teacher role: followup may send it its login link (anyone else's is the admin's). */
export function isTeacherAccount(roles: readonly Role[]): boolean {
  return roles.every((r) => r === 'teacher');
}
