import type { Locale, Role } from '@contracts';
import { STAFF_ROLES } from '@contracts';
import { DomainError } from './errors.js';

/** Who is acting: a logged-in user, the system itself (sweeps), or nobody (public forms, signed links). */
export type UserActor = {
  kind: 'user';
  userId: string;
  displayName: string;
  email: string;
  roles: ReadonlySet<Role>;
  personId: string | null;
  locale: Locale;
};
export type SystemActor = { kind: 'system'; displayName: string };
export type AnonymousActor = { kind: 'anonymous'; label?: string };
export type Actor = UserActor | SystemActor | AnonymousActor;

export const SYSTEM: SystemActor = { kind: 'system', displayName: 'Harmonie' };
export const ANONYMOUS: AnonymousActor = { kind: 'anonymous' };

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new DomainError('UNAUTHENTICATED');
  return actor;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (actor.roles.has('admin')) return true;
  return roles.some((r) => actor.roles.has(r));
}

/** Throws 401 for nobody and 403 for a user without any of the roles (admin always passes). */
export function requireRole(actor: Actor, ...roles: Role[]): UserActor | SystemActor {
  if (actor.kind === 'system') return actor;
  const user = requireUser(actor);
  if (!hasRole(user, ...roles)) throw new DomainError('FORBIDDEN');
  return user;
}

export function isStaff(actor: Actor): boolean {
  return hasRole(actor, ...STAFF_ROLES);
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}
export function actorName(actor: Actor): string {
  if (actor.kind === 'user') return actor.displayName;
  if (actor.kind === 'system') return actor.displayName;
  return actor.label ?? 'public';
}
