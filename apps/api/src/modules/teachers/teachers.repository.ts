import type { Tx } from '../../db/database.js';
import type { TeachersTable } from '../../db/tables.js';

/** Queries about the teachers row itself: its lock, status, contact and names. */

/**
 * Takes the teacher's row lock (an UPDATE that changes nothing: a row lock on PostgreSQL, the write lock on
 * SQLite). Returns whether the teacher exists.
 */
export async function lockTeacherRow(tx: Tx, teacherId: string): Promise<boolean> {
  const locked = await tx
    .updateTable('teachers')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('person_id', '=', teacherId)
    .executeTakeFirst();
  return Number(locked.numUpdatedRows) === 1;
}

/** The teachers row, or undefined. */
export async function teacherRow(tx: Tx, teacherId: string): Promise<TeachersTable | undefined> {
  return tx.selectFrom('teachers').selectAll().where('person_id', '=', teacherId).executeTakeFirst();
}

/** The teacher's status, or undefined when there is no such teacher. */
export async function teacherStatus(tx: Tx, teacherId: string): Promise<{ status: string } | undefined> {
  return tx.selectFrom('teachers').select(['status']).where('person_id', '=', teacherId).executeTakeFirst();
}

/** Does this teacher exist? */
export async function teacherExists(tx: Tx, teacherId: string): Promise<boolean> {
  const row = await tx.selectFrom('teachers').select('person_id').where('person_id', '=', teacherId).executeTakeFirst();
  return !!row;
}

/** The teacher's names, or undefined when there is no such teacher. */
export async function teacherNames(tx: Tx, teacherId: string) {
  return tx
    .selectFrom('teachers')
    .innerJoin('people', 'people.id', 'teachers.person_id')
    .select(['people.first_name', 'people.last_name'])
    .where('person_id', '=', teacherId)
    .executeTakeFirst();
}

/** A person's e-mail, first name and account language (null without an account). */
export async function personContact(tx: Tx, personId: string) {
  return tx
    .selectFrom('people')
    .leftJoin('users', 'users.id', 'people.user_id')
    .select(['people.email', 'people.first_name', 'users.locale'])
    .where('people.id', '=', personId)
    .executeTakeFirst();
}

/** Writes the derived status (see refreshTeacherStatus). */
export async function setTeacherStatus(
  tx: Tx,
  teacherId: string,
  next: { status: string; status_reason: string | null; status_until: string | null },
  now: string,
): Promise<void> {
  await tx
    .updateTable('teachers')
    .set((eb) => ({ ...next, updated_at: now, version: eb('version', '+', 1) }))
    .where('person_id', '=', teacherId)
    .execute();
}

/** Of these teachers, those that exist, with their status. */
export async function teachersAmong(tx: Tx, ids: string[]) {
  return tx.selectFrom('teachers').select(['person_id', 'status']).where('person_id', 'in', ids).execute();
}

/** Of these ids, the teachers that exist. */
export async function knownTeachers(tx: Tx, ids: string[]) {
  return tx.selectFrom('teachers').select('person_id').where('person_id', 'in', ids).execute();
}
