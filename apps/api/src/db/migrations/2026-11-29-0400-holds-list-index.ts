import type { Kysely } from 'kysely';

/**
 * The held-debits page lists the open holds newest first, a keyset page at a time: a range of this index
 * (released_at is null, then since and id descending) rather than a sort of every hold on each page.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('debit_holds_open_since_idx')
    .on('debit_holds')
    .columns(['released_at', 'since', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('debit_holds_open_since_idx').execute();
}
