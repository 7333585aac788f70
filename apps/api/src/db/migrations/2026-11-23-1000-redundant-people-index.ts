import type { Kysely } from 'kysely';

/**
 * people_family_idx (family_id) is a prefix of people_family_members_idx (family_id, kind, first_name, last_name,
 * migration 0400): every lookup by family can use the wider one, and each person written paid for both.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_family_idx').ifExists().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('people_family_idx').on('people').column('family_id').execute();
}
