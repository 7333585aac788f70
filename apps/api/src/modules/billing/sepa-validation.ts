import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';

/**
 * SEPA identifiers: IBAN and BIC (through ibantools, which checks the country format and the mod-97 digits),
 * the mandate reference (RUM) and the creditor identifier (ICS). Each returns a message code or null.
 */

/** Spaces and lower case removed: "fr76 3000 6000 …" → "FR7630006000…". */
export function normaliseIban(raw: string): string {
  return electronicFormatIBAN(raw) ?? raw.replace(/\s+/g, '').toUpperCase();
}

export function ibanProblem(raw: string): string | null {
  const iban = normaliseIban(raw);
  if (!isValidIBAN(iban)) return 'invalid_iban';
  // SEPA Core direct debits reach accounts in SEPA countries only.
  if (!isSEPACountry(iban.slice(0, 2))) return 'iban_not_sepa';
  return null;
}

export function normaliseBic(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function bicProblem(raw: string): string | null {
  return isValidBIC(normaliseBic(raw)) ? null : 'invalid_bic';
}

/** The Latin character set of the EPC rulebook (section 1.4) for identifiers. */
const SEPA_ID_CHARS = /^[A-Za-z0-9/\-?:().,'+ ]+$/;

/**
 * RUM: 1–35 SEPA characters and no space (the set allows one, but a reference copied with spaces is not the one the
 * bank holds); never starts or ends with "/" and never contains "//" (EPC identifier rule). Unique per creditor
 * identifier ignoring case (`mandates.repository.ts` `rumTaken`, migration 2026-12-02-0100).
 */
export function rumProblem(rum: string): string | null {
  if (rum.length === 0 || rum.length > 35) return 'invalid_rum_length';
  if (/\s/.test(rum)) return 'invalid_rum_spaces';
  if (!SEPA_ID_CHARS.test(rum)) return 'invalid_rum_characters';
  if (rum.startsWith('/') || rum.endsWith('/') || rum.includes('//')) return 'invalid_rum_slashes';
  if (rum !== rum.trim()) return 'invalid_rum_characters';
  return null;
}

/** Letters to numbers as in ISO 7064 mod 97-10 (A=10 … Z=35). */
function toDigits(text: string): string {
  return [...text].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
}

function mod97(digits: string): number {
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest;
}

/**
 * The check digits of a creditor identifier: computed over the national identifier (the creditor business code
 * in positions 5–7 is left out) followed by the country code and "00", as for an IBAN.
 */
export function icsCheckDigits(country: string, nationalId: string): string {
  const rest = mod97(toDigits(`${nationalId}${country}00`.toUpperCase()));
  return String(98 - rest).padStart(2, '0');
}

/** ICS: CC + 2 check digits + 3-character business code + national identifier (6 characters in France). */
export function icsProblem(raw: string): string | null {
  const ics = raw.replace(/\s+/g, '').toUpperCase();
  const match = /^([A-Z]{2})(\d{2})([A-Z0-9]{3})([A-Z0-9]{1,28})$/.exec(ics);
  if (!match || ics.length > 35) return 'invalid_ics';
  const [, country, check, , nationalId] = match as unknown as [string, string, string, string, string];
  if (country === 'FR' && nationalId.length !== 6) return 'invalid_ics';
  return icsCheckDigits(country, nationalId) === check ? null : 'invalid_ics';
}

export function normaliseIcs(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}
