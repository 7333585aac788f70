import type { Kysely } from 'kysely';

/**
 * A pre-notification states a collection date and an amount: `prenotified_due_on` is the date it announced (the
 * real collection date, no longer the instalment's due date) and `prenotified_amount_cents` the amount (null for a
 * notice sent before: it announced the instalment's own amount, which never changes). A mandate signed with the
 * subscription terms records the shorter pre-notification delay they carry and the day it was accepted.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invoice_instalments').addColumn('prenotified_amount_cents', 'integer').execute();
  await db.schema.alterTable('sepa_mandates').addColumn('notice_agreed_on', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sepa_mandates').dropColumn('notice_agreed_on').execute();
  await db.schema.alterTable('invoice_instalments').dropColumn('prenotified_amount_cents').execute();
}
