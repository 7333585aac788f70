import type { Tx } from '../../db/database.js';
import type { TeacherIncidentsTable } from '../../db/tables.js';

/** Every query of incidents about teachers. */

/**
 * The family of the person behind an account, whatever the person's kind. (platform/access.ts `guardianFamilyId`
 * also requires the person to be a guardian; incidents kept this older lookup so nothing changes for who may report.)
 */
export async function familyOfPerson(tx: Tx, personId: string): Promise<string | null> {
  const row = await tx.selectFrom('people').select('family_id').where('id', '=', personId).executeTakeFirst();
  return row?.family_id ?? null;
}

/** Does (or did) the teacher teach a student of this family? Ended assignments count: incidents come after. */
export async function teacherTaughtFamily(tx: Tx, teacherId: string, familyId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('assignments')
    .select('id')
    .where('teacher_id', '=', teacherId)
    .where('family_id', '=', familyId)
    .executeTakeFirst();
  return !!row;
}

/** The lesson file an incident is about, with its family. */
export async function lessonFileFamily(tx: Tx, fileId: string) {
  return tx.selectFrom('lesson_files').select(['id', 'family_id']).where('id', '=', fileId).executeTakeFirst();
}

export async function insertIncident(tx: Tx, row: TeacherIncidentsTable): Promise<void> {
  await tx.insertInto('teacher_incidents').values(row).execute();
}

/** The teacher's incidents that occurred after `after`, oldest first. */
export async function incidentsSince(tx: Tx, teacherId: string, after: string) {
  return tx
    .selectFrom('teacher_incidents')
    .select(['id', 'occurred_on'])
    .where('teacher_id', '=', teacherId)
    .where('occurred_on', '>', after)
    .orderBy('occurred_on')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The teacher's incidents, latest first (at most 500). */
export async function incidentsOfTeacher(tx: Tx, teacherId: string): Promise<TeacherIncidentsTable[]> {
  return tx
    .selectFrom('teacher_incidents')
    .selectAll()
    .where('teacher_id', '=', teacherId)
    .orderBy('occurred_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
}
