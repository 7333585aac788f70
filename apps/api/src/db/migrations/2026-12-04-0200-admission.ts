import type { Kysely } from 'kysely';

/**
 * Administrative enrolment (issue 15, item 1): a registration whose family looks like a known one (same e-mail or
 * phone, as the agency's requests) is flagged with that family for the secretariat; nothing is merged on its own.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('school_registrations').addColumn('duplicate_family_id', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('school_registrations').dropColumn('duplicate_family_id').execute();
}
