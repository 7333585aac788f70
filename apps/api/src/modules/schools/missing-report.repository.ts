import type { Tx } from '../../db/database.js';
import { readInBatches } from '../../platform/batching.js';

/** SQL of the missing-students and wrong-contacts reports. */

/** Each student's last present (or late) lesson in some courses, any time. */
export async function lastPresences(db: Tx, courseIds: readonly string[]) {
  return readInBatches(courseIds, (slice) =>
    db
      .selectFrom('attendance_marks as m')
      .innerJoin('attendance_lessons as l', 'l.id', 'm.lesson_id')
      .select(['l.course_id', 'm.student_id', (eb) => eb.fn.max('l.lesson_date').as('last')])
      .where('l.course_id', 'in', slice)
      .where('m.mark', 'in', ['present', 'late'])
      .groupBy(['l.course_id', 'm.student_id'])
      .execute(),
  );
}

export async function familyNames(db: Tx, familyIds: readonly string[]) {
  return readInBatches(familyIds, (slice) =>
    db.selectFrom('families').select(['id', 'name']).where('id', 'in', slice).execute(),
  );
}

/** The phone calls logged about some students, newest first. */
export async function callsAbout(db: Tx, studentIds: readonly string[]) {
  return readInBatches(studentIds, (slice) =>
    db
      .selectFrom('contact_log')
      .select(['person_id', 'at', 'actor_name', 'summary'])
      .where('person_id', 'in', slice)
      .where('channel', '=', 'call')
      .orderBy('at', 'desc')
      .execute(),
  );
}

/** A student's family and the schools of the courses they hold a place in (confirmed). */
export async function studentSchools(db: Tx, studentId: string) {
  return db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .select(['e.family_id', 'c.school_id', 'c.teacher_id'])
    .where('e.student_id', '=', studentId)
    .where('e.status', '=', 'confirmed')
    .execute();
}

/** The families holding a confirmed place in some courses. */
export async function familiesPlaced(db: Tx, courseIds: readonly string[]) {
  const rows = await readInBatches(courseIds, (slice) =>
    db
      .selectFrom('course_enrolments')
      .select('family_id')
      .distinct()
      .where('course_id', 'in', slice)
      .where('status', '=', 'confirmed')
      .execute(),
  );
  return [...new Set(rows.map((r) => r.family_id))];
}

/** The e-mails that could not be delivered (the mailer marked them failed), newest first, to some addresses. */
export async function failedMails(db: Tx, addresses: readonly string[]) {
  return readInBatches(addresses, (slice) =>
    db
      .selectFrom('outbox')
      .select(['to_address', 'created_at'])
      .where('status', '=', 'failed')
      .where('to_address', 'in', slice)
      .orderBy('created_at', 'desc')
      .execute(),
  );
}

/** The teachers' flags on the contacts of some families' students, newest first. */
export async function flagsOf(db: Tx, familyIds: readonly string[]) {
  return readInBatches(familyIds, (slice) =>
    db
      .selectFrom('contact_flags as f')
      .innerJoin('people as s', 's.id', 'f.student_id')
      .select(['f.id', 'f.field', 'f.seen', 'f.note', 'f.flagged_at', 's.family_id'])
      .where('s.family_id', 'in', slice)
      .orderBy('f.flagged_at', 'desc')
      .execute(),
  );
}

/** Whether a teacher has a student in one of their courses (a confirmed place). */
export async function teachesStudent(db: Tx, teacherId: string, studentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .select('e.family_id')
    .where('c.teacher_id', '=', teacherId)
    .where('e.student_id', '=', studentId)
    .where('e.status', '=', 'confirmed')
    .executeTakeFirst();
  return row?.family_id ?? null;
}
