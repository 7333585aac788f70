import type { Kysely } from 'kysely';

/**
 * A task may belong to one school (a secretariat's follow-up, e.g. a family's change asked at re-enrolment): the
 * staff assigned to other schools do not see it; staff of the school, those assigned to none and the network's
 * roles do. Null for every other task.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('tasks')
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('school_id').execute();
}
