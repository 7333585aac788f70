import type { Role } from '@contracts';
import { hasRole, isStaff, requireUser, type Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

/** Who keeps teacher profiles and onboards teachers (admin always passes). */
export const TEACHER_KEEPERS: Role[] = ['recruitment', 'followup'];
/** Who may read teacher documents (CV, diplomas, ID): the services that onboard and place teachers. */
export const DOCUMENT_READERS: Role[] = ['recruitment', 'followup'];
/** Staff who may vote on a definitive exclusion (the board is read-only outside its own decisions). */
export const VOTERS: Role[] = ['sales', 'recruitment', 'followup', 'accounts', 'secretariat'];

/** The teacher themself: a teacher account linked to this teacher's person. */
export function isSelf(actor: Actor, teacherId: string): boolean {
  return actor.kind === 'user' && actor.roles.has('teacher') && actor.personId === teacherId;
}

/** Meetings, incidents and suspensions are read by staff (any service); teachers and families never. */
export function assertStaffRead(actor: Actor): void {
  if (!isStaff(requireUser(actor))) throw forbidden();
}

export function assertProfileRead(actor: Actor, teacherId: string): void {
  if (actor.kind === 'system' || isSelf(actor, teacherId)) return;
  if (!isStaff(requireUser(actor))) throw forbidden();
}

export function assertProfileWrite(actor: Actor, teacherId: string): void {
  if (actor.kind === 'system' || isSelf(actor, teacherId)) return;
  if (!hasRole(requireUser(actor), ...TEACHER_KEEPERS)) throw forbidden();
}

/** Teacher documents: the teacher's own, or staff who onboard teachers; families never. */
export function assertDocumentsAccess(actor: Actor, teacherId: string | null): void {
  if (actor.kind === 'system') return;
  const user = requireUser(actor);
  if (teacherId && isSelf(user, teacherId)) return;
  if (!hasRole(user, ...DOCUMENT_READERS)) throw forbidden();
}
