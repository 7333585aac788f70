import type { Kysely } from 'kysely';

/**
 * No dead ends (issue 13, items 8-9): a task done by hand records its outcome as a choice (`outcome_kind`: done,
 * not_needed, unreachable) beside the free text of `outcome`; a request reference typed in the search box ("R-7K2Q9")
 * opens its file through an index on `lesson_files.reference`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('outcome_kind', 'text').execute();
  await db.schema.createIndex('lesson_files_reference_idx').on('lesson_files').column('reference').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('lesson_files_reference_idx').execute();
  await db.schema.alterTable('tasks').dropColumn('outcome_kind').execute();
}
