import { sql } from 'kysely';
import type { ApplicationStatus } from '@contracts';
import type { Tx } from '../../db/database.js';
import type { TeacherApplicationsTable } from '../../db/tables.js';

/** Every query of teacher applications and of what accepting one creates. */

export async function applicationById(tx: Tx, id: string): Promise<TeacherApplicationsTable | undefined> {
  return tx.selectFrom('teacher_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest-moved applications first (at most 500), of one stage or all. */
export async function applicationsByLastMove(
  tx: Tx,
  filter: { status?: ApplicationStatus },
): Promise<TeacherApplicationsTable[]> {
  let query = tx
    .selectFrom('teacher_applications')
    .selectAll()
    .orderBy('status_changed_at', 'desc')
    .orderBy('id')
    .limit(500);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.execute();
}

export async function insertApplication(tx: Tx, row: TeacherApplicationsTable): Promise<void> {
  await tx.insertInto('teacher_applications').values(row).execute();
}

/** Changes the application at the version the caller saw; false when someone changed it first. */
export async function updateApplicationAtVersion(
  tx: Tx,
  id: string,
  version: number,
  values: Partial<TeacherApplicationsTable>,
): Promise<boolean> {
  const result = await tx
    .updateTable('teacher_applications')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Closes followup's open "call the applicant" task with this outcome. */
export async function closeCallApplicantTask(tx: Tx, applicationId: string, outcome: string, now: string) {
  await tx
    .updateTable('tasks')
    .set({ status: 'done', done_at: now, outcome, version: sql<number>`version + 1` })
    .where('dedupe_key', '=', `call-applicant:${applicationId}`)
    .where('status', '=', 'open')
    .execute();
}

/** The teachers row of a person just created from an application. */
export async function insertActiveTeacher(tx: Tx, personId: string, now: string): Promise<void> {
  await tx
    .insertInto('teachers')
    .values({ person_id: personId, status: 'active', bio: null, created_at: now, updated_at: now, version: 1 })
    .execute();
}

/** Where the applicant said they live (a postal code and town, no street yet). */
export async function setTeacherPlace(
  tx: Tx,
  teacherId: string,
  place: {
    postal_code: string;
    city: string;
    insee_code: string | null;
    latitude: number | null;
    longitude: number | null;
  },
): Promise<void> {
  await tx.updateTable('teachers').set(place).where('person_id', '=', teacherId).execute();
}

/** The application's documents (its CV) become the teacher's. */
export async function moveApplicationDocuments(tx: Tx, applicationId: string, teacherId: string): Promise<void> {
  await tx
    .updateTable('teacher_documents')
    .set({ teacher_id: teacherId })
    .where('application_id', '=', applicationId)
    .execute();
}
