import type { Kysely } from 'kysely';

/**
 * The agency dashboard's lead time "hand-over → first lesson" reads the assignments handed over in the last six
 * months: a range of this index rather than a scan of every assignment the agency ever made.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('assignments_handed_over_idx')
    .on('assignments')
    .columns(['handed_over_at', 'first_lesson_on'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assignments_handed_over_idx').execute();
}
