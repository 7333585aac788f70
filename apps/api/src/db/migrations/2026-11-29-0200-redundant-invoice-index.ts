import type { Kysely } from 'kysely';

/**
 * invoices_subscription_idx (subscription_id) is a prefix of invoices_subscription_period_idx (subscription_id,
 * period_start): lookups by subscription use the wider one, and the monthly issuance of tens of thousands of
 * invoices paid for both on every insert.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invoices_subscription_idx').ifExists().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('invoices_subscription_idx').on('invoices').column('subscription_id').execute();
}
