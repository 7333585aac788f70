import type { Tx } from '../../db/database.js';
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

/**
 * The files billable without a lesson (`isBillableWithoutLesson`), the pipeline's marker read the other way round:
 * from the subscriptions being charged (active, billable from today or before), each tested with the very SQL of
 * the pipeline (`noLessonWhileBillableSql`), so the dashboard and the pipeline list the same files.
 */
export async function filesChargedWithoutLesson(db: Tx, today: string) {
  return db
    .selectFrom('subscriptions')
    .innerJoin('lesson_files', 'lesson_files.id', 'subscriptions.file_id')
    .innerJoin('people', 'people.id', 'lesson_files.student_id')
    .select([
      'lesson_files.id',
      'lesson_files.stage',
      'people.first_name',
      'people.last_name',
      'lesson_files.instrument',
    ])
    .where('subscriptions.status', '=', 'active')
    .where('subscriptions.billable_from', '<=', today)
    .where(noLessonWhileBillableSql(today), '=', 1)
    .distinct()
    .orderBy('lesson_files.id')
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
