import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

export type CourseRow = Selectable<DB['courses']>;

/** A course with the names its pages show (teacher, school, room). */
function coursesWithNames(db: Tx) {
  return db
    .selectFrom('courses')
    .innerJoin('people', 'people.id', 'courses.teacher_id')
    .innerJoin('schools', 'schools.id', 'courses.school_id')
    .leftJoin('school_rooms', 'school_rooms.id', 'courses.room_id')
    .selectAll('courses')
    .select(['people.first_name', 'people.last_name', 'schools.name as school_name', 'school_rooms.name as room_name']);
}
export type NamedCourseRow = Awaited<ReturnType<ReturnType<typeof coursesWithNames>['execute']>>[number];

export type CourseFilter = { seasonId: string; schoolId?: string; teacherId?: string; roomId?: string };

export async function listCourses(db: Tx, filter: CourseFilter): Promise<NamedCourseRow[]> {
  let query = coursesWithNames(db).where('courses.season_id', '=', filter.seasonId);
  if (filter.schoolId) query = query.where('courses.school_id', '=', filter.schoolId);
  if (filter.teacherId) query = query.where('courses.teacher_id', '=', filter.teacherId);
  if (filter.roomId) query = query.where('courses.room_id', '=', filter.roomId);
  return query.orderBy('courses.weekday').orderBy('courses.start_time').orderBy('courses.id').execute();
}

export async function findCourse(db: Tx, id: string): Promise<NamedCourseRow | undefined> {
  return coursesWithNames(db).where('courses.id', '=', id).executeTakeFirst();
}

/** The season's courses on a weekday that share the teacher or the room: the only ones a slot can clash with. */
export async function neighbouringCourses(
  db: Tx,
  slot: { seasonId: string; weekday: number; teacherId: string; roomId: string | null },
): Promise<CourseRow[]> {
  return db
    .selectFrom('courses')
    .selectAll()
    .where('season_id', '=', slot.seasonId)
    .where('weekday', '=', slot.weekday)
    .where('status', '=', 'active')
    .where((eb) =>
      slot.roomId
        ? eb.or([eb('teacher_id', '=', slot.teacherId), eb('room_id', '=', slot.roomId)])
        : eb('teacher_id', '=', slot.teacherId),
    )
    .execute();
}

/** Every active course of a season, only what the conflict check reads. */
export async function seasonSlots(db: Tx, seasonId: string) {
  return db
    .selectFrom('courses')
    .select(['id', 'teacher_id', 'school_id', 'room_id', 'weekday', 'start_time', 'duration_minutes', 'capacity'])
    .where('season_id', '=', seasonId)
    .where('status', '=', 'active')
    .execute();
}

export async function roomsByIds(db: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('school_rooms').select(['id', 'school_id', 'capacity']).where('id', 'in', ids).execute();
}

export async function allRooms(db: Tx) {
  return db.selectFrom('school_rooms').select(['id', 'school_id', 'capacity']).execute();
}

export async function openingHoursOf(db: Tx, schoolIds: readonly string[]) {
  if (schoolIds.length === 0) return [];
  return db.selectFrom('schools').select(['id', 'opening_hours']).where('id', 'in', schoolIds).execute();
}

export async function activeTeacher(db: Tx, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('teachers')
    .select('person_id')
    .where('person_id', '=', personId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return !!row;
}

export async function insertCourse(tx: Tx, row: Insertable<DB['courses']>): Promise<void> {
  await tx.insertInto('courses').values(row).execute();
}

export async function updateCourse(
  tx: Tx,
  id: string,
  version: number,
  values: Omit<Insertable<DB['courses']>, 'id' | 'created_at' | 'version' | 'status'>,
): Promise<boolean> {
  const result = await tx
    .updateTable('courses')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function roomHasCourses(db: Tx, roomIds: readonly string[]): Promise<string | null> {
  if (roomIds.length === 0) return null;
  const row = await db.selectFrom('courses').select('room_id').where('room_id', 'in', roomIds).executeTakeFirst();
  return row?.room_id ?? null;
}

/** Suspends or resumes a whole course (status and reason), when it is still at the version the caller read. */
export async function setCourseStatus(
  tx: Tx,
  id: string,
  version: number,
  values: { status: string; suspension_reason: string | null; updated_at: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('courses')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertDistancePeriod(tx: Tx, row: Insertable<DB['course_distance_periods']>): Promise<void> {
  await tx.insertInto('course_distance_periods').values(row).execute();
}

/** One distance period of a course (undefined when it is not this course's). */
export async function findDistancePeriod(db: Tx, courseId: string, periodId: string) {
  return db
    .selectFrom('course_distance_periods')
    .select(['id', 'starts_on', 'ends_on', 'video_link', 'reason'])
    .where('course_id', '=', courseId)
    .where('id', '=', periodId)
    .executeTakeFirst();
}

export async function deleteDistancePeriod(tx: Tx, periodId: string): Promise<void> {
  await tx.deleteFrom('course_distance_periods').where('id', '=', periodId).execute();
}

/** A course's distance periods, oldest first (a later one wins where two overlap). */
export async function distancePeriodsOf(db: Tx, courseId: string) {
  return db
    .selectFrom('course_distance_periods')
    .select(['id', 'starts_on', 'ends_on', 'video_link', 'reason'])
    .where('course_id', '=', courseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The distance periods of a season's courses, oldest first (a later one wins where two overlap). */
export async function distancePeriodsOfSeason(db: Tx, seasonId: string) {
  return db
    .selectFrom('course_distance_periods')
    .innerJoin('courses', 'courses.id', 'course_distance_periods.course_id')
    .select([
      'course_distance_periods.course_id',
      'course_distance_periods.starts_on',
      'course_distance_periods.ends_on',
      'course_distance_periods.video_link',
    ])
    .where('courses.season_id', '=', seasonId)
    .orderBy('course_distance_periods.created_at')
    .orderBy('course_distance_periods.id')
    .execute();
}

/** The course teacher's e-mail, first name and account language (null without an account). */
export async function teacherContactOf(db: Tx, teacherId: string) {
  return db
    .selectFrom('people')
    .leftJoin('users', 'users.id', 'people.user_id')
    .select(['people.email', 'people.first_name', 'users.locale'])
    .where('people.id', '=', teacherId)
    .executeTakeFirst();
}
