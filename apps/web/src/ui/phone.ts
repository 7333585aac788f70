import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number in national format ("06 12 34 56 78") for a French number, international otherwise, as a `tel:`
 * link in E.164 so that a tap calls it from a phone. A number that does not parse is shown as typed, still callable.
 */
export function formatPhone(phone: string): { text: string; href: string } {
  const parsed = parsePhoneNumberFromString(phone, 'FR');
  if (!parsed?.isPossible()) return { text: phone, href: `tel:${phone.replace(/[^\d+]/g, '')}` };
  return {
    text: parsed.country === 'FR' ? parsed.formatNational() : parsed.formatInternational(),
    href: parsed.getURI(),
  };
}
