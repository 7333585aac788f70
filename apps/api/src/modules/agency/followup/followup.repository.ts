import { GIVEN_LESSON_STATUSES } from '@contracts';
import type { Tx } from '../../../db/database.js';

/** The SQL of the follow-up sweep: what is due, and the action keys already claimed. */

/** Claims an action key once; a second sweep (even a concurrent one on another instance) gets false. */
export async function claimOnce(tx: Tx, key: string, fileId: string | null, at: string): Promise<boolean> {
  const result = await tx
    .insertInto('sweep_actions')
    .values({ key, file_id: fileId, done_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Action keys among these already claimed (one indexed read). */
export async function claimedKeys(db: Tx, keys: string[]): Promise<string[]> {
  return (await db.selectFrom('sweep_actions').select('key').where('key', 'in', keys).execute()).map((r) => r.key);
}

/** Current assignments handed over and waiting for a first-lesson date. */
export async function assignmentsAwaitingFirstLesson(db: Tx) {
  return db
    .selectFrom('assignments')
    .innerJoin('lesson_files', 'lesson_files.id', 'assignments.file_id')
    .select(['assignments.id', 'assignments.file_id', 'assignments.teacher_id', 'assignments.handed_over_at'])
    .where('assignments.ended_on', 'is', null)
    .where('assignments.first_lesson_on', 'is', null)
    .where('assignments.handed_over_at', 'is not', null)
    .where('lesson_files.stage', '=', 'contact_handed_over')
    .execute();
}

/** Subscriptions being charged on files past the hand-over: whether a lesson took place, whether a date is known. */
export async function billableSubscriptions(db: Tx, today: string) {
  return db
    .selectFrom('subscriptions')
    .innerJoin('lesson_files', 'lesson_files.id', 'subscriptions.file_id')
    .select([
      'subscriptions.id',
      'subscriptions.file_id',
      'subscriptions.family_id',
      'subscriptions.billable_from',
      'subscriptions.first_debit_by',
      'lesson_files.stage',
    ])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('lessons')
            .select('lessons.id')
            .whereRef('lessons.file_id', '=', 'subscriptions.file_id')
            .where('lessons.status', 'in', [...GIVEN_LESSON_STATUSES]),
        )
        .as('has_lesson'),
      eb
        .exists(
          eb
            .selectFrom('assignments')
            .select('assignments.id')
            .whereRef('assignments.file_id', '=', 'subscriptions.file_id')
            .where('assignments.ended_on', 'is', null)
            .where('assignments.first_lesson_on', 'is not', null),
        )
        .as('has_date'),
    ])
    .where('subscriptions.status', '=', 'active')
    .where('subscriptions.billable_from', '<=', today)
    .where('subscriptions.first_debit_by', 'is not', null)
    .where('lesson_files.stage', 'in', ['contact_handed_over', 'first_lesson_scheduled', 'ongoing'])
    .execute();
}

/** Current assignments of ongoing files with a first lesson. */
export async function ongoingAssignments(db: Tx) {
  return db
    .selectFrom('assignments')
    .innerJoin('lesson_files', 'lesson_files.id', 'assignments.file_id')
    .select([
      'assignments.id',
      'assignments.file_id',
      'assignments.family_id',
      'assignments.teacher_id',
      'assignments.first_lesson_on',
    ])
    .where('assignments.ended_on', 'is', null)
    .where('assignments.first_lesson_on', 'is not', null)
    .where('lesson_files.stage', '=', 'ongoing')
    .execute();
}
