import { z } from 'zod';
import { Cursor, Id, IsoDate, Version, optionalShortText, optionalText, searchText, shortText } from './common.js';
import { registerMessages } from './messages.js';

/** Billing and SEPA direct debit: requests and replies shared by the API and the web app. */

export const Cents = z.number().int();
export const PositiveCents = z
  .number()
  .int()
  .min(1, { message: 'invalid_amount' })
  .max(100_000_000, { message: 'invalid_amount' });
export const PAYMENT_METHODS = ['sepa', 'cheque', 'transfer', 'card', 'aid'] as const;
export const PaymentMethod = z.enum(PAYMENT_METHODS);
export const EXCLUSION_REASONS = [
  'hold',
  'dispute',
  'no_mandate',
  'mandate_expired',
  'mandate_ended',
  'late_prenotification',
] as const;
export const ExclusionReason = z.enum(EXCLUSION_REASONS);
export const PAIN_FORMATS = ['pain.008.001.08', 'pain.008.001.02'] as const;
export const PainFormat = z.enum(PAIN_FORMATS);

export const Instalment = z.object({
  id: Id,
  seq: z.number(),
  dueOn: z.string(),
  amountCents: Cents,
  method: z.string(),
  status: z.string(),
  prenotifiedAt: z.string().nullable(),
});
export const Invoice = z.object({
  id: Id,
  number: z.string(),
  kind: z.enum(['invoice', 'credit_note']),
  familyId: Id,
  familyName: z.string(),
  subscriptionId: z.string().nullable(),
  creditedInvoiceId: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  issuedOn: z.string(),
  description: z.string(),
  amountCents: Cents,
  paidCents: Cents,
  balanceCents: Cents,
  status: z.string(),
  version: Version,
  instalments: z.array(Instalment),
});
export type Invoice = z.infer<typeof Invoice>;

