import { SYSTEM } from '../../apps/api/src/platform/actor.js';
import { createSchoolsService } from '../../apps/api/src/modules/schools/schools.service.js';
import { createReenrolmentService } from '../../apps/api/src/modules/schools/reenrolment.service.js';
import { insertCourse, insertPlace, insertSeason } from '../../apps/api/src/modules/schools/reenrolment.fixtures.js';
import { newId } from '../../apps/api/src/platform/ids.js';
import type { E2EServer } from './server.js';

/** A season as the office lists it: with its one term (a season without terms is no season to the API). */
export async function insertSeasonWithTerm(server: E2EServer, name: string, start: string, end: string) {
  const id = await insertSeason(server.deps.db, name, start, end);
  await server.deps.db
    .insertInto('season_terms')
    .values({ id: newId(), season_id: id, name: 'Année', starts_on: start, ends_on: end, position: 1 })
    .execute();
  return id;
}

/**
 * A re-enrolment campaign under way on the demo: the demo family's student and a student of another family had a
 * confirmed place in a course of a season "2097-2098"; the course continues in "2098-2099", where the campaign holds
 * their seats. Packs: one per student.
 */
export async function openDemoCampaign(server: E2EServer) {
  const db = server.deps.db;
  const guardian = await db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select('people.family_id')
    .where('users.email', '=', 'family@demo.example.org')
    .executeTakeFirstOrThrow();
  const familyId = guardian.family_id!;
  const students = db
    .selectFrom('people')
    .select(['id', 'family_id', 'first_name', 'last_name'])
    .where('kind', '=', 'student');
  const student = await students.where('family_id', '=', familyId).orderBy('id').executeTakeFirstOrThrow();
  // Another family's student, whose family has a guardian to call (an e-mail and a phone number).
  const other = await students
    .where('family_id', '!=', familyId)
    .where(
      'family_id',
      'in',
      db
        .selectFrom('people')
        .select('family_id')
        .where('kind', '=', 'guardian')
        .where('email', 'is not', null)
        .where('phone', 'is not', null),
    )
    .orderBy('id')
    .executeTakeFirstOrThrow();
  // The demo's first course as a model, copied into two seasons of their own: the campaign sees only this file's
  // places, whatever the demo holds (its own campaign, places in many courses).
  const course = await db.selectFrom('courses').selectAll().orderBy('id').executeTakeFirstOrThrow();
  const model = {
    schoolId: course.school_id,
    teacherId: course.teacher_id,
    discipline: course.discipline,
    kind: course.kind,
    level: course.level,
  };
  const last = await insertSeasonWithTerm(server, '2097-2098', '2097-09-01', '2098-07-01');
  const next = await insertSeasonWithTerm(server, '2098-2099', '2098-09-01', '2099-07-01');
  const lastCourse = await insertCourse(db, { seasonId: last, ...model });
  await insertPlace(db, lastCourse, student.id, familyId);
  await insertPlace(db, lastCourse, other.id, other.family_id!);
  const nextCourse = await insertCourse(db, { seasonId: next, ...model });
  const service = createReenrolmentService(server.deps, createSchoolsService(server.deps));
  const campaign = await service.open(SYSTEM, { fromSeasonId: last, toSeasonId: next });
  return {
    campaignId: campaign.id,
    nextSeasonId: next,
    schoolId: course.school_id,
    nextCourseId: nextCourse,
    studentId: student.id,
    other: { id: other.id, name: `${other.first_name} ${other.last_name}`, familyId: other.family_id! },
  };
}
