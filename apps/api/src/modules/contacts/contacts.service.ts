import type { z } from 'zod';
import type { ContactEntry, CreateContactBody } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { actorName, actorUserId, requireRole, type Actor } from '../../platform/actor.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { ContactLogTable } from '../../db/tables.js';
import type { Selectable } from 'kysely';

const CONTACT_ROLES = ['sales', 'recruitment', 'followup', 'accounts', 'secretariat'] as const;

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
    await tx.insertInto('contact_log').values(row).execute();
    return toEntry(row);
  }

  return {
    /** For other services that log a contact inside their own transaction. */
    log,
    async create(actor: Actor, body: z.infer<typeof CreateContactBody>): Promise<ContactEntry> {
      requireRole(actor, ...CONTACT_ROLES);
      if (!body.personId && !body.familyId && !body.subjectId)
        throw new DomainError('VALIDATION_FAILED', { status: 400, fields: [{ field: 'personId', code: 'required' }] });
      return db.transaction().execute(async (tx) => {
        if (
          body.personId &&
          !(await tx.selectFrom('people').select('id').where('id', '=', body.personId).executeTakeFirst())
        )
          throw new DomainError('NOT_FOUND');
        if (
          body.familyId &&
          !(await tx.selectFrom('families').select('id').where('id', '=', body.familyId).executeTakeFirst())
        )
          throw new DomainError('NOT_FOUND');
        return log(tx, actor, body);
      });
    },
    async list(
      actor: Actor,
      filter: { personId?: string; familyId?: string; subjectType?: string; subjectId?: string },
    ): Promise<ContactEntry[]> {
      requireRole(actor, ...CONTACT_ROLES, 'board');
      let query = db.selectFrom('contact_log').selectAll().orderBy('at', 'desc').limit(200);
      if (filter.familyId) {
        const familyId = filter.familyId;
        // A family's log includes contacts logged against any of its members.
        query = query.where((eb) =>
          eb.or([
            eb('family_id', '=', familyId),
            eb('person_id', 'in', eb.selectFrom('people').select('id').where('family_id', '=', familyId)),
          ]),
        );
      }
      if (filter.personId) query = query.where('person_id', '=', filter.personId);
      if (filter.subjectType && filter.subjectId)
        query = query.where('subject_type', '=', filter.subjectType).where('subject_id', '=', filter.subjectId);
      if (!filter.familyId && !filter.personId && !filter.subjectId)
        throw new DomainError('VALIDATION_FAILED', { status: 400, fields: [{ field: 'personId', code: 'required' }] });
      return (await query.execute()).map(toEntry);
    },
  };
}
export type ContactsService = ReturnType<typeof createContactsService>;
