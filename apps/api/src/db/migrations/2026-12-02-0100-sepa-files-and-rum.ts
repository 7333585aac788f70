import { sql, type Kysely } from 'kysely';

/**
 * SEPA files are immutable: the bytes written at export are kept (in parts of about a megabyte, so neither engine
 * holds one huge value and the download streams them back) beside the SHA-256 already recorded on the batch.
 * RUMs are unique per creditor identifier ignoring case ("rum-1" and "RUM-1" are one reference to a bank).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('collection_batch_file_parts')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('collection_batches.id'))
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('collection_batch_file_parts_pk', ['batch_id', 'part'])
    .execute();
  await sql`CREATE UNIQUE INDEX sepa_mandates_rum_ci_uq ON sepa_mandates (creditor_identifier, lower(rum))`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX sepa_mandates_rum_ci_uq`.execute(db);
  await db.schema.dropTable('collection_batch_file_parts').execute();
}
