import type { Kysely } from 'kysely';

/**
 * School fees and cancellations (issue "School network II", items 4 and 5):
 * - `school_fee_policies`: per school, how many days before a term starts a cancellation must be received to owe
 *   nothing of that term, and the make-up credits a student gets for missed lessons (0: none, the default).
 * - `family_solidarity_bands`: the solidarity criterion of the season's tariffs a family meets (set by the
 *   secretariat from its quotient).
 * - `school_fee_plans`: the payment plan a family chose once for a season (once | three | ten; cheque | transfer | sepa).
 * - `school_fee_items`: what each fees invoice bills (membership, one course place), with the terms billed and what
 *   was credited since; `item_key` makes issuing idempotent (one membership per family or member, one fee per place).
 * - `cancellation_special_rules`: a school's special rule for a date range, with its own deadline.
 * - `cancellation_requests`: a family's written cancellation of a place, with what is owed and the credit note.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('school_fee_policies')
    .addColumn('school_id', 'text', (c) => c.primaryKey().references('schools.id'))
    .addColumn('cancellation_notice_days', 'integer', (c) => c.notNull())
    .addColumn('makeup_credits', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('family_solidarity_bands')
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id'))
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('family_solidarity_bands_pk', ['family_id', 'season_id'])
    .execute();
  await db.schema
    .createTable('school_fee_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id'))
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('first_due_on', 'text', (c) => c.notNull())
    .addColumn('chosen_by', 'text')
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('school_fee_plans_family_season', ['family_id', 'season_id'])
    .execute();
  await db.schema
    .createTable('school_fee_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_key', 'text', (c) => c.notNull().unique())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('enrolment_id', 'text', (c) => c.references('course_enrolments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('first_term', 'integer', (c) => c.notNull())
    .addColumn('terms_billed', 'integer', (c) => c.notNull())
    .addColumn('credited_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('school_fee_items_family_idx')
    .on('school_fee_items')
    .columns(['family_id', 'season_id'])
    .execute();
  await db.schema
    .createTable('cancellation_special_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('notified_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('cancellation_special_rules_school_idx')
    .on('cancellation_special_rules')
    .columns(['school_id', 'season_id'])
    .execute();
  await db.schema
    .createTable('cancellation_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enrolment_id', 'text', (c) => c.notNull().unique().references('course_enrolments.id'))
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('special_rule_id', 'text', (c) => c.references('cancellation_special_rules.id'))
    .addColumn('owed_cents', 'integer', (c) => c.notNull())
    .addColumn('credit_cents', 'integer', (c) => c.notNull())
    .addColumn('credit_note_id', 'text', (c) => c.references('invoices.id'))
    .addColumn('made_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cancellation_requests_family_idx')
    .on('cancellation_requests')
    .column('family_id')
    .execute();
}
