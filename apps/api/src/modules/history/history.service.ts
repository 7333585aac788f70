import type { AuditEntry } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { requireRole } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { PeopleService } from '../people/people.service.js';
import { findPerson } from '../people/people.repository.js';

/** A record's history is readable by whoever may read the record; staff-only for anything but people. */
export function createHistoryService(deps: Deps, people: PeopleService) {
  const { db } = deps;
  const checkers: Record<string, (actor: Actor, id: string) => Promise<void>> = {
    family: (actor, id) => people.assertFamilyAccess(actor, id, 'read'),
    person: async (actor, id) => {
      const person = await findPerson(db, id);
      if (!person) throw notFound();
      await people.assertPersonAccess(actor, person, 'read');
    },
    teacher: async (actor, id) => {
      const person = await findPerson(db, id);
      if (!person) throw notFound();
      await people.assertPersonAccess(actor, person, 'read');
    },
    user: async (actor) => {
      requireRole(actor);
    },
  };

  return {
    /** Other modules declare who may read the history of their own entity types. */
    registerEntity(entityType: string, check: (actor: Actor, id: string) => Promise<void>) {
      checkers[entityType] = check;
    },
    async list(actor: Actor, entityType: string, entityId: string): Promise<AuditEntry[]> {
      const check = checkers[entityType];
      if (!check) {
        requireRole(actor, 'sales', 'recruitment', 'followup', 'accounts', 'secretariat', 'board');
      } else {
        await check(actor, entityId);
      }
      if (actor.kind === 'anonymous') throw forbidden();
      const rows = await db.selectFrom('audit_log').selectAll().where('entity_type', '=', entityType).where('entity_id', '=', entityId).orderBy('at', 'desc').limit(500).execute();
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorName: r.actor_name,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        changes: JSON.parse(r.changes) as AuditEntry['changes'],
        summary: r.summary,
      }));
    },
  };
}
export type HistoryService = ReturnType<typeof createHistoryService>;
