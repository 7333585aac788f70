import type { Deps } from '../../platform/deps.js';
import { newId } from '../../platform/ids.js';
import { makeFamily, makeTeacher } from '../../testing/factories.js';
import { makeUser } from '../../testing/harness.js';
import { insertSchool, insertSeason } from './reenrolment.fixtures.js';

/**
 * Fixtures of attendance sheets, inserted directly: a school whose season (2026-2027 by default) has one term
 * (14 September to 19 December), a Wednesday course and its teacher with an account, the school's secretariat; families placed in
 * the course.
 */
/** A school with a season of one term, a Wednesday course of its own teacher (with an account), its secretariat. */
export async function attendanceSchool(deps: Deps, year = 2026) {
  const now = deps.clock.now().toISOString();
  // The school and the season through re-enrolment's fixtures (named uniquely: files share a database's rows).
  const schoolId = await insertSchool(deps.db, `École ${newId().slice(0, 8)}`);
  const seasonId = await insertSeason(deps.db, `S-${newId().slice(0, 8)}`, `${year}-09-01`, `${year + 1}-07-04`);
  await deps.db
    .insertInto('season_terms')
    .values({
      id: newId(),
      season_id: seasonId,
      name: 'T1',
      starts_on: `${year}-09-14`,
      ends_on: `${year}-12-19`,
      position: 1,
    })
    .execute();
  const teacher = await makeTeacher(deps);
  const teacherUser = await makeUser(deps, ['teacher'], { personId: teacher.id });
  const courseId = newId();
  await deps.db
    .insertInto('courses')
    .values({
      id: courseId,
      season_id: seasonId,
      school_id: schoolId,
      discipline: 'choir',
      kind: 'group',
      level: 'Chœur enfants',
      age_min: null,
      age_max: null,
      teacher_id: teacher.id,
      room_id: null,
      video_link: null,
      weekday: 3,
      start_time: '17:00',
      duration_minutes: 60,
      capacity: 10,
      status: 'active',
      suspension_reason: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  const secretary = await makeUser(deps, ['secretariat']);
  await deps.db.insertInto('school_staff').values({ school_id: schoolId, user_id: secretary.id }).execute();
  return { schoolId, seasonId, courseId, teacherId: teacher.id, teacherEmail: teacherUser.email, secretary };
}

/** A family with one student placed in the course (a status, a first day), and its guardian's account. */
export async function placedFamily(
  deps: Deps,
  courseId: string,
  status = 'confirmed',
  startsOn: string | null = null,
  firstName = 'Léo',
) {
  const family = await makeFamily(deps, {
    guardian: { email: `g-${newId().slice(0, 8)}@famille.example.org` },
    students: [{ firstName, birthDate: '2015-04-02' }],
  });
  const user = await makeUser(deps, ['guardian'], { personId: family.guardians[0]!.id });
  const at = deps.clock.now().toISOString();
  await deps.db
    .insertInto('course_enrolments')
    .values({
      id: newId(),
      course_id: courseId,
      student_id: family.students[0]!.id,
      family_id: family.id,
      status,
      origin: 'new',
      registration_id: null,
      held_until: null,
      waiting_since: null,
      offer_expires_at: null,
      starts_on: startsOn,
      cancelled_on: null,
      cancel_reason: null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  return { familyId: family.id, studentId: family.students[0]!.id, guardianEmail: user.email };
}
