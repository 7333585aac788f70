import type { Kysely } from 'kysely';

/**
 * Held periods: while a subscription is held no period is invoiced; the release says what becomes of the periods
 * that began during the hold (`release_choice`: invoice them, or waive them). A waived period is kept in
 * `waived_periods` under the same period key an invoice would carry, so that it is never invoiced afterwards.
 * A manual invoice issued before any hand-over carries its reason (`issue_reason`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('debit_holds').addColumn('release_choice', 'text').execute();
  await db.schema
    .createTable('waived_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('subscriptions.id'))
    .addColumn('period_key', 'text', (c) => c.notNull().unique())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('hold_id', 'text', (c) => c.notNull().references('debit_holds.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('waived_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('waived_periods_subscription_idx')
    .on('waived_periods')
    .columns(['subscription_id', 'period_start'])
    .execute();
  await db.schema.alterTable('invoices').addColumn('issue_reason', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invoices').dropColumn('issue_reason').execute();
  await db.schema.dropTable('waived_periods').execute();
  await db.schema.alterTable('debit_holds').dropColumn('release_choice').execute();
}
