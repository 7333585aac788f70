import type { Kysely } from 'kysely';

/**
 * Billing and SEPA direct debit: gap-free invoice counters, invoices and their instalments, SEPA mandates,
 * collection batches with their debits (one debit per instalment, ever) and exclusions, payments and returns,
 * debit holds, board deferrals and tax certificates.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  // One row per series and year; the issuing transaction increments it under a row lock, so numbers never skip.
  await db.schema
    .createTable('billing_counters')
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('billing_counters_pk', ['series', 'year'])
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('subscription_id', 'text', (c) => c.references('subscriptions.id'))
    .addColumn('credited_invoice_id', 'text', (c) => c.references('invoices.id'))
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    // `<subscription>:<period start>`: a period is invoiced once, however often the run is repeated.
    .addColumn('period_key', 'text', (c) => c.unique())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('billed_name', 'text', (c) => c.notNull())
    .addColumn('billed_address', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('invoices_family_idx').on('invoices').columns(['family_id', 'issued_on']).execute();
  await db.schema.createIndex('invoices_subscription_idx').on('invoices').column('subscription_id').execute();
  await db.schema.createIndex('invoices_issued_idx').on('invoices').columns(['issued_on', 'id']).execute();

  await db.schema
    .createTable('invoice_instalments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('prenotified_at', 'text')
    .addColumn('prenotified_due_on', 'text')
    .addColumn('deferral_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('invoice_instalments_seq_uq', ['invoice_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('invoice_instalments_due_idx')
    .on('invoice_instalments')
    .columns(['status', 'due_on'])
    .execute();

  await db.schema
    .createTable('sepa_mandates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('rum', 'text', (c) => c.notNull())
    .addColumn('creditor_identifier', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('debtor_name', 'text', (c) => c.notNull())
    .addColumn('debtor_line1', 'text', (c) => c.notNull())
    .addColumn('debtor_line2', 'text')
    .addColumn('debtor_postal_code', 'text', (c) => c.notNull())
    .addColumn('debtor_city', 'text', (c) => c.notNull())
    .addColumn('debtor_country', 'text', (c) => c.notNull())
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('bic', 'text')
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('signature_method', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('signed_ip', 'text')
    .addColumn('short_notice_days', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('final_on_next', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_used_on', 'text')
    .addColumn('ended_on', 'text')
    .addColumn('ended_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('sepa_mandates_rum_uq', ['creditor_identifier', 'rum'])
    .execute();
  await db.schema
    .createIndex('sepa_mandates_family_idx')
    .on('sepa_mandates')
    .columns(['family_id', 'status'])
    .execute();

  await db.schema
    .createTable('collection_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('collection_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('format', 'text')
    .addColumn('debit_count', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('prepared_by', 'text')
    .addColumn('prepared_at', 'text', (c) => c.notNull())
    .addColumn('exported_by', 'text')
    .addColumn('exported_at', 'text')
    .addColumn('file_sha256', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('collection_batches_date_idx')
    .on('collection_batches')
    .columns(['collection_date', 'id'])
    .execute();

  // The unique instalment_id is the "never debited twice" wall: a second batch cannot take the same instalment.
  await db.schema
    .createTable('debits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('collection_batches.id'))
    .addColumn('instalment_id', 'text', (c) => c.notNull().unique().references('invoice_instalments.id'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('mandate_id', 'text', (c) => c.notNull().references('sepa_mandates.id'))
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('sequence_type', 'text', (c) => c.notNull())
    .addColumn('end_to_end_id', 'text', (c) => c.notNull().unique())
    .addColumn('mandate_rum', 'text', (c) => c.notNull())
    .addColumn('mandate_signed_on', 'text', (c) => c.notNull())
    .addColumn('debtor_name', 'text', (c) => c.notNull())
    .addColumn('debtor_iban', 'text', (c) => c.notNull())
    .addColumn('debtor_bic', 'text')
    .addColumn('debtor_street', 'text', (c) => c.notNull())
    .addColumn('debtor_postal_code', 'text', (c) => c.notNull())
    .addColumn('debtor_town', 'text', (c) => c.notNull())
    .addColumn('debtor_country', 'text', (c) => c.notNull())
    .addColumn('remittance', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('returned_on', 'text')
    .addColumn('return_kind', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('debits_batch_idx').on('debits').columns(['batch_id', 'sequence_type', 'id']).execute();
  await db.schema.createIndex('debits_family_idx').on('debits').column('family_id').execute();
  await db.schema.createIndex('debits_mandate_idx').on('debits').column('mandate_id').execute();

  await db.schema
    .createTable('batch_exclusions')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('collection_batches.id'))
    .addColumn('instalment_id', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text')
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('batch_exclusions_pk', ['batch_id', 'instalment_id'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('instalment_id', 'text')
    .addColumn('debit_id', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('cash_on', 'text')
    .addColumn('reference', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_invoice_idx').on('payments').column('invoice_id').execute();
  await db.schema.createIndex('payments_family_idx').on('payments').columns(['family_id', 'received_on']).execute();

  await db.schema
    .createTable('debit_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('subscriptions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // `no-lesson:<subscription>:<anchor date>`: the sweep holds once per quiet stretch, however often it runs.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('released_at', 'text')
    .addColumn('released_on', 'text')
    .addColumn('released_by', 'text')
    .addColumn('release_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('debit_holds_subscription_idx')
    .on('debit_holds')
    .columns(['subscription_id', 'released_at'])
    .execute();

  await db.schema
    .createTable('payment_deferrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('decision_ref', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('from_due_on', 'text', (c) => c.notNull())
    .addColumn('to_due_on', 'text', (c) => c.notNull())
    .addColumn('new_due_on', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text')
    .addColumn('affected_count', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tax_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('paid_cents', 'integer', (c) => c.notNull())
    .addColumn('aid_cents', 'integer', (c) => c.notNull())
    .addColumn('home_minutes', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('generated_by', 'text')
    .addColumn('emailed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('tax_certificates_family_year_uq', ['family_id', 'year'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'tax_certificates',
    'payment_deferrals',
    'debit_holds',
    'payments',
    'batch_exclusions',
    'debits',
    'collection_batches',
    'sepa_mandates',
    'invoice_instalments',
    'invoices',
    'billing_counters',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
