import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Accent-free lower case: "Hélène" → "helene". */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** " helene martin": words folded, with a leading space so that "% ma%" matches the start of any word. */
export function searchName(firstName: string, lastName: string): string {
  const words = foldAccents(`${firstName} ${lastName}`)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return ` ${words.join(' ')}`;
}

/** E-mail plus the phone's digits in international and national form, for substring search. */
export function searchContact(email: string | null, phoneE164: string | null): string {
  const parts: string[] = [];
  if (email) parts.push(email.toLowerCase());
  if (phoneE164) {
    parts.push(phoneE164.replace(/\D/g, ''));
    const parsed = parsePhoneNumberFromString(phoneE164);
    if (parsed) parts.push(`0${parsed.nationalNumber}`);
  }
  return parts.join(' ');
}
