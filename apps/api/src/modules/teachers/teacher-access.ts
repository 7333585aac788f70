import { requireUser, type Actor } from '../../platform/actor.js';
import { can, isStaffMember, isTeacherSelf, requirePermission } from '../../platform/access.js';
import { forbidden } from '../../platform/errors.js';

/**
 * The teachers module's access checks, over the one policy of platform/access.ts: permissions `teachers.*`
 * (packages/contracts/src/permissions/teachers.ts) and the relation "is the caller this teacher".
 */

/** Meetings, incidents and suspensions are read by staff (any service); teachers and families never. */
export function assertStaffRead(actor: Actor): void {
  if (!isStaffMember(requireUser(actor))) throw forbidden();
}

export function assertProfileRead(actor: Actor, teacherId: string): void {
  if (actor.kind === 'system' || isTeacherSelf(actor, teacherId)) return;
  if (!isStaffMember(requireUser(actor))) throw forbidden();
}

export function assertProfileWrite(actor: Actor, teacherId: string): void {
  if (actor.kind === 'system' || isTeacherSelf(actor, teacherId)) return;
  requirePermission(actor, 'teachers.manage');
}

/** Teacher documents: the teacher's own, or staff who onboard teachers; families never. */
export function assertDocumentsAccess(actor: Actor, teacherId: string | null): void {
  if (actor.kind === 'system') return;
  const user = requireUser(actor);
  if (teacherId && isTeacherSelf(user, teacherId)) return;
  if (!can(user, 'teachers.readDocuments')) throw forbidden();
}
