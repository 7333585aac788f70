import type { Kysely } from 'kysely';

/** Tasks and alerts for a service (followup, accounts…): created by people or by sweeps, at most once per key. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text')
    .addColumn('family_id', 'text')
    .addColumn('teacher_id', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('assignee_user_id', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('tasks_service_status_due_idx')
    .on('tasks')
    .columns(['service', 'status', 'due_on'])
    .execute();
  await db.schema.createIndex('tasks_file_idx').on('tasks').column('file_id').execute();
  await db.schema.createIndex('tasks_teacher_idx').on('tasks').column('teacher_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tasks').execute();
}
