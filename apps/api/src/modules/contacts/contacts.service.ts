import type { z } from 'zod';
import type { ContactEntry, CreateContactBody } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { actorName, actorUserId, type Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { ContactLogTable } from '../../db/tables.js';
import type { Selectable } from 'kysely';
import * as repo from './contacts.repository.js';

function toEntry(r: Selectable<ContactLogTable>): ContactEntry {
  return {
    id: r.id,
    at: r.at,
    actorName: r.actor_name,
    channel: r.channel as ContactEntry['channel'],
    direction: r.direction as ContactEntry['direction'],
    personId: r.person_id,
    familyId: r.family_id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    summary: r.summary,
    outcome: r.outcome,
  };
}

/** The contact log: every call, e-mail or note with a person, kept apart from the audit trail. */
export function createContactsService(deps: Deps) {
  const { db, clock } = deps;

  async function log(tx: Tx, actor: Actor, body: z.infer<typeof CreateContactBody>): Promise<ContactEntry> {
    const row = {
      id: newId(),
      at: clock.now().toISOString(),
      actor_user_id: actorUserId(actor),
      actor_name: actorName(actor),
      channel: body.channel,
      direction: body.direction ?? null,
      person_id: body.personId ?? null,
      family_id: body.familyId ?? null,
      subject_type: body.subjectType ?? null,
      subject_id: body.subjectId ?? null,
      summary: body.summary,
      outcome: body.outcome ?? null,
    };
    await repo.insertContact(tx, row);
    return toEntry(row);
  }

  return {
    /** For other services that log a contact inside their own transaction. */
    log,
    async create(actor: Actor, body: z.infer<typeof CreateContactBody>): Promise<ContactEntry> {
      requirePermission(actor, 'contacts.log');
      if (!body.personId && !body.familyId && !body.subjectId)
        throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'personId', code: 'required' }] });
      return db.transaction().execute(async (tx) => {
        if (body.personId && !(await repo.personExists(tx, body.personId))) throw notFound();
        if (body.familyId && !(await repo.familyExists(tx, body.familyId))) throw notFound();
        return log(tx, actor, body);
      });
    },
    async list(actor: Actor, filter: repo.ContactFilter): Promise<ContactEntry[]> {
      requirePermission(actor, 'contacts.read');
      if (!filter.familyId && !filter.personId && !filter.subjectId)
        throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'personId', code: 'required' }] });
      return (await repo.contactLog(db, filter)).map(toEntry);
    },
  };
}
export type ContactsService = ReturnType<typeof createContactsService>;
