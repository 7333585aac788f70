import type { Deps } from '../../platform/deps.js';
import { newId } from '../../platform/ids.js';
import { makeFamily, makeTeacher } from '../../testing/factories.js';
import { makeUser } from '../../testing/harness.js';
import { insertSchool, insertSeason } from './reenrolment.fixtures.js';

/**
 * Fixtures of the timetable choice, inserted directly (the admission part creates registrations through its own
 * form): a school with one season and courses, families with a completed administrative enrolment in rank order.
 */
export async function choiceSchool(deps: Deps, options: { capacities: number[]; opensAt: string | null }) {
  const now = deps.clock.now().toISOString();
  // The school and the season through re-enrolment's fixtures (named uniquely: files share a database's rows).
  const schoolId = await insertSchool(deps.db, `École ${newId().slice(0, 8)}`);
  const seasonId = await insertSeason(deps.db, `S-${newId().slice(0, 8)}`, '2027-09-01', '2028-07-04');
  if (options.opensAt)
    await deps.db
      .insertInto('choice_openings')
      .values({ season_id: seasonId, opens_at: options.opensAt, set_by: null, set_at: now })
      .execute();
  const teacherId = (await makeTeacher(deps)).id;
  const courseIds: string[] = [];
  for (const [index, capacity] of options.capacities.entries()) {
    const id = newId();
    courseIds.push(id);
    await deps.db
      .insertInto('courses')
      .values({
        id,
        season_id: seasonId,
        school_id: schoolId,
        discipline: 'piano',
        kind: 'group',
        level: `Cycle ${index + 1}`,
        age_min: null,
        age_max: null,
        teacher_id: teacherId,
        room_id: null,
        video_link: null,
        weekday: 3,
        start_time: `1${index}:00`,
        duration_minutes: 60,
        capacity,
        status: 'active',
        suspension_reason: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }
  return { schoolId, seasonId, courseIds };
}

/** A family with one student, a guardian account, and a completed enrolment at the school (completion time = rank). */
export async function registeredFamily(
  deps: Deps,
  school: { schoolId: string; seasonId: string },
  completedAt: string,
) {
  const email = `g-${newId().slice(0, 8)}@famille.example.org`;
  const family = await makeFamily(deps, { guardian: { email } });
  const guardianId = family.guardians[0]!.id;
  const user = await makeUser(deps, ['guardian'], { personId: guardianId });
  await deps.db
    .insertInto('school_registrations')
    .values({
      id: newId(),
      school_id: school.schoolId,
      season_id: school.seasonId,
      family_id: family.id,
      status: 'completed',
      heard_from: null,
      data_processing_consent_at: completedAt,
      documents_requested: '[]',
      completed_at: completedAt,
      created_at: completedAt,
      updated_at: completedAt,
      version: 1,
    })
    .execute();
  return { familyId: family.id, studentId: family.students[0]!.id, email, userEmail: user.email };
}
