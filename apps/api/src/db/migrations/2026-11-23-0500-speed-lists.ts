import type { Kysely } from 'kysely';

/**
 * The three list indexes of 0400 again, where missing. 0400 gained them after it had already run on some databases
 * (the medium and full bench data sets among them), and the migrator never re-runs a migration: there the files
 * list sorted every file and evaluated its per-row subqueries for all of them to return 50, and the teachers
 * directory sorted every person. `if not exists` makes this a no-op wherever 0400 created them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('people_kind_last_id_idx')
    .ifNotExists()
    .on('people')
    .columns(['kind', 'last_name', 'id'])
    .execute();
  await db.schema
    .createIndex('people_family_members_idx')
    .ifNotExists()
    .on('people')
    .columns(['family_id', 'kind', 'first_name', 'last_name'])
    .execute();
  await db.schema
    .createIndex('lesson_files_changed_idx')
    .ifNotExists()
    .on('lesson_files')
    .columns(['stage_changed_at', 'id'])
    .execute();
}

// The indexes belong to 0400, whose down drops them.
export async function down(): Promise<void> {}
