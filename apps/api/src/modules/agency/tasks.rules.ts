import { TASK_SERVICES, type Role } from '@contracts';

export type TaskGroup = 'overdue' | 'today' | 'later';

/** "Today" means today: a task due before today is overdue (its own group), one due after it is later. */
export function taskGroup(dueOn: string, today: string): TaskGroup {
  if (dueOn < today) return 'overdue';
  return dueOn === today ? 'today' : 'later';
}

/**
 * Each service sees its own tasks by default: the task services a user's roles work in (a role named after a
 * service). The admin, who holds every role's permissions, sees every service's; the board none of its own.
 */
export function servicesOfRoles(roles: Iterable<Role>): string[] {
  const held = new Set(roles);
  if (held.has('admin')) return [...TASK_SERVICES];
  return TASK_SERVICES.filter((service) => held.has(service));
}

/**
 * Who sees every school's tasks: the director and the board (the network's roles); anyone else sees a school's
 * task only when working for that school or for none in particular (`school_staff`).
 */
export function seesEverySchool(roles: Iterable<Role>): boolean {
  const held = new Set(roles);
  return held.has('admin') || held.has('board');
}
