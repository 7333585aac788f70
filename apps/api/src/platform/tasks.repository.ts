import { sql, type Insertable, type Kysely } from 'kysely';
import type { Tx } from '../db/database.js';
import type { DB } from '../db/tables.js';

export type TaskRow = Insertable<DB['tasks']>;

/** Inserts tasks, ignoring those whose dedupe key is taken; returns how many were inserted. */
export async function insertTasksOnce(tx: Tx, rows: TaskRow | TaskRow[]): Promise<number> {
  const result = await tx
    .insertInto('tasks')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Marks the open tasks of a kind done, on one file and/or teacher when given. */
export async function closeOpenTasks(
  tx: Tx,
  where: { kind: string; fileId?: string; teacherId?: string; familyId?: string },
  doneAt: string,
  outcome: string,
): Promise<void> {
  let query = tx
    .updateTable('tasks')
    .set({ status: 'done', done_at: doneAt, outcome, version: sql`version + 1` })
    .where('kind', '=', where.kind)
    .where('status', '=', 'open');
  if (where.fileId) query = query.where('file_id', '=', where.fileId);
  if (where.teacherId) query = query.where('teacher_id', '=', where.teacherId);
  if (where.familyId) query = query.where('family_id', '=', where.familyId);
  await query.execute();
}

/** Which of these dedupe keys some task already holds (one indexed `in (…)`). */
export async function takenDedupeKeys(db: Kysely<DB>, keys: string[]): Promise<Set<string | null>> {
  const rows = await db.selectFrom('tasks').select('dedupe_key').where('dedupe_key', 'in', keys).execute();
  return new Set(rows.map((r) => r.dedupe_key));
}
