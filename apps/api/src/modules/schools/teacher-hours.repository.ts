import { type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

/** SQL of teachers' hours: contracts read and written; courses, lessons, marks and calls read for the report. */

/** Whose hours: a set of schools (their contracts, courses and lessons), or one teacher (wherever they work). */
export type HoursScope = { schoolIds: readonly string[] } | { teacherId: string };

const contractColumns = [
  'teacher_contracts.id',
  'teacher_contracts.teacher_id',
  'teacher_contracts.school_id',
  'teacher_contracts.weekly_minutes',
  'teacher_contracts.valid_from',
  'teacher_contracts.valid_to',
  'teacher_contracts.version',
  'people.first_name',
  'people.last_name',
  'schools.name as school_name',
] as const;

function contracts(db: Tx) {
  return db
    .selectFrom('teacher_contracts')
    .innerJoin('people', 'people.id', 'teacher_contracts.teacher_id')
    .innerJoin('schools', 'schools.id', 'teacher_contracts.school_id')
    .select(contractColumns);
}
export type ContractRow = Awaited<ReturnType<ReturnType<typeof contracts>['execute']>>[number];

export async function findContract(db: Tx, id: string): Promise<ContractRow | undefined> {
  return contracts(db).where('teacher_contracts.id', '=', id).executeTakeFirst();
}

/** The contracts of a scope, every one or those sharing a day with a period; by school, teacher and start. */
export async function contractsOf(
  db: Tx,
  scope: HoursScope,
  period: { start: string; end: string } | null,
): Promise<ContractRow[]> {
  let query = contracts(db);
  if ('teacherId' in scope) query = query.where('teacher_contracts.teacher_id', '=', scope.teacherId);
  else if (scope.schoolIds.length === 0) return [];
  else query = query.where('teacher_contracts.school_id', 'in', scope.schoolIds);
  if (period)
    query = query
      .where('teacher_contracts.valid_from', '<=', period.end)
      .where((eb) =>
        eb.or([eb('teacher_contracts.valid_to', 'is', null), eb('teacher_contracts.valid_to', '>=', period.start)]),
      );
  return query
    .orderBy('schools.name')
    .orderBy('people.last_name')
    .orderBy('people.first_name')
    .orderBy('teacher_contracts.valid_from')
    .execute();
}

/** The other contracts of a teacher at a school (the overlap check reads them under the teacher's row lock). */
export async function contractsOfTeacherAt(db: Tx, teacherId: string, schoolId: string, exceptId: string | null) {
  let query = db
    .selectFrom('teacher_contracts')
    .select(['id', 'weekly_minutes', 'valid_from', 'valid_to'])
    .where('teacher_id', '=', teacherId)
    .where('school_id', '=', schoolId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return query.execute();
}

/** Locks a teacher's teacher row (a no-op update): two contract writes for one teacher queue up, on both engines. */
export async function lockTeacher(tx: Tx, teacherId: string): Promise<void> {
  await tx
    .updateTable('teachers')
    .set((eb) => ({ person_id: eb.ref('person_id') }))
    .where('person_id', '=', teacherId)
    .execute();
}

export async function isTeacher(db: Tx, personId: string): Promise<boolean> {
  return !!(await db.selectFrom('teachers').select('person_id').where('person_id', '=', personId).executeTakeFirst());
}

export async function insertContract(tx: Tx, row: Insertable<DB['teacher_contracts']>): Promise<void> {
  await tx.insertInto('teacher_contracts').values(row).execute();
}

/** Changes a contract at its version: false when someone changed it first. */
export async function updateContractAtVersion(
  tx: Tx,
  id: string,
  version: number,
  changes: Updateable<DB['teacher_contracts']>,
): Promise<boolean> {
  const result = await tx
    .updateTable('teacher_contracts')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The courses of a scope whose season shares a day with the month, whatever their status. */
export async function coursesOfMonth(db: Tx, scope: HoursScope, month: { start: string; end: string }) {
  let query = db
    .selectFrom('courses')
    .innerJoin('seasons', 'seasons.id', 'courses.season_id')
    .select([
      'courses.id',
      'courses.season_id',
      'courses.school_id',
      'courses.teacher_id',
      'courses.weekday',
      'courses.duration_minutes',
      'courses.status',
    ])
    .where('seasons.starts_on', '<=', month.end)
    .where('seasons.ends_on', '>=', month.start);
  if ('teacherId' in scope) query = query.where('courses.teacher_id', '=', scope.teacherId);
  else if (scope.schoolIds.length === 0) return [];
  else query = query.where('courses.school_id', 'in', scope.schoolIds);
  return query.execute();
}

/**
 * The lessons on sheets in a month, each with its course's teacher and school and its marks counted by kind (a
 * lesson without marks counts none); a teacher's are those they held or whose course is theirs.
 */
export async function lessonsOfMonth(db: Tx, scope: HoursScope, month: { start: string; end: string }) {
  let query = db
    .selectFrom('attendance_lessons')
    .innerJoin('courses', 'courses.id', 'attendance_lessons.course_id')
    .leftJoin('attendance_marks', 'attendance_marks.lesson_id', 'attendance_lessons.id')
    .select((eb) => [
      'attendance_lessons.course_id',
      'attendance_lessons.lesson_date',
      'attendance_lessons.teacher_id',
      'attendance_lessons.duration_minutes',
      'courses.teacher_id as course_teacher_id',
      'courses.school_id',
      eb.fn
        .sum<number>(
          eb.case().when('attendance_marks.mark', 'in', ['present', 'absent', 'excused', 'late']).then(1).else(0).end(),
        )
        .as('taught'),
      eb.fn
        .sum<number>(eb.case().when('attendance_marks.mark', '=', 'cancelled_by_school').then(1).else(0).end())
        .as('by_school'),
      eb.fn
        .sum<number>(eb.case().when('attendance_marks.mark', '=', 'cancelled_by_teacher').then(1).else(0).end())
        .as('by_teacher'),
    ])
    .where('attendance_lessons.lesson_date', '>=', month.start)
    .where('attendance_lessons.lesson_date', '<=', month.end)
    .groupBy([
      'attendance_lessons.id',
      'attendance_lessons.course_id',
      'attendance_lessons.lesson_date',
      'attendance_lessons.teacher_id',
      'attendance_lessons.duration_minutes',
      'courses.teacher_id',
      'courses.school_id',
    ]);
  if ('teacherId' in scope) {
    const teacherId = scope.teacherId;
    query = query.where((eb) =>
      eb.or([eb('attendance_lessons.teacher_id', '=', teacherId), eb('courses.teacher_id', '=', teacherId)]),
    );
  } else if (scope.schoolIds.length === 0) return [];
  else query = query.where('courses.school_id', 'in', scope.schoolIds);
  return query.execute();
}

/** People's names by id. */
export async function namesOf(db: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('people').select(['id', 'first_name', 'last_name']).where('id', 'in', ids).execute();
}

export async function schoolNames(db: Tx) {
  return db.selectFrom('schools').select(['id', 'name']).execute();
}

/** The seasons sharing a day with a month. */
export async function seasonsOfMonth(db: Tx, month: { start: string; end: string }) {
  return db
    .selectFrom('seasons')
    .select('id')
    .where('starts_on', '<=', month.end)
    .where('ends_on', '>=', month.start)
    .execute();
}

/** The latest call logged with each of some people (the contact log's check-in calls with staff). */
export async function lastCalls(db: Tx, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('contact_log')
    .select((eb) => ['person_id', eb.fn.max('at').as('at')])
    .where('person_id', 'in', personIds)
    .where('channel', '=', 'call')
    .groupBy('person_id')
    .execute();
}
