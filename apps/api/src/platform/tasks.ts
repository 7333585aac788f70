import { slices } from './batching.js';
import type { Kysely } from 'kysely';
import type { Tx } from '../db/database.js';
import type { DB } from '../db/tables.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';
import { closeOpenTasks, insertTasksOnce, takenDedupeKeys } from './tasks.repository.js';

export type NewTask = {
  kind: string;
  service: 'sales' | 'recruitment' | 'followup' | 'accounts' | 'secretariat';
  title: string;
  details?: string | null;
  dueOn: string;
  fileId?: string | null;
  familyId?: string | null;
  teacherId?: string | null;
  /** A secretariat's task of one school: staff assigned to other schools do not see it. */
  schoolId?: string | null;
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
    school_id: task.schoolId ?? null,
    dedupe_key: task.dedupeKey ?? null,
    assignee_user_id: null,
    done_at: null,
    done_by: null,
    outcome: null,
    outcome_kind: null,
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
  return (await insertTasksOnce(tx, taskRow(task, now))) > 0;
}

/** Marks open tasks of a kind on a subject done (e.g. the alert is moot once the first lesson is known). */
export async function closeTasks(
  tx: Tx,
  clock: Clock,
  where: { kind: string; fileId?: string; teacherId?: string; familyId?: string },
  outcome: string,
): Promise<void> {
  await closeOpenTasks(tx, where, clock.now().toISOString(), outcome);
}

// 20 columns a row: 500 rows stay well under both engines' bound-parameter limits.
const TASK_CHUNK = 500;

/**
 * createTask for many tasks inside the caller's transaction (bulk sweeps): multi-row insert-or-ignore on the dedupe
 * key, so the tasks commit with the change they follow from and a concurrent run creates each once. Returns how
 * many were created.
 */
export async function createTasks(tx: Tx, clock: Clock, tasks: NewTask[]): Promise<number> {
  const now = clock.now().toISOString();
  let created = 0;
  for (const chunk of slices(tasks, TASK_CHUNK)) {
    created += await insertTasksOnce(
      tx,
      chunk.map((task) => taskRow(task, now)),
    );
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
  for (const chunk of slices(tasks, TASK_CHUNK)) {
    const taken = await takenDedupeKeys(
      db,
      chunk.map((t) => t.dedupeKey),
    );
    const missing = chunk.filter(
      (t, index) => !taken.has(t.dedupeKey) && chunk.findIndex((o) => o.dedupeKey === t.dedupeKey) === index,
    );
    if (!missing.length) continue;
    const now = clock.now().toISOString();
    created += await db.transaction().execute((tx) =>
      insertTasksOnce(
        tx,
        missing.map((task) => taskRow(task, now)),
      ),
    );
  }
  return created;
}
