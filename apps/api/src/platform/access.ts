import { rolesGrant, STAFF_ROLES, type Permission } from '@contracts';
import type { Tx } from '../db/database.js';
import { requireUser, type Actor, type SystemActor, type UserActor } from './actor.js';
import { forbidden } from './errors.js';
import * as relations from './access.repository.js';

/**
 * The one access policy. Roles: `can(actor, permission)` reads the permission table of the contracts
 * (`packages/contracts/src/permissions/`), where each permission names the roles holding it (admin holds all).
 * Relations: the lookups below answer "is this the caller's own family / own student / own profile"; services
 * combine the two at the start of each function. The system actor (sweeps) passes every check.
 */
export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  return rolesGrant(actor.roles, permission);
}

/** 401 for nobody, 403 for a user without the permission; returns who acts. */
export function requirePermission(actor: Actor, permission: Permission): UserActor | SystemActor {
  if (actor.kind === 'system') return actor;
  const user = requireUser(actor);
  if (!rolesGrant(user.roles, permission)) throw forbidden();
  return user;
}

/** Any staff role (office staff, board included), as opposed to teachers and families. */
export function isStaffMember(actor: Actor): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'user' && STAFF_ROLES.some((role) => actor.roles.has(role));
}

/** The teacher person behind a teacher account, or null for anyone else. */
export function teacherSelf(actor: Actor): string | null {
  return actor.kind === 'user' && actor.roles.has('teacher') && actor.personId ? actor.personId : null;
}

/** Is the caller the teacher themself? */
export function isTeacherSelf(actor: Actor, teacherId: string): boolean {
  return teacherSelf(actor) === teacherId;
}

/** The family of a guardian account, or null for anyone else: the one answer to "which family is this guardian's". */
export async function guardianFamilyId(db: Tx, actor: Actor): Promise<string | null> {
  if (actor.kind !== 'user' || !actor.roles.has('guardian') || !actor.personId) return null;
  return relations.familyOfGuardianPerson(db, actor.personId);
}

/** Does the caller, as a teacher, currently teach this person (a student, or a guardian of one)? */
export async function teacherReachesPerson(db: Tx, actor: Actor, personId: string): Promise<boolean> {
  const teacherId = teacherSelf(actor);
  return teacherId !== null && relations.teacherReachesPerson(db, teacherId, personId);
}

/** Does the caller, as a teacher, currently teach a student of this family? */
export async function teacherReachesFamily(db: Tx, actor: Actor, familyId: string): Promise<boolean> {
  const teacherId = teacherSelf(actor);
  return teacherId !== null && relations.teacherReachesFamily(db, teacherId, familyId);
}

/**
 * The family of the person behind any account (a guardian's, or a student's own account), or null. Wider than
 * `guardianFamilyId`, which also requires the guardian role and a guardian person: people.service.ts's historical
 * `ownFamilyId` answers this, and keeps its behaviour.
 */
export async function accountFamilyId(db: Tx, actor: UserActor): Promise<string | null> {
  if (!actor.personId) return null;
  return relations.familyOfPerson(db, actor.personId);
}
