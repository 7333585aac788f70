import { sql, type Kysely } from 'kysely';
import { isSqlite } from '../migration-helpers.js';

/**
 * A batch's total in cents passed PostgreSQL's 32-bit integer (21,474,836.47 €) at about 58,000 debits: widen it.
 * SQLite's INTEGER is already 64-bit. Single amounts (an invoice, a debit) stay 32-bit.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) return;
  await sql`ALTER TABLE collection_batches ALTER COLUMN total_cents TYPE bigint`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) return;
  await sql`ALTER TABLE collection_batches ALTER COLUMN total_cents TYPE integer`.execute(db);
}
