import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

/** SQL of replacements: absences and replacements written; teachers, their courses and weeks read. */

type Range = { start: string; end: string };

/** The teachers of the active courses of some schools in seasons not over by a day, with their school. */
export async function teachersOfSchools(db: Tx, schoolIds: readonly string[], today: string) {
  if (schoolIds.length === 0) return [];
  return db
    .selectFrom('courses')
    .innerJoin('people', 'people.id', 'courses.teacher_id')
    .innerJoin('seasons', 'seasons.id', 'courses.season_id')
    .select(['courses.teacher_id', 'courses.school_id', 'people.first_name', 'people.last_name'])
    .where('courses.school_id', 'in', schoolIds)
    .where('courses.status', '=', 'active')
    .where('seasons.ends_on', '>=', today)
    .distinct()
    .orderBy('people.last_name')
    .orderBy('people.first_name')
    .orderBy('courses.teacher_id')
    .execute();
}

export async function insertAbsence(tx: Tx, row: Insertable<DB['teacher_absences']>): Promise<void> {
  await tx.insertInto('teacher_absences').values(row).execute();
}

/** Whether an absence of a teacher in a school already covers a day of a range. */
export async function absenceOverlaps(tx: Tx, teacherId: string, schoolId: string, range: Range): Promise<boolean> {
  const row = await tx
    .selectFrom('teacher_absences')
    .select('id')
    .where('teacher_id', '=', teacherId)
    .where('school_id', '=', schoolId)
    .where('starts_on', '<=', range.end)
    .where('ends_on', '>=', range.start)
    .executeTakeFirst();
  return row !== undefined;
}

function absences(db: Tx) {
  return db
    .selectFrom('teacher_absences as a')
    .innerJoin('people', 'people.id', 'a.teacher_id')
    .innerJoin('schools', 'schools.id', 'a.school_id')
    .select([
      'a.id',
      'a.teacher_id',
      'a.school_id',
      'a.reason',
      'a.starts_on',
      'a.ends_on',
      'a.note',
      'people.first_name',
      'people.last_name',
      'schools.name as school_name',
    ]);
}
export type AbsenceRow = Awaited<ReturnType<ReturnType<typeof absences>['execute']>>[number];

export async function findAbsence(db: Tx, id: string): Promise<AbsenceRow | undefined> {
  return absences(db).where('a.id', '=', id).executeTakeFirst();
}

/** The absences of some schools not over by a day, soonest first. */
export async function absencesOfSchools(db: Tx, schoolIds: readonly string[], today: string): Promise<AbsenceRow[]> {
  if (schoolIds.length === 0) return [];
  return absences(db)
    .where('a.school_id', 'in', schoolIds)
    .where('a.ends_on', '>=', today)
    .orderBy('a.starts_on')
    .orderBy('a.id')
    .execute();
}

/** The replacements of some courses, with their substitute's name. */
export async function replacementsOfCourses(db: Tx, courseIds: readonly string[]) {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom('course_replacements as r')
    .innerJoin('people', 'people.id', 'r.substitute_id')
    .select([
      'r.id',
      'r.absence_id',
      'r.course_id',
      'r.substitute_id',
      'r.starts_on',
      'r.ends_on',
      'people.first_name',
      'people.last_name',
    ])
    .where('r.course_id', 'in', courseIds)
    .orderBy('r.starts_on')
    .orderBy('r.id')
    .execute();
}

/** Whether a teacher substitutes for a course on some days of a range (any day when no range is given). */
export async function substitutesFor(db: Tx, teacherId: string, courseId: string, range?: Range): Promise<boolean> {
  let query = db
    .selectFrom('course_replacements')
    .select('id')
    .where('substitute_id', '=', teacherId)
    .where('course_id', '=', courseId);
  if (range) query = query.where('starts_on', '<=', range.end).where('ends_on', '>=', range.start);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertReplacement(tx: Tx, row: Insertable<DB['course_replacements']>): Promise<void> {
  await tx.insertInto('course_replacements').values(row).execute();
}

/** The lessons of a course already written for days of a range are held by the substitute. */
export async function setLessonsHolder(tx: Tx, courseId: string, range: Range, teacherId: string, at: string) {
  await tx
    .updateTable('attendance_lessons')
    .set({ teacher_id: teacherId, updated_at: at })
    .where('course_id', '=', courseId)
    .where('lesson_date', '>=', range.start)
    .where('lesson_date', '<=', range.end)
    .execute();
}

/** Everything the proposals weigh about every teacher for a range of days, in six reads. */
export async function colleaguesOver(db: Tx, range: Range) {
  const [teachers, profile, courses, replaced, away, availability] = await Promise.all([
    db
      .selectFrom('teachers')
      .innerJoin('people', 'people.id', 'teachers.person_id')
      .select(['teachers.person_id', 'teachers.status', 'people.first_name', 'people.last_name'])
      .execute(),
    db.selectFrom('teacher_instruments').select(['teacher_id', 'instrument']).execute(),
    db
      .selectFrom('courses')
      .innerJoin('seasons', 'seasons.id', 'courses.season_id')
      .select([
        'courses.teacher_id',
        'courses.discipline',
        'courses.level',
        'courses.school_id',
        'courses.weekday',
        'courses.start_time',
        'courses.duration_minutes',
        'courses.status',
        'seasons.starts_on',
        'seasons.ends_on',
      ])
      .execute(),
    db
      .selectFrom('course_replacements as r')
      .innerJoin('courses', 'courses.id', 'r.course_id')
      .select(['r.substitute_id', 'courses.weekday', 'courses.start_time', 'courses.duration_minutes'])
      .where('r.starts_on', '<=', range.end)
      .where('r.ends_on', '>=', range.start)
      .execute(),
    db
      .selectFrom('teacher_absences')
      .select(['teacher_id', 'starts_on', 'ends_on'])
      .where('starts_on', '<=', range.end)
      .where('ends_on', '>=', range.start)
      .execute(),
    db.selectFrom('teacher_availability').select(['teacher_id', 'weekday', 'start_minute', 'end_minute']).execute(),
  ]);
  return { teachers, profile, courses, replaced, away, availability };
}

/** A substitute's replacements not over by a day, with the course and the absent teacher. */
export async function replacementsOfSubstitute(db: Tx, substituteId: string, today: string) {
  return db
    .selectFrom('course_replacements as r')
    .innerJoin('courses', 'courses.id', 'r.course_id')
    .innerJoin('schools', 'schools.id', 'courses.school_id')
    .innerJoin('people as absent', 'absent.id', 'courses.teacher_id')
    .select([
      'r.id',
      'r.course_id',
      'r.starts_on',
      'r.ends_on',
      'courses.discipline',
      'courses.level',
      'courses.weekday',
      'courses.start_time',
      'courses.duration_minutes',
      'schools.name as school_name',
      'absent.first_name',
      'absent.last_name',
    ])
    .where('r.substitute_id', '=', substituteId)
    .where('r.ends_on', '>=', today)
    .orderBy('r.starts_on')
    .orderBy('r.id')
    .execute();
}
