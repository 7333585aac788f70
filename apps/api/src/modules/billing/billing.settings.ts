import { z } from 'zod';
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

export type Creditor = { name: string; identifier: string; iban: string; bic: string | null; line1: string; postalCode: string; city: string; country: string };
export type LegalMentions = {
  address: string;
  siret: string | null;
  vatMention: string;
  sapNumber: string | null;
  sapDate: string | null;
};

const Creditor = z.object({
  name: z.string().trim().min(1).max(70),
  identifier: z.string().trim().refine((v) => icsProblem(v) === null, { message: 'invalid_ics' }),
  iban: z.string().trim().refine((v) => ibanProblem(v) === null, { message: 'invalid_iban' }),
  bic: z.string().trim().refine((v) => bicProblem(v) === null, { message: 'invalid_bic' }).nullable(),
  line1: z.string().trim().min(1).max(70),
  postalCode: z.string().trim().min(1).max(16),
  city: z.string().trim().min(1).max(35),
  country: z.string().trim().length(2),
});

registerSetting(BILLING.holdAfterDaysWithoutLesson, 21, z.number().int().min(7).max(120));
registerSetting(BILLING.preNotificationDays, 14, z.number().int().min(2).max(30));
registerSetting(BILLING.issueDaysAhead, 20, z.number().int().min(0).max(60));
registerSetting(BILLING.painFormat, 'pain.008.001.08', z.enum(['pain.008.001.08', 'pain.008.001.02']));
registerSetting(BILLING.creditor, null, Creditor.nullable());
registerSetting(
  BILLING.legal,
  { address: '', siret: null, vatMention: 'TVA non applicable, art. 293 B du CGI', sapNumber: null, sapDate: null } satisfies LegalMentions,
  z.object({
    address: z.string().trim().max(300),
    siret: z.string().trim().regex(/^\d{14}$/, { message: 'invalid_value' }).nullable(),
    vatMention: z.string().trim().max(300),
    sapNumber: z.string().trim().max(40).nullable(),
    sapDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
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
