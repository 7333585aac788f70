import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

/** SQL of attendance sheets: courses and places read, lessons, marks and sheets written. */

const courseColumns = [
  'courses.id',
  'courses.season_id',
  'courses.school_id',
  'courses.teacher_id',
  'courses.discipline',
  'courses.level',
  'courses.weekday',
  'courses.start_time',
  'courses.duration_minutes',
  'courses.room_id',
  'courses.video_link',
  'courses.status',
  'people.first_name',
  'people.last_name',
  'schools.name as school_name',
] as const;

function courses(db: Tx) {
  return db
    .selectFrom('courses')
    .innerJoin('people', 'people.id', 'courses.teacher_id')
    .innerJoin('schools', 'schools.id', 'courses.school_id')
    .innerJoin('seasons', 'seasons.id', 'courses.season_id')
    .select(courseColumns);
}
export type SheetCourse = Awaited<ReturnType<ReturnType<typeof courses>['execute']>>[number];

export async function findCourse(db: Tx, id: string): Promise<SheetCourse | undefined> {
  return courses(db).where('courses.id', '=', id).executeTakeFirst();
}

/**
 * Courses whose season overlaps a period: a teacher's own (and, with `substitute`, those they replace a colleague
 * in on some day of the period), or a set of schools' (null: every school).
 */
export async function coursesInPeriod(
  db: Tx,
  period: { start: string; end: string },
  filter: { teacherId?: string; substitute?: boolean; schoolIds?: readonly string[] | null },
): Promise<SheetCourse[]> {
  let query = courses(db)
    .where('seasons.starts_on', '<=', period.end)
    .where('seasons.ends_on', '>=', period.start)
    .where('courses.status', '=', 'active');
  const teacherId = filter.teacherId;
  if (teacherId && filter.substitute)
    query = query.where((eb) =>
      eb.or([
        eb('courses.teacher_id', '=', teacherId),
        eb(
          'courses.id',
          'in',
          eb
            .selectFrom('course_replacements')
            .select('course_replacements.course_id')
            .where('course_replacements.substitute_id', '=', teacherId)
            .where('course_replacements.starts_on', '<=', period.end)
            .where('course_replacements.ends_on', '>=', period.start),
        ),
      ]),
    );
  else if (teacherId) query = query.where('courses.teacher_id', '=', teacherId);
  if (filter.schoolIds) {
    if (filter.schoolIds.length === 0) return [];
    query = query.where('courses.school_id', 'in', filter.schoolIds);
  }
  return query
    .orderBy('schools.name')
    .orderBy('courses.weekday')
    .orderBy('courses.start_time')
    .orderBy('courses.id')
    .execute();
}

/** The places of some courses that may put a student in class (confirmed, or cancelled after a day). */
export async function placesOf(db: Tx, courseIds: readonly string[]) {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom('course_enrolments')
    .innerJoin('people', 'people.id', 'course_enrolments.student_id')
    .select([
      'course_enrolments.id',
      'course_enrolments.course_id',
      'course_enrolments.student_id',
      'course_enrolments.family_id',
      'course_enrolments.status',
      'course_enrolments.starts_on',
      'course_enrolments.cancelled_on',
      'people.first_name',
      'people.last_name',
    ])
    .where('course_enrolments.course_id', 'in', courseIds)
    .where('course_enrolments.status', 'in', ['confirmed', 'cancelled'])
    .orderBy('people.last_name')
    .orderBy('people.first_name')
    .orderBy('course_enrolments.id')
    .execute();
}
export type Place = Awaited<ReturnType<typeof placesOf>>[number];

/** The marks of some courses' lessons between two days. */
export async function marksOf(db: Tx, courseIds: readonly string[], period: { start: string; end: string }) {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom('attendance_marks')
    .innerJoin('attendance_lessons', 'attendance_lessons.id', 'attendance_marks.lesson_id')
    .select([
      'attendance_lessons.course_id',
      'attendance_lessons.lesson_date',
      'attendance_marks.student_id',
      'attendance_marks.mark',
    ])
    .where('attendance_lessons.course_id', 'in', courseIds)
    .where('attendance_lessons.lesson_date', '>=', period.start)
    .where('attendance_lessons.lesson_date', '<=', period.end)
    .execute();
}

