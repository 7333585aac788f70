import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

export async function insertContact(tx: Tx, row: Insertable<DB['contact_log']>): Promise<void> {
  await tx.insertInto('contact_log').values(row).execute();
}

export async function personExists(tx: Tx, personId: string): Promise<boolean> {
  return !!(await tx.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst());
}

export async function familyExists(tx: Tx, familyId: string): Promise<boolean> {
  return !!(await tx.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst());
}

export type ContactFilter = { personId?: string; familyId?: string; subjectType?: string; subjectId?: string };

/** The newest 200 contacts matching the filter; a family's include those logged against any of its members. */
export async function contactLog(db: Tx, filter: ContactFilter) {
  let query = db.selectFrom('contact_log').selectAll().orderBy('at', 'desc').limit(200);
  if (filter.familyId) {
    const familyId = filter.familyId;
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
  return query.execute();
}
