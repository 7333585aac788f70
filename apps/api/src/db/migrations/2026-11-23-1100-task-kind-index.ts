import type { Kysely } from 'kysely';

/**
 * Open tasks of one kind (the sweep's "no lesson while billable" flags on the dashboard): a range of this index
 * rather than a walk through every open followup task, of which a large agency has tens of thousands (check-ins).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tasks_kind_status_idx').on('tasks').columns(['kind', 'status']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_kind_status_idx').execute();
}
