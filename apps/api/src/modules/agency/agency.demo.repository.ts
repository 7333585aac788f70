import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type {
  PlansTable,
  TeacherAvailabilityTable,
  TeacherInstrumentsTable,
  TeachersTable,
  TeacherZonesTable,
} from '../../db/tables.js';

/** The SQL of the agency's demo data that no service of the agency writes (teacher profiles, plans in bulk). */

export async function teacherHasInstrument(tx: Tx, teacherId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('teacher_instruments')
    .select('teacher_id')
    .where('teacher_id', '=', teacherId)
    .executeTakeFirst();
  return !!row;
}

export async function updateTeacherProfile(tx: Tx, teacherId: string, set: Updateable<TeachersTable>): Promise<void> {
  await tx.updateTable('teachers').set(set).where('person_id', '=', teacherId).execute();
}

export async function insertTeacherInstrument(tx: Tx, row: Insertable<TeacherInstrumentsTable>): Promise<void> {
  await tx.insertInto('teacher_instruments').values(row).execute();
}

export async function insertTeacherAvailability(tx: Tx, row: Insertable<TeacherAvailabilityTable>): Promise<void> {
  await tx.insertInto('teacher_availability').values(row).execute();
}

export async function insertTeacherZone(tx: Tx, row: Insertable<TeacherZonesTable>): Promise<void> {
  await tx.insertInto('teacher_zones').values(row).execute();
}

export async function insertPlans(tx: Tx, rows: Insertable<PlansTable>[]): Promise<void> {
  await tx.insertInto('plans').values(rows).execute();
}

/** The family's first student. */
export async function firstStudentOfFamily(tx: Tx, familyId: string) {
  return tx
    .selectFrom('people')
    .select(['id'])
    .where('family_id', '=', familyId)
    .where('kind', '=', 'student')
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function familyBillingAddress(tx: Tx, familyId: string) {
  return tx
    .selectFrom('families')
    .select(['billing_line1', 'billing_postal_code', 'billing_city'])
    .where('id', '=', familyId)
    .executeTakeFirstOrThrow();
}

/** An assignment of this teacher and student outside any file (the demo's first teacher has some). */
export async function unfiledAssignment(tx: Tx, studentId: string, teacherId: string) {
  return tx
    .selectFrom('assignments')
    .select('id')
    .where('student_id', '=', studentId)
    .where('teacher_id', '=', teacherId)
    .where('file_id', 'is', null)
    .executeTakeFirst();
}
