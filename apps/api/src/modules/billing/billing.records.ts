import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { notFound } from '../../platform/errors.js';
import {
  fields,
  mustExist,
  NO_FIELDS,
  recordType,
  sameForAll,
  type RecordRegistration,
} from '../../platform/records.js';
import { requirePermission } from '../../platform/access.js';
import { assertFamilyBillingRead } from './billing-access.js';
import { familyOfRecord } from './billing.repository.js';
import { createInvoicesService } from './invoices.service.js';

/**
 * Billing records, read as their endpoints read them: accounts (and admin) everything, a guardian their own
 * family's invoices, mandates and certificates; sales, recruitment, followup, secretariat, board and teachers
 * nothing of billing (the board only the deferrals it votes).
 */
/** Records read as their family's billing (a mandate, a certificate): accounts, or a guardian of that family. */
const familyBilling = (deps: Deps, table: 'sepa_mandates' | 'tax_certificates') => async (actor: Actor, id: string) => {
  const row = await familyOfRecord(deps.db, table, id);
  if (!row) throw notFound();
  await assertFamilyBillingRead(deps.db, actor, row.family_id);
};
/** Records of accounts' own work (a batch, a debit). */
const billingManagers = (deps: Deps, table: 'collection_batches' | 'debits') => async (actor: Actor, id: string) => {
  requirePermission(actor, 'billing.manage');
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
const invoiceRecord = (deps: Deps) => {
  const invoices = createInvoicesService(deps);
  const policy = sameForAll(INVOICE_FIELDS, async (actor, id) => void (await invoices.loadInvoice(actor, id)));
  return { ...policy, actions: { payment: async () => PAYMENT_FIELDS } };
};

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
  'original_rum',
);
const mandateRecord = (deps: Deps) => sameForAll(MANDATE_FIELDS, familyBilling(deps, 'sepa_mandates'));

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
const batchRecord = (deps: Deps) => sameForAll(BATCH_FIELDS, billingManagers(deps, 'collection_batches'));

/** A debit as the family's account shows it (GET /api/billing/families/:id/overview); `reason` is its return reason. */
const DEBIT_FIELDS = fields('status', 'amount_cents', 'sequence_type', 'reason');
const debitRecord = (deps: Deps) => sameForAll(DEBIT_FIELDS, billingManagers(deps, 'debits'));

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
const deferralRecord = (deps: Deps) => {
  const invoices = createInvoicesService(deps);
  return sameForAll(DEFERRAL_FIELDS, async (actor, id) => void (await invoices.getDeferral(actor, id)));
};

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
const certificateRecord = (deps: Deps) => sameForAll(CERTIFICATE_FIELDS, familyBilling(deps, 'tax_certificates'));

/** The debit schedule sent to a family is billing: on the family's history, for those who read its billing only. */
const debitScheduleOfFamily = (deps: Deps) => async (actor: Actor, familyId: string) => {
  try {
    await assertFamilyBillingRead(deps.db, actor, familyId);
    return NO_FIELDS;
  } catch {
    return null;
  }
};

/** The billing manifest's record types, and its action on the family's history. */
export const BILLING_RECORDS: readonly RecordRegistration[] = [
  recordType('invoice', invoiceRecord),
  recordType('sepa-mandate', mandateRecord),
  recordType('collection-batch', batchRecord),
  recordType('debit', debitRecord),
  recordType('payment-deferral', deferralRecord),
  recordType('tax-certificate', certificateRecord),
  { type: 'family', action: 'debit-schedule-sent', rule: debitScheduleOfFamily },
];
