import { FIRST_DEBIT_DAYS } from '../agency/agency.settings.js';
import { z } from 'zod';
import { humanText, shortText } from '@contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { Tx } from '../../db/database.js';
import {
  defineSetting,
  ORGANISATION_NAME,
  ORGANISATION_TIME_ZONE,
  type SettingDefinition,
} from '../../platform/settings.js';
import { savedSettings } from './billing.repository.js';
import { ibanProblem, bicProblem, icsProblem } from './sepa-validation.js';

export type Creditor = {
  name: string;
  identifier: string;
  iban: string;
  bic: string | null;
  line1: string;
  postalCode: string;
  city: string;
  country: string;
};
export type LegalMentions = {
  address: string;
  siret: string | null;
  vatMention: string;
  sapNumber: string | null;
  sapDate: string | null;
};

const Creditor = z.object({
  name: shortText(70),
  identifier: z
    .string()
    .trim()
    .refine((v) => icsProblem(v) === null, { message: 'invalid_ics' }),
  iban: z
    .string()
    .trim()
    .refine((v) => ibanProblem(v) === null, { message: 'invalid_iban' }),
  bic: z
    .string()
    .trim()
    .refine((v) => bicProblem(v) === null, { message: 'invalid_bic' })
    .nullable(),
  line1: shortText(70),
  postalCode: shortText(16),
  city: shortText(35),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { message: 'invalid_value' }),
});

/** Billing settings; admins change them in the settings screen, tests through writeSetting. */
export const HOLD_AFTER_DAYS_WITHOUT_LESSON = defineSetting(
  'billing.holdAfterDaysWithoutLesson',
  21,
  z.number().int().min(7).max(120),
);
export const PRE_NOTIFICATION_DAYS = defineSetting('billing.preNotificationDays', 14, z.number().int().min(2).max(30));
/**
 * The shorter pre-notification delay the subscription terms carry (SEPA Core rulebook: 14 days "unless otherwise
 * agreed"): a family signing its mandate in the portal accepts it with the terms, and the mandate records it, so
 * that the first debit can go within `agency.firstDebitDays` of the hand-over with its notice sent that day.
 */
export const AGREED_PRE_NOTIFICATION_DAYS = defineSetting(
  'billing.agreedPreNotificationDays',
  2,
  z.number().int().min(2).max(14),
);
export const ISSUE_DAYS_AHEAD = defineSetting('billing.issueDaysAhead', 20, z.number().int().min(0).max(60));
export const PAIN_FORMAT = defineSetting(
  'billing.painFormat',
  'pain.008.001.08',
  z.enum(['pain.008.001.08', 'pain.008.001.02']),
);
export const CREDITOR = defineSetting('billing.creditor', null, Creditor.nullable());
export const LEGAL_MENTIONS = defineSetting(
  'billing.legalMentions',
  {
    address: '',
    siret: null,
    vatMention: 'TVA non applicable, art. 293 B du CGI',
    sapNumber: null,
    sapDate: null,
  } satisfies LegalMentions,
  z.object({
    // Printed on every invoice and certificate: several lines allowed, the same checks as any typed text.
    address: humanText(300, { multiline: true, required: false }),
    siret: z
      .string()
      .trim()
      .regex(/^\d{14}$/, { message: 'invalid_value' })
      .nullable(),
    vatMention: humanText(300, { multiline: true, required: false }),
    sapNumber: humanText(40, { required: false }).nullable(),
    sapDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
  }),
);
/**
 * Who signs the tax certificates and where (the official model's "Fait à …, le …" and the signatory's name and
 * title): no certificate is issued until it is set.
 */
export type Signatory = { name: string; title: string; place: string };
export const CERTIFICATE_SIGNATORY = defineSetting(
  'billing.certificateSignatory',
  null as Signatory | null,
  z.object({ name: shortText(100), title: shortText(100), place: shortText(100) }).nullable(),
);
/**
 * A returned debit's amount (reject, return or refund): debited again on a new due date (`new_due_date`, with a new
 * pre-notification) or asked by another payment method, a transfer or a cheque (`other_method`); due the given
 * number of days after the return. MD01 (no mandate) always goes to another method: the mandate is revoked.
 */
export const RETURNED_AMOUNT_ROUTE = defineSetting(
  'billing.returnedAmountRoute',
  'new_due_date' as 'new_due_date' | 'other_method',
  z.enum(['new_due_date', 'other_method']),
);
export const RETURNED_AMOUNT_DAYS = defineSetting('billing.returnedAmountDays', 15, z.number().int().min(0).max(60));
export const INVOICE_PREFIX = defineSetting('billing.invoicePrefix', 'F', z.string().regex(/^[A-Z]{1,3}$/));

/** The settings the billing manifest declares (the settings screen lists and validates them). */
export const BILLING_SETTINGS = [
  HOLD_AFTER_DAYS_WITHOUT_LESSON,
  PRE_NOTIFICATION_DAYS,
  AGREED_PRE_NOTIFICATION_DAYS,
  ISSUE_DAYS_AHEAD,
  PAIN_FORMAT,
  CREDITOR,
  LEGAL_MENTIONS,
  CERTIFICATE_SIGNATORY,
  INVOICE_PREFIX,
  RETURNED_AMOUNT_ROUTE,
  RETURNED_AMOUNT_DAYS,
] as const;

export type BillingSettings = {
  firstDebitWithinDays: number;
  holdAfterDays: number;
  noticeDays: number;
  agreedNoticeDays: number;
  issueDaysAhead: number;
  painFormat: 'pain.008.001.08' | 'pain.008.001.02';
  creditor: Creditor | null;
  legal: LegalMentions;
  signatory: Signatory | null;
  invoicePrefix: string;
  returnedAmount: { route: 'new_due_date' | 'other_method'; days: number };
  organisationName: string;
  timeZone: string;
};

export async function readBillingSettings(db: Kysely<DB> | Tx): Promise<BillingSettings> {
  // One read of the settings table rather than ten: billing pages and sweeps call this on every request.
  const saved = new Map((await savedSettings(db)).map((row) => [row.key, row.value]));
  const get = <T>(setting: SettingDefinition<T>): T => {
    const value = saved.get(setting.key);
    return value === undefined ? setting.defaultValue : (JSON.parse(value) as T);
  };
  return {
    // The agency's setting "first debit within N days of the hand-over", declared once by the agency's manifest.
    firstDebitWithinDays: get(FIRST_DEBIT_DAYS),
    holdAfterDays: get(HOLD_AFTER_DAYS_WITHOUT_LESSON),
    noticeDays: get(PRE_NOTIFICATION_DAYS),
    agreedNoticeDays: get(AGREED_PRE_NOTIFICATION_DAYS),
    issueDaysAhead: get(ISSUE_DAYS_AHEAD),
    painFormat: get(PAIN_FORMAT),
    creditor: get(CREDITOR),
    legal: get(LEGAL_MENTIONS),
    signatory: get(CERTIFICATE_SIGNATORY),
    invoicePrefix: get(INVOICE_PREFIX),
    returnedAmount: { route: get(RETURNED_AMOUNT_ROUTE), days: get(RETURNED_AMOUNT_DAYS) },
    organisationName: get(ORGANISATION_NAME),
    timeZone: get(ORGANISATION_TIME_ZONE),
  };
}
