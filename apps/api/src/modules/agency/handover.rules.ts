import type { Locale } from '@contracts';
import { addDays } from '../../platform/clock.js';

/**
 * "This date starts the billing clock: the first debit may happen from then on, within 9 days (a setting)": the
 * subscription is billable from the hand-over date and its first debit is due by this date.
 */
export function firstDebitDeadline(handoverDate: string, days: number): string {
  return addDays(handoverDate, days);
}

type Person = { id: string; kind: string; email: string | null };

/** Who to write to on the family side: the first guardian with an e-mail, else an adult student with one. */
export function familyRecipient<P extends Person>(people: readonly P[], studentId: string): P | undefined {
  const guardians = people.filter((p) => p.kind === 'guardian');
  const student = people.find((p) => p.id === studentId);
  return guardians.find((g) => g.email) ?? guardians[0] ?? (student?.email ? student : undefined) ?? student;
}

/** The language to write in: the account's when it has one, else the family's. */
export function contactLocale(locale: string | null | undefined, fallback: Locale): Locale {
  return locale === 'en' ? 'en' : locale === 'fr' ? 'fr' : fallback;
}

/** A family's language for e-mails: English when chosen, French otherwise. */
export function familyLocale(locale: string | null): Locale {
  return locale === 'en' ? 'en' : 'fr';
}