export async function sheetsOf(db: Tx, courseIds: readonly string[], periodKey: string) {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom('attendance_sheets')
    .select(['id', 'course_id', 'reminded_on'])
    .where('course_id', 'in', courseIds)
    .where('period_key', '=', periodKey)
    .execute();
}

/** The course's sheet for a period, written if missing (two writers at once: one row). */
export async function ensureSheet(tx: Tx, row: Insertable<DB['attendance_sheets']>) {
  await tx
    .insertInto('attendance_sheets')
    .values(row)
    .onConflict((oc) => oc.columns(['course_id', 'period_key']).doNothing())
    .execute();
  return tx
    .selectFrom('attendance_sheets')
    .select(['id', 'reminded_on', 'version'])
    .where('course_id', '=', row.course_id)
    .where('period_key', '=', row.period_key)
    .executeTakeFirstOrThrow();
}

/** Claims today's reminder of a sheet: true once a day, whoever asks at the same time. */
export async function claimReminder(tx: Tx, sheetId: string, today: string, at: string): Promise<boolean> {
  const result = await tx
    .updateTable('attendance_sheets')
    .set((eb) => ({
      reminded_on: today,
      reminders: eb('reminders', '+', 1),
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', sheetId)
    .where((eb) => eb.or([eb('reminded_on', 'is', null), eb('reminded_on', '<', today)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The lesson of a course on a day, written if missing. */
export async function ensureLesson(tx: Tx, row: Insertable<DB['attendance_lessons']>): Promise<string> {
  await tx
    .insertInto('attendance_lessons')
    .values(row)
    .onConflict((oc) => oc.columns(['course_id', 'lesson_date']).doNothing())
    .execute();
  const lesson = await tx
    .selectFrom('attendance_lessons')
    .select('id')
    .where('course_id', '=', row.course_id)
    .where('lesson_date', '=', row.lesson_date)
    .executeTakeFirstOrThrow();
  return lesson.id;
}

export async function lessonMarks(tx: Tx, lessonId: string) {
  return tx.selectFrom('attendance_marks').select(['student_id', 'mark']).where('lesson_id', '=', lessonId).execute();
}

/** Sets one student's mark at a lesson (the latest writer wins; the version counts changes). */
export async function upsertMark(tx: Tx, row: Insertable<DB['attendance_marks']>): Promise<void> {
  await tx
    .insertInto('attendance_marks')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['lesson_id', 'student_id']).doUpdateSet((eb) => ({
        mark: eb.ref('excluded.mark'),
        source: eb.ref('excluded.source'),
        marked_by: eb.ref('excluded.marked_by'),
        marked_at: eb.ref('excluded.marked_at'),
        version: eb('attendance_marks.version', '+', 1),
      })),
    )
    .execute();
}

/** A family's students' marks between two days, with their course. */
export async function familyMarks(db: Tx, familyId: string, period: { start: string; end: string }) {
  return db
    .selectFrom('attendance_marks')
    .innerJoin('attendance_lessons', 'attendance_lessons.id', 'attendance_marks.lesson_id')
    .innerJoin('course_enrolments', 'course_enrolments.id', 'attendance_marks.enrolment_id')
    .innerJoin('courses', 'courses.id', 'attendance_lessons.course_id')
    .innerJoin('people', 'people.id', 'attendance_marks.student_id')
    .select([
      'attendance_marks.student_id',
      'people.first_name',
      'people.last_name',
      'courses.discipline',
      'courses.level',
      'courses.start_time',
      'attendance_lessons.lesson_date',
      'attendance_marks.mark',
    ])
    .where('course_enrolments.family_id', '=', familyId)
    .where('attendance_lessons.lesson_date', '>=', period.start)
    .where('attendance_lessons.lesson_date', '<=', period.end)
    .orderBy('attendance_lessons.lesson_date')
    .orderBy('people.first_name')
    .orderBy('courses.start_time')
    .execute();
}
