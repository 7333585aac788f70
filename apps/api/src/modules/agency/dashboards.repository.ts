import type { ExpressionBuilder } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { addDays } from '../../platform/clock.js';
import { noLessonWhileBillableSql } from './files.repository.js';

/** The SQL of the dashboards. */

/** Per stage among these: how many files and the oldest stage change (lesson_files_stage_idx). */
export async function stageCounts(db: Tx, stages: readonly string[]) {
  return db
    .selectFrom('lesson_files')
    .select(['stage', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('stage_changed_at').as('oldest')])
    .where('stage', 'in', stages)
    .groupBy('stage')
    .execute();
}

/** The stage change of the file at this offset of a stage, newest first (a median reads its middle entries). */
export async function stageChangeAt(db: Tx, stage: string, offset: number) {
  return db
    .selectFrom('lesson_files')
    .select('stage_changed_at')
    .where('stage', '=', stage)
    .orderBy('stage_changed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .offset(offset)
    .executeTakeFirst();
}

/** A service's open tasks due by today. */
export async function dueTasks(db: Tx, service: string, today: string) {
  return db
    .selectFrom('tasks')
    .select(['id', 'kind', 'title', 'due_on', 'file_id'])
    .where('service', '=', service)
    .where('status', '=', 'open')
    .where('due_on', '<=', today)
    .orderBy('due_on')
    .limit(50)
    .execute();
}

/**
 * The files flagged "charged with no lesson": the followup sweep opens a task for each (and closes it when a lesson
 * is recorded or the assignment ends): reading the flags is an index range, re-deriving them tested every subscription.
 */
export async function filesChargedWithoutLesson(db: Tx, today: string) {
  return db
    .selectFrom('tasks')
    .innerJoin('lesson_files', 'lesson_files.id', 'tasks.file_id')
    .innerJoin('people', 'people.id', 'lesson_files.student_id')
    .select([
      'lesson_files.id',
      'lesson_files.stage',
      'people.first_name',
      'people.last_name',
      'lesson_files.instrument',
    ])
    .where('tasks.kind', '=', 'no-lesson-while-billable')
    .where('tasks.status', '=', 'open')
    .where(noLessonWhileBillableSql(today), '=', 1)
    .distinct()
    .limit(100)
    .execute();
}

/** Request → hand-over: each hand-over since the date, with its file's creation. */
export async function handoversSince(db: Tx, since: string) {
  return db
    .selectFrom('file_stage_events')
    .innerJoin('lesson_files', 'lesson_files.id', 'file_stage_events.file_id')
    .select(['file_stage_events.at', 'lesson_files.created_at'])
    .where('file_stage_events.to_stage', '=', 'contact_handed_over')
    .where('file_stage_events.at', '>=', since)
    .execute();
}

/** Hand-over → first lesson: the assignments handed over since the date that have a first lesson. */
export async function firstLessonsSince(db: Tx, since: string) {
  return db
    .selectFrom('assignments')
    .select(['handed_over_at', 'first_lesson_on'])
    .where('handed_over_at', 'is not', null)
    .where('first_lesson_on', 'is not', null)
    .where('handed_over_at', '>=', since)
    .execute();
}

/**
 * Fifty active teachers with at most `threshold` lessons in the last 30 days, walked in name order (an index) so
 * that the count runs for about fifty teachers rather than for every teacher of the network.
 */
export async function teachersWithFewLessons(db: Tx, today: string, threshold: number) {
  const lessons30 = (eb: ExpressionBuilder<DB, 'teachers' | 'people'>) =>
    eb
      .selectFrom('lessons')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('lessons.teacher_id', '=', 'teachers.person_id')
      .where('lessons.lesson_date', '>=', addDays(today, -30));
  return db
    .selectFrom('people')
    .innerJoin('teachers', 'teachers.person_id', 'people.id')
    .select(['teachers.person_id', 'people.first_name', 'people.last_name'])
    .select((eb) => lessons30(eb).as('lessons30'))
    .where('people.kind', '=', 'teacher')
    .where('teachers.status', '=', 'active')
    .where((eb) => eb(lessons30(eb), '<=', threshold))
    .orderBy('people.last_name')
    .orderBy('people.id')
    .limit(50)
    .execute();
}
