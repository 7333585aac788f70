import { z } from 'zod';
import { humanText, shortText } from '@contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { Tx } from '../../db/database.js';
import { readSettings, registerSetting } from '../../platform/settings.js';
import { ibanProblem, bicProblem, icsProblem } from './sepa-validation.js';

/** Billing settings; admins change them in the settings screen, tests through writeSetting. */
export const BILLING = {
  // One setting for the agency's rule (first debit within N days of the hand-over), registered by the agency module.
  firstDebitWithinDays: 'agency.firstDebitDays',
  holdAfterDaysWithoutLesson: 'billing.holdAfterDaysWithoutLesson',
  preNotificationDays: 'billing.preNotificationDays',
  issueDaysAhead: 'billing.issueDaysAhead',
  painFormat: 'billing.painFormat',
  creditor: 'billing.creditor',
  legal: 'billing.legalMentions',
  invoicePrefix: 'billing.invoicePrefix',
} as const;

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

registerSetting(BILLING.holdAfterDaysWithoutLesson, 21, z.number().int().min(7).max(120));
registerSetting(BILLING.preNotificationDays, 14, z.number().int().min(2).max(30));
registerSetting(BILLING.issueDaysAhead, 20, z.number().int().min(0).max(60));
registerSetting(BILLING.painFormat, 'pain.008.001.08', z.enum(['pain.008.001.08', 'pain.008.001.02']));
registerSetting(BILLING.creditor, null, Creditor.nullable());
registerSetting(
  BILLING.legal,
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
registerSetting(BILLING.invoicePrefix, 'F', z.string().regex(/^[A-Z]{1,3}$/));

export type BillingSettings = {
  firstDebitWithinDays: number;
  holdAfterDays: number;
  noticeDays: number;
  issueDaysAhead: number;
  painFormat: 'pain.008.001.08' | 'pain.008.001.02';
  creditor: Creditor | null;
  legal: LegalMentions;
  invoicePrefix: string;
  organisationName: string;
  timeZone: string;
};

export async function readBillingSettings(db: Kysely<DB> | Tx): Promise<BillingSettings> {
  // One read of the settings table rather than ten: billing pages and sweeps call this on every request.
  const all = await readSettings(db);
  const get = <T>(key: string) => all[key] as T;
  return {
    firstDebitWithinDays: get<number>(BILLING.firstDebitWithinDays),
    holdAfterDays: get<number>(BILLING.holdAfterDaysWithoutLesson),
    noticeDays: get<number>(BILLING.preNotificationDays),
    issueDaysAhead: get<number>(BILLING.issueDaysAhead),
    painFormat: get<BillingSettings['painFormat']>(BILLING.painFormat),
    creditor: get<Creditor | null>(BILLING.creditor),
    legal: get<LegalMentions>(BILLING.legal),
    invoicePrefix: get<string>(BILLING.invoicePrefix),
    organisationName: get<string>('organisation.name'),
    timeZone: get<string>('organisation.timeZone'),
  };
}
