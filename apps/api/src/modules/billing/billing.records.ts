import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { notFound } from '../../platform/errors.js';
import { fields, mustExist, NO_FIELDS, sameForAll } from '../../platform/records.js';
import { registerRecordAction, registerRecordType } from '../../platform/records.js';
import { assertFamilyBillingRead, requireBillingManager } from './billing-access.js';
import { createInvoicesService } from './invoices.service.js';

/**
 * Billing records, read as their endpoints read them: accounts (and admin) everything, a guardian their own
 * family's invoices, mandates and certificates; sales, recruitment, followup, secretariat, board and teachers
 * nothing of billing (the board only the deferrals it votes).
 */
/** Records read as their family's billing (a mandate, a certificate): accounts, or a guardian of that family. */
const familyBilling = (deps: Deps, table: 'sepa_mandates' | 'tax_certificates') => async (actor: Actor, id: string) => {
  const query = sql<{ family_id: string }>`select family_id from ${sql.table(table)} where id = ${id}`;
  const row = await query.execute(deps.db);
  if (!row.rows[0]) throw notFound();
  await assertFamilyBillingRead(deps.db, actor, row.rows[0].family_id);
};
/** Records of accounts' own work (a batch, a debit). */
const billingManagers = (deps: Deps, table: 'collection_batches' | 'debits') => async (actor: Actor, id: string) => {
  requireBillingManager(actor);
  await mustExist(deps.db, table, id);
};

const INVOICE_FIELDS = fields(
  'number',
  'kind',
  'family_id',
  'subscription_id',
  'credited_invoice_id',
  'period_start',
  'period_end',
  'issued_on',
  'description',
  'amount_cents',
  'status',
  // instalment-plan records the instalments the invoice shows
  'instalments',
);
// A payment shows on the invoice as what was paid, when and how; its bank reference and note stay with accounts.
const PAYMENT_FIELDS = fields('amount_cents', 'method', 'received_on');
registerRecordType('invoice', (deps) => {
  const invoices = createInvoicesService(deps);
  const policy = sameForAll(INVOICE_FIELDS, async (actor, id) => void (await invoices.loadInvoice(actor, id)));
  return { ...policy, actions: { payment: async () => PAYMENT_FIELDS } };
});

/** GET /api/billing/families/:id/mandates: never the IBAN itself (masked there), nor where it was signed from. */
const MANDATE_FIELDS = fields(
  'family_id',
  'rum',
  'creditor_identifier',
  'type',
  'debtor_name',
  'bic',
  'signed_on',
  'signature_method',
  'signed_at',
  'status',
  'last_used_on',
  'short_notice_days',
  'final_on_next',
);
registerRecordType('sepa-mandate', (deps) => sameForAll(MANDATE_FIELDS, familyBilling(deps, 'sepa_mandates')));

const BATCH_FIELDS = fields(
  'reference',
  'collection_date',
  'status',
  'format',
  'debit_count',
  'total_cents',
  'prepared_at',
  'exported_at',
  'excluded',
);
registerRecordType('collection-batch', (deps) => sameForAll(BATCH_FIELDS, billingManagers(deps, 'collection_batches')));

/** A debit as the family's account shows it (GET /api/billing/families/:id/overview); `reason` is its return reason. */
const DEBIT_FIELDS = fields('status', 'amount_cents', 'sequence_type', 'reason');
registerRecordType('debit', (deps) => sameForAll(DEBIT_FIELDS, billingManagers(deps, 'debits')));

const DEFERRAL_FIELDS = fields(
  'decision_ref',
  'decided_on',
  'reason',
  'from_due_on',
  'to_due_on',
  'new_due_on',
  'plan_id',
  'affected_count',
);
registerRecordType('payment-deferral', (deps) => {
  const invoices = createInvoicesService(deps);
  return sameForAll(DEFERRAL_FIELDS, async (actor, id) => void (await invoices.getDeferral(actor, id)));
});

/** GET /api/billing/certificates?familyId=: what it certifies; the PDF's snapshot is read through the PDF only. */
const CERTIFICATE_FIELDS = fields(
  'family_id',
  'year',
  'paid_cents',
  'aid_cents',
  'home_minutes',
  'generated_at',
  'emailed_at',
);
registerRecordType('tax-certificate', (deps) =>
  sameForAll(CERTIFICATE_FIELDS, familyBilling(deps, 'tax_certificates')),
);

/** The debit schedule sent to a family is billing: on the family's history, for those who read its billing only. */
registerRecordAction('family', 'debit-schedule-sent', (deps) => async (actor, familyId) => {
  try {
    await assertFamilyBillingRead(deps.db, actor, familyId);
    return NO_FIELDS;
  } catch {
    return null;
  }
});
