import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { AccessLinksTable } from '../../db/tables.js';

/** The SQL of signed links and of what their page shows. */

export async function insertAccessLink(tx: Tx, row: Insertable<AccessLinksTable>): Promise<void> {
  await tx.insertInto('access_links').values(row).execute();
}

export async function linkByTokenHash(db: Tx, tokenHash: string) {
  return db.selectFrom('access_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Spends a link once: true for the first answer, false when it was already used (two clicks at once). */
export async function spendLink(tx: Tx, id: string, at: string): Promise<boolean> {
  const spent = await tx
    .updateTable('access_links')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}

/** The assignment a link is about, with its teacher's name. */
export async function linkAssignmentView(db: Tx, assignmentId: string) {
  return db
    .selectFrom('assignments')
    .innerJoin('people', 'people.id', 'assignments.teacher_id')
    .select(['assignments.first_lesson_on', 'assignments.ended_on', 'people.first_name', 'people.last_name'])
    .where('assignments.id', '=', assignmentId)
    .executeTakeFirst();
}

export async function studentFirstName(db: Tx, studentId: string) {
  return db.selectFrom('people').select(['first_name']).where('id', '=', studentId).executeTakeFirstOrThrow();
}

export async function familyNameAndLocale(db: Tx, familyId: string) {
  return db.selectFrom('families').select(['name', 'locale']).where('id', '=', familyId).executeTakeFirstOrThrow();
}

export async function assignmentById(tx: Tx, id: string) {
  return tx.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function personName(tx: Tx, id: string) {
  return tx.selectFrom('people').select(['first_name', 'last_name']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Everyone of a family, oldest first (to choose whom to write to). */
export async function familyPeople(tx: Tx, familyId: string) {
  return tx.selectFrom('people').selectAll().where('family_id', '=', familyId).orderBy('created_at').execute();
}

export async function personById(tx: Tx, id: string) {
  return tx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function userLocale(tx: Tx, userId: string) {
  return tx.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirst();
}
