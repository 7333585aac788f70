import { z } from 'zod';
import { RETURN_KINDS, returnReasonProblem } from './sepa-returns.js';
import { Cursor, Id, IsoDate, Version, optionalShortText, optionalText, searchText, shortText } from './common.js';

/** Billing and SEPA direct debit: requests and replies shared by the API and the web app. */

export const Cents = z.number().int();
export const PositiveCents = z
  .number()
  .int()
  .min(1, { message: 'invalid_amount' })
  .max(100_000_000, { message: 'invalid_amount' });
/** `cesu`: CESU préfinancé (vouchers an employer or a works council pre-paid): stated and deducted on the tax certificate. */
export const PAYMENT_METHODS = ['sepa', 'cheque', 'transfer', 'card', 'aid', 'cesu'] as const;
export const PaymentMethod = z.enum(PAYMENT_METHODS);
export const EXCLUSION_REASONS = [
  'hold',
  'dispute',
  'no_mandate',
  'mandate_expired',
  'mandate_ended',
  'late_prenotification',
  'paid_otherwise',
  'first_debit_pending',
  'sequence_closed',
  'sequence_out_of_order',
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
/** What an invoice line counts: a billing period (its share when pro-rated), lessons, hours, or a flat item. */
export const INVOICE_LINE_UNITS = ['period', 'lesson', 'hour', 'unit'] as const;
export const InvoiceLine = z.object({
  description: z.string(),
  quantity: z.number(),
  unit: z.enum(INVOICE_LINE_UNITS),
  unitPriceCents: Cents,
  amountCents: Cents,
  teacherName: z.string().nullable(),
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;
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
  /** the payer's full name as printed on the invoice */
  billedName: z.string(),
  lines: z.array(InvoiceLine),
  amountCents: Cents,
  paidCents: Cents,
  balanceCents: Cents,
  /** a credit note on money already paid: the refund owed to the family */
  refundDueCents: Cents,
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
  /** 1: only invoices paid by instalments (an instalment plan: more than one instalment, or a plan set later) */
  plan: z.enum(['1']).optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** A line of a one-off invoice: lessons or hours at a unit price, with the teacher who gave them. */
export const ManualInvoiceLine = z.object({
  description: shortText(200),
  quantity: z
    .number()
    .positive({ message: 'invalid_quantity' })
    .max(1000, { message: 'invalid_quantity' })
    .refine((q) => Number.isInteger(q * 100), { message: 'invalid_quantity' }),
  unit: z.enum(['lesson', 'hour', 'unit']),
  unitPriceCents: PositiveCents,
  teacherId: Id.optional().nullable(),
});
export const CreateInvoiceBody = z.object({
  familyId: Id,
  description: shortText(200),
  /** the total; with `lines`, it must be their sum (or be left out) */
  amountCents: PositiveCents.optional(),
  lines: z.array(ManualInvoiceLine).min(1).max(100).optional(),
  dueOn: IsoDate,
  method: PaymentMethod.exclude(['aid', 'cesu']).default('sepa'),
  /** required when no teacher's contact was handed over to the family yet (the billing clock has not started) */
  reason: optionalShortText(200),
});
export const RunInvoicesBody = z.object({ through: IsoDate.optional() });
export const CreditNoteBody = z.object({ amountCents: PositiveCents.optional(), reason: shortText(200) });
export const InstalmentPlanBody = z.object({
  version: Version,
  instalments: z
    .array(z.object({ dueOn: IsoDate, amountCents: PositiveCents, method: PaymentMethod.exclude(['aid', 'cesu']) }))
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
/** A new reference for a mandate (a paper mandate re-numbered, a merge of files): the next debit carries it. */
export const MandateRumBody = z.object({
  version: Version,
  rum: shortText(35),
  reason: shortText(200),
});

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
/** What becomes of the periods begun during the hold: invoiced as usual, or waived (never invoiced). */
export const HELD_PERIODS_CHOICES = ['invoice', 'waive'] as const;
export const ReleaseHoldBody = z.object({
  version: Version,
  reason: shortText(500),
  heldPeriods: z.enum(HELD_PERIODS_CHOICES),
});
export const HeldPeriod = z.object({ start: z.string(), end: z.string(), amountCents: Cents });
export const ReleaseHoldResult = z.object({
  released: z.boolean(),
  heldPeriods: z.enum(HELD_PERIODS_CHOICES),
  periods: z.array(HeldPeriod),
});

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
export const RedateBatchBody = z.object({ version: Version, collectionDate: IsoDate });

/** A reject, return or refund of an exported debit: the code must be one of the list and fit the kind. */
export const DebitReturnBody = z
  .object({
    kind: z.enum(RETURN_KINDS),
    reasonCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{4}$/, { message: 'invalid_reason_code' }),
    on: IsoDate,
    note: optionalText(500),
  })
  .superRefine((b, ctx) => {
    if (!/^[A-Z0-9]{4}$/.test(b.reasonCode)) return;
    const problem = returnReasonProblem(b.kind, b.reasonCode);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['reasonCode'] });
  });
export const PaymentBody = z
  .object({
    invoiceId: Id,
    method: z.enum(['cheque', 'transfer', 'card', 'aid', 'cesu']),
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
export const DeferralListQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
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
