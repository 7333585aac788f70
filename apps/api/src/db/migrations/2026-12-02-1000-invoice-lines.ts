import type { Kysely } from 'kysely';

/**
 * Invoices list what they bill: `lines` is the JSON snapshot of each line (a period or a lesson: description,
 * quantity and its unit, unit price, amount, teacher), written once at issue like the payer's address. A credit
 * note on money already paid owes the family a refund: `refund_due_cents` records it on the note.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invoices').addColumn('lines', 'text').execute();
  await db.schema
    .alterTable('invoices')
    .addColumn('refund_due_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invoices').dropColumn('refund_due_cents').execute();
  await db.schema.alterTable('invoices').dropColumn('lines').execute();
}
