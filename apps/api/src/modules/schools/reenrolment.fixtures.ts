import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { newId } from '../../platform/ids.js';
import { placeRow as makePlaceRow } from '../../testing/factories.js';

/**
 * Rows other parts of enrolment normally create (schools, seasons, courses, a confirmed place), written directly
 * for re-enrolment's tests, benchmark and browser fixture.
 */
const NOW = '2027-01-01T00:00:00.000Z';

export async function insertSchool(db: Kysely<DB>, name: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('schools')
    .values({
      id,
      name,
      address: JSON.stringify({ line1: '1 place de la Mairie', postalCode: '75011', city: 'Paris' }),
      postal_code: '75011',
      departement: '75',
      holiday_zone: 'C',
      phone: null,
      email: null,
      opening_hours: '[]',
      created_at: NOW,
      updated_at: NOW,
      version: 1,
    })
    .execute();
  return id;
}

export async function insertSeason(db: Kysely<DB>, name: string, startsOn: string, endsOn: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('seasons')
    .values({ id, name, starts_on: startsOn, ends_on: endsOn, created_at: NOW, updated_at: NOW, version: 1 })
    .execute();
  return id;
}

export type FixtureCourse = {
  seasonId: string;
  schoolId: string;
  teacherId: string;
  discipline?: string;
  kind?: string;
  level?: string;
  weekday?: number;
  start?: string;
  capacity?: number;
};

export function courseRow(c: FixtureCourse) {
  return {
    id: newId(),
    season_id: c.seasonId,
    school_id: c.schoolId,
    discipline: c.discipline ?? 'piano',
    kind: c.kind ?? 'individual',
    level: c.level ?? 'Cycle 1',
    age_min: null,
    age_max: null,
    teacher_id: c.teacherId,
    room_id: null,
    video_link: 'https://visio.example.org/cours',
    weekday: c.weekday ?? 1,
    start_time: c.start ?? '10:00',
    duration_minutes: 30,
    capacity: c.capacity ?? 10,
    status: 'active',
    suspension_reason: null,
    created_at: NOW,
    updated_at: NOW,
    version: 1,
  };
}

export async function insertCourse(db: Kysely<DB>, c: FixtureCourse): Promise<string> {
  const row = courseRow(c);
  await db.insertInto('courses').values(row).execute();
  return row.id;
}

/** A student's place in a course (last season's, made by the secretariat), as the benchmark writes it in bulk. */
export function placeRow(courseId: string, studentId: string, familyId: string, status = 'confirmed') {
  return makePlaceRow({
    course_id: courseId,
    student_id: studentId,
    family_id: familyId,
    status,
    origin: 'secretariat',
    created_at: NOW,
  });
}

/** A student's confirmed place in a course (last season's enrolment). */
export async function insertPlace(db: Kysely<DB>, courseId: string, studentId: string, familyId: string) {
  await db
    .insertInto('course_enrolments')
    .values(placeRow(courseId, studentId, familyId))
    .execute();
}
