import { sql, type Kysely } from 'kysely';
import type { Tx } from '../db/database.js';
import type { DB } from '../db/tables.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';

export type NewTask = {
  kind: string;
  service: 'sales' | 'recruitment' | 'followup' | 'accounts' | 'secretariat';
  title: string;
  details?: string | null;
  dueOn: string;
  fileId?: string | null;
  familyId?: string | null;
  teacherId?: string | null;
  /** Same key, same task: give one per rule and occurrence (e.g. `first-lesson-alert:<fileId>`). */
  dedupeKey?: string | null;
};

function taskRow(task: NewTask, now: string) {
  return {
    id: newId(),
    kind: task.kind,
    service: task.service,
    title: task.title,
    details: task.details ?? null,
    due_on: task.dueOn,
    status: 'open',
    file_id: task.fileId ?? null,
    family_id: task.familyId ?? null,
    teacher_id: task.teacherId ?? null,
    dedupe_key: task.dedupeKey ?? null,
    assignee_user_id: null,
    done_at: null,
    done_by: null,
    outcome: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

/**
 * Creates a task for a service unless one with the same dedupe key exists; returns true when created.
 * Insert-or-ignore on a unique key is what keeps concurrent sweeps on several instances from doubling tasks.
 */
export async function createTask(tx: Tx, clock: Clock, task: NewTask): Promise<boolean> {
  const now = clock.now().toISOString();
  const result = await tx
    .insertInto('tasks')
    .values(taskRow(task, now))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Marks open tasks of a kind on a subject done (e.g. the alert is moot once the first lesson is known). */
export async function closeTasks(
  tx: Tx,
  clock: Clock,
  where: { kind: string; fileId?: string; teacherId?: string },
  outcome: string,
): Promise<void> {
  let query = tx
    .updateTable('tasks')
    .set({ status: 'done', done_at: clock.now().toISOString(), outcome, version: sql`version + 1` })
    .where('kind', '=', where.kind)
    .where('status', '=', 'open');
  if (where.fileId) query = query.where('file_id', '=', where.fileId);
  if (where.teacherId) query = query.where('teacher_id', '=', where.teacherId);
  await query.execute();
}

// 18 columns a row: 500 rows stay well under both engines' bound-parameter limits.
const TASK_CHUNK = 500;

/**
 * createTask for many tasks inside the caller's transaction (bulk sweeps): multi-row insert-or-ignore on the dedupe
 * key, so the tasks commit with the change they follow from and a concurrent run creates each once. Returns how
 * many were created.
 */
export async function createTasks(tx: Tx, clock: Clock, tasks: NewTask[]): Promise<number> {
  const now = clock.now().toISOString();
  let created = 0;
  for (let i = 0; i < tasks.length; i += TASK_CHUNK) {
    const result = await tx
      .insertInto('tasks')
      .values(tasks.slice(i, i + TASK_CHUNK).map((task) => taskRow(task, now)))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    created += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return created;
}

/**
 * Creates the tasks whose dedupe key is not taken yet, set-based: the keys already present are read with one
 * indexed `dedupe_key in (…)` per chunk (a re-run reads and writes nothing else), the rest go in as multi-row
 * insert-or-ignore inside one transaction per chunk, so concurrent sweeps still create each task once.
 * Returns how many were created. Every task needs a dedupe key.
 */
export async function createTasksOnce(
  db: Kysely<DB>,
  clock: Clock,
  tasks: (NewTask & { dedupeKey: string })[],
): Promise<number> {
  let created = 0;
  for (let i = 0; i < tasks.length; i += TASK_CHUNK) {
    const chunk = tasks.slice(i, i + TASK_CHUNK);
    const taken = new Set(
      (
        await db
          .selectFrom('tasks')
          .select('dedupe_key')
          .where(
            'dedupe_key',
            'in',
            chunk.map((t) => t.dedupeKey),
          )
          .execute()
      ).map((r) => r.dedupe_key),
    );
    const missing = chunk.filter(
      (t, index) => !taken.has(t.dedupeKey) && chunk.findIndex((o) => o.dedupeKey === t.dedupeKey) === index,
    );
    if (!missing.length) continue;
    const now = clock.now().toISOString();
    const result = await db.transaction().execute((tx) =>
      tx
        .insertInto('tasks')
        .values(missing.map((task) => taskRow(task, now)))
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst(),
    );
    created += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return created;
}
