import type { ExpressionBuilder, Kysely } from 'kysely';
import { GIVEN_LESSON_STATUSES } from '@contracts';
import type { DB } from '../../db/tables.js';
import { keysetAfter } from '../../platform/cursor.js';

/** The queries of the low-activity list. */

/** Contact-log subject of the follow-up calls made from the list. */
export const LOW_ACTIVITY_SUBJECT = 'teacher-low-activity';

/**
 * Active teachers with fewer than `minLessons` given lessons between `since` and `until`, by name, `limit + 1`
 * rows after the keyset position. Walking the teachers in name order (an index) and counting each one's lessons
 * on its own index range stops after a page, where ranking every teacher by count would count a whole year.
 */
export async function lowActivityTeachersPage(
  db: Kysely<DB>,
  q: { since: string; until: string; minLessons: number; after: [string, string] | undefined; limit: number },
) {
  const givenLessons = (eb: ExpressionBuilder<DB, 'teachers' | 'people'>) =>
    eb
      .selectFrom('lessons')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('lessons.teacher_id', '=', 'teachers.person_id')
      .where('lessons.lesson_date', '>=', q.since)
      .where('lessons.lesson_date', '<=', q.until)
      .where('lessons.status', 'in', [...GIVEN_LESSON_STATUSES]);
  let query = db
    .selectFrom('people')
    .innerJoin('teachers', 'teachers.person_id', 'people.id')
    .select((eb) => [
      'teachers.person_id',
      'teachers.capacity_new_students',
      'people.first_name',
      'people.last_name',
      'people.phone',
      'people.email',
      givenLessons(eb).as('lessons'),
      eb
        .selectFrom('contact_log')
        .select((e) => e.fn.max('contact_log.at').as('at'))
        .whereRef('contact_log.person_id', '=', 'teachers.person_id')
        .where('contact_log.subject_type', '=', LOW_ACTIVITY_SUBJECT)
        .as('last_call_at'),
    ])
    .where('people.kind', '=', 'teacher')
    .where('teachers.status', '=', 'active')
    .where((eb) => eb(givenLessons(eb), '<', q.minLessons));
  if (q.after) query = query.where(keysetAfter('people.last_name', 'people.id', '>', q.after));
  return query
    .orderBy('people.last_name')
    .orderBy('people.id')
    .limit(q.limit + 1)
    .execute();
}

/** The zones of these teachers, by code. */
export async function zonesOfTeachers(db: Kysely<DB>, ids: string[]) {
  return db
    .selectFrom('teacher_zones')
    .select(['teacher_id', 'kind', 'code'])
    .where('teacher_id', 'in', ids)
    .orderBy('code')
    .execute();
}
