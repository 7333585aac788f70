import type { Updateable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { TasksTable } from '../../db/tables.js';

/** The SQL of the task lists: open tasks of some services with whom each is about. */

/**
 * Open tasks of these services, due by `dueBy` when given (today's list), the oldest due first, with the student
 * of their file, their teacher and their family named (tasks_service_status_due_idx).
 */
export async function openTasksOf(
  db: Tx,
  q: { services: readonly string[]; dueBy: string | null; limit: number; schoolsOfUser?: string | null },
) {
  if (!q.services.length) return [];
  let query = db
    .selectFrom('tasks')
    .leftJoin('lesson_files', 'lesson_files.id', 'tasks.file_id')
    .leftJoin('people as student', 'student.id', 'lesson_files.student_id')
    .leftJoin('people as teacher', 'teacher.id', 'tasks.teacher_id')
    .leftJoin('families', 'families.id', 'tasks.family_id')
    .select([
      'tasks.id',
      'tasks.kind',
      'tasks.service',
      'tasks.title',
      'tasks.details',
      'tasks.due_on',
      'tasks.file_id',
      'tasks.family_id',
      'tasks.teacher_id',
      'tasks.school_id',
      'tasks.version',
      'lesson_files.student_id',
      'student.first_name as student_first_name',
      'student.last_name as student_last_name',
      'teacher.first_name as teacher_first_name',
      'teacher.last_name as teacher_last_name',
      'families.name as family_name',
    ])
    .where('tasks.service', 'in', q.services)
    .where('tasks.status', '=', 'open');
  if (q.dueBy) query = query.where('tasks.due_on', '<=', q.dueBy);
  const userId = q.schoolsOfUser;
  if (userId)
    query = query.where((eb) =>
      eb.or([
        eb('tasks.school_id', 'is', null),
        eb.not(eb.exists(eb.selectFrom('school_staff').select('user_id').where('user_id', '=', userId))),
        eb.exists(
          eb
            .selectFrom('school_staff')
            .select('user_id')
            .where('user_id', '=', userId)
            .whereRef('school_staff.school_id', '=', 'tasks.school_id'),
        ),
      ]),
    );
  return query.orderBy('tasks.due_on').orderBy('tasks.id').limit(q.limit).execute();
}

export async function findTask(tx: Tx, id: string) {
  return tx.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Writes a task's change when it is still at `version`; returns the rows changed (0 or 1). */
export async function updateTaskAt(tx: Tx, id: string, version: number, set: Updateable<TasksTable>) {
  const result = await tx
    .updateTable('tasks')
    .set(set)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The task holding this dedupe key (the one just created with it). */
export async function taskIdByDedupeKey(tx: Tx, key: string): Promise<string> {
  return (await tx.selectFrom('tasks').select('id').where('dedupe_key', '=', key).executeTakeFirstOrThrow()).id;
}

/**
 * Whether a school's task is out of a staff member's reach: they work for some schools (school_staff) and not
 * this one. Staff assigned to none work for the whole network.
 */
export async function schoolOutOfReach(tx: Tx, userId: string, schoolId: string): Promise<boolean> {
  const rows = await tx.selectFrom('school_staff').select('school_id').where('user_id', '=', userId).execute();
  return rows.length > 0 && !rows.some((r) => r.school_id === schoolId);
}