export const InvoiceListQuery = z.object({
  familyId: Id.optional(),
  status: z.enum(['open', 'paid', 'cancelled']).optional(),
  /** One invoice by its number (the payment form's lookup). */
  number: searchText(40).min(1, { message: 'required' }).optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const CreateInvoiceBody = z.object({
  familyId: Id,
  description: shortText(200),
  amountCents: PositiveCents,
  dueOn: IsoDate,
  method: PaymentMethod.exclude(['aid']).default('sepa'),
});
export const RunInvoicesBody = z.object({ through: IsoDate.optional() });
export const CreditNoteBody = z.object({ amountCents: PositiveCents.optional(), reason: shortText(200) });
export const InstalmentPlanBody = z.object({
  version: Version,
  instalments: z
    .array(z.object({ dueOn: IsoDate, amountCents: PositiveCents, method: PaymentMethod.exclude(['aid']) }))
    .min(1)
    .max(12),
});

export const MandateBody = z.object({
  familyId: Id,
  debtorName: shortText(70),
  address: z.object({
    line1: shortText(70),
    line2: optionalShortText(70),
    postalCode: shortText(16),
    city: shortText(35),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, { message: 'invalid_value' }),
  }),
  iban: z.string().trim().min(10).max(42),
  bic: z.string().trim().max(11).optional().nullable(),
  type: z.enum(['recurrent', 'oneoff']).default('recurrent'),
  /** A shorter pre-notification period agreed with the debtor (2 days minimum). */
  shortNoticeDays: z.number().int().min(2, { message: 'short_notice_min' }).max(14).optional().nullable(),
  /** Staff recording a paper mandate give its reference and signature date; the portal generates them. */
  rum: z.string().max(40).optional(),
  signedOn: IsoDate.optional(),
  signerName: shortText(70),
  consent: z.boolean().optional(),
});
export const Mandate = z.object({
  id: Id,
  familyId: Id,
  rum: z.string(),
  creditorIdentifier: z.string(),
  type: z.string(),
  debtorName: z.string(),
  ibanMasked: z.string(),
  bic: z.string().nullable(),
  signedOn: z.string(),
  signatureMethod: z.string(),
  signedAt: z.string().nullable(),
  status: z.string(),
  usable: z.boolean(),
  refusal: z.string().nullable(),
  lastUsedOn: z.string().nullable(),
  shortNoticeDays: z.number().nullable(),
  finalOnNext: z.boolean(),
  version: Version,
});
export type Mandate = z.infer<typeof Mandate>;
/** Accounts' list of mandates: the most recently signed first, optionally one status or a family-name fragment. */
export const MandateListQuery = z.object({
  q: searchText(100).optional(),
  status: z.enum(['active', 'ended', 'revoked']).optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const MandateListItem = Mandate.extend({ familyName: z.string() });
export const MandateEndBody = z.object({
  version: Version,
  reason: shortText(200),
  mode: z.enum(['revoke', 'final_on_next']),
});

export const HoldListQuery = z.object({
  /** 1: released holds too (the history), newest first. */
  all: z.enum(['0', '1']).optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const HoldView = z.object({
  holdId: Id,
  subscriptionId: Id,
  familyId: Id,
  familyName: z.string(),
  studentName: z.string(),
  kind: z.string(),
  since: z.string(),
  reason: z.string(),
  billableFrom: z.string().nullable(),
  lastLessonOn: z.string().nullable(),
  version: Version,
});
export const ReleaseHoldBody = z.object({ version: Version, reason: shortText(500) });

export const PrepareBatchBody = z.object({ collectionDate: IsoDate });
export const BatchLine = z.object({
  instalmentId: Id,
  invoiceId: Id,
  invoiceNumber: z.string(),
  familyId: Id,
  familyName: z.string(),
  amountCents: Cents,
  sequenceType: z.string().nullable(),
  debitId: z.string().nullable(),
  debitStatus: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.string().nullable(),
});
export const Batch = z.object({
  id: Id,
  reference: z.string(),
  collectionDate: z.string(),
  status: z.string(),
  format: z.string().nullable(),
  debitCount: z.number(),
  totalCents: Cents,
  preparedAt: z.string(),
  exportedAt: z.string().nullable(),
  version: Version,
});
export const BatchDetail = Batch.extend({ included: z.array(BatchLine), excluded: z.array(BatchLine) });
export const ExportBatchBody = z.object({ version: Version, format: PainFormat.optional() });

export const DebitReturnBody = z.object({
  kind: z.enum(['reject', 'refund']),
  reasonCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{4}$/, { message: 'invalid_reason_code' }),
  on: IsoDate,
  note: optionalText(500),
});
export const PaymentBody = z
  .object({
    invoiceId: Id,
    method: z.enum(['cheque', 'transfer', 'card', 'aid']),
    amountCents: PositiveCents,
    receivedOn: IsoDate,
    cashOn: IsoDate.optional().nullable(),
    reference: optionalShortText(80),
    note: optionalText(500),
  })
  .refine((b) => b.method !== 'cheque' || !!b.cashOn, { message: 'cheque_needs_cashing_date', path: ['cashOn'] });
export const DeferralBody = z.object({
  decisionRef: shortText(120),
  decidedOn: IsoDate,
  reason: shortText(500),
  fromDueOn: IsoDate,
  toDueOn: IsoDate,
  newDueOn: IsoDate,
  planId: Id.optional().nullable(),
});
/** A board-voted deferral as recorded (GET /api/billing/deferrals/:id). */
export const Deferral = z.object({
  id: Id,
  decisionRef: z.string(),
  decidedOn: z.string(),
  reason: z.string(),
  fromDueOn: z.string(),
  toDueOn: z.string(),
  newDueOn: z.string(),
  planId: z.string().nullable(),
  affectedCount: z.number(),
  createdAt: z.string(),
});
export type Deferral = z.infer<typeof Deferral>;
export const ScheduleBody = z.object({ familyId: Id, through: IsoDate });

export const CertificateListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  familyId: Id.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const Certificate = z.object({
  id: Id,
  familyId: Id,
  familyName: z.string(),
  year: z.number(),
  paidCents: Cents,
  aidCents: Cents,
  homeMinutes: z.number(),
  generatedAt: z.string(),
  emailedAt: z.string().nullable(),
});
export const GenerateCertificatesBody = z.object({
  year: z.number().int().min(2000).max(2100),
  email: z.boolean().default(true),
});

export const FamilyOverview = z.object({
  familyId: Id,
  familyName: z.string(),
  balanceCents: Cents,
  invoices: z.array(Invoice),
  debits: z.array(
    z.object({
      id: Id,
      batchId: Id,
      collectionDate: z.string(),
      invoiceNumber: z.string(),
      amountCents: Cents,
      sequenceType: z.string(),
      status: z.string(),
      returnReason: z.string().nullable(),
    }),
  ),
  lessons: z.array(
    z.object({
      id: Id,
      lessonDate: z.string(),
      minutes: z.number(),
      status: z.string(),
      place: z.string().nullable(),
      familyResponse: z.string().nullable(),
      teacherName: z.string(),
      studentName: z.string(),
    }),
  ),
  holds: z.array(HoldView),
  mandates: z.array(Mandate),
});

registerMessages({
  fr: {
    invalid_amount: 'Montant invalide.',
    invalid_iban: 'Cet IBAN n’est pas valide (clé de contrôle ou format).',
    iban_not_sepa: 'Cet IBAN n’appartient pas à la zone SEPA.',
    invalid_bic: 'Ce BIC n’est pas valide.',
    invalid_rum_length: 'La référence unique de mandat (RUM) doit comporter de 1 à 35 caractères.',
    invalid_rum_characters: 'La RUM contient des caractères non autorisés par le SEPA.',
    invalid_rum_slashes: 'La RUM ne peut ni commencer ni finir par « / », ni contenir « // ».',
    invalid_ics: 'Cet identifiant créancier SEPA (ICS) n’est pas valide.',
    invalid_reason_code: 'Code motif ISO invalide (4 caractères, ex. AC04).',
    short_notice_min: 'Le délai de pré-notification ne peut pas être inférieur à 2 jours.',
    cheque_needs_cashing_date: 'Indiquez la date d’encaissement du chèque.',
    consent_required: 'Cochez la case d’accord pour signer le mandat.',
    refund_window_closed: 'Le délai de remboursement est dépassé (8 semaines, ou 13 mois sans mandat valide).',
    refund_before_collection: 'Un remboursement ne peut précéder la date de prélèvement.',
    CREDITOR_NOT_CONFIGURED:
      'Renseignez l’identifiant créancier SEPA (ICS) et le compte de l’organisation dans les réglages.',
    RUM_TAKEN: 'Cette référence de mandat (RUM) existe déjà pour cet identifiant créancier.',
    BATCH_EXPORTED: 'Ce lot a été exporté : il ne peut plus être modifié.',
    BATCH_NOT_EXPORTED: 'Ce lot n’a pas encore été exporté.',
    BATCH_EMPTY: 'Aucun prélèvement à inclure dans ce lot.',
    COLLECTION_DATE_PAST: 'La date de prélèvement doit être postérieure à aujourd’hui.',
    DEBIT_ALREADY_RETURNED: 'Ce prélèvement a déjà fait l’objet d’un rejet ou d’un remboursement.',
    DEBIT_NOT_EXPORTED: 'Seul un prélèvement exporté peut être rejeté ou remboursé.',
    INVOICE_NOT_OPEN: 'Cette facture n’est pas ouverte.',
    AMOUNT_EXCEEDS_BALANCE: 'Le montant dépasse le solde de la facture.',
    INSTALMENTS_MUST_SUM: 'La somme des échéances doit être égale au solde restant.',
    INSTALMENT_ALREADY_DEBITED: 'Une échéance est déjà dans un lot de prélèvement.',
    HOLD_RELEASED: 'Cette suspension a déjà été levée.',
    DEFERRAL_RANGE: 'La période des échéances reportées est invalide.',
  },
  en: {
    invalid_amount: 'Invalid amount.',
    invalid_iban: 'This IBAN is not valid (check digits or format).',
    iban_not_sepa: 'This IBAN is outside the SEPA area.',
    invalid_bic: 'This BIC is not valid.',
    invalid_rum_length: 'The mandate reference (RUM) must have 1 to 35 characters.',
    invalid_rum_characters: 'The mandate reference contains characters SEPA does not allow.',
    invalid_rum_slashes: 'The mandate reference may not start or end with "/" nor contain "//".',
    invalid_ics: 'This SEPA creditor identifier is not valid.',
    invalid_reason_code: 'Invalid ISO reason code (4 characters, e.g. AC04).',
    short_notice_min: 'The pre-notification period cannot be shorter than 2 days.',
    cheque_needs_cashing_date: 'Give the cheque’s cashing date.',
    consent_required: 'Tick the consent box to sign the mandate.',
    refund_window_closed: 'The refund period is over (8 weeks, or 13 months without a valid mandate).',
    refund_before_collection: 'A refund cannot precede the collection date.',
    CREDITOR_NOT_CONFIGURED: 'Set the SEPA creditor identifier and the organisation’s account in the settings.',
    RUM_TAKEN: 'This mandate reference already exists for this creditor identifier.',
    BATCH_EXPORTED: 'This batch was exported: it can no longer change.',
    BATCH_NOT_EXPORTED: 'This batch has not been exported yet.',
    BATCH_EMPTY: 'No debit to include in this batch.',
    COLLECTION_DATE_PAST: 'The collection date must be after today.',
    DEBIT_ALREADY_RETURNED: 'This debit was already rejected or refunded.',
    DEBIT_NOT_EXPORTED: 'Only an exported debit can be rejected or refunded.',
    INVOICE_NOT_OPEN: 'This invoice is not open.',
    AMOUNT_EXCEEDS_BALANCE: 'The amount exceeds the invoice balance.',
    INSTALMENTS_MUST_SUM: 'The instalments must add up to the remaining balance.',
    INSTALMENT_ALREADY_DEBITED: 'An instalment is already in a collection batch.',
    HOLD_RELEASED: 'This hold was already released.',
    DEFERRAL_RANGE: 'The range of deferred due dates is invalid.',
  },
});
