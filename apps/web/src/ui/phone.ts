import type * as LibPhoneNumber from 'libphonenumber-js';

/**
 * libphonenumber-js (about 30 kB compressed) is fetched on the first phone number shown, not with every page that
 * may show one: until it is there a number shows as stored (E.164, already callable).
 */
type PhoneLib = typeof LibPhoneNumber;
let lib: PhoneLib | null = null;
let loading: Promise<void> | null = null;

export function phoneLibLoaded(): boolean {
  return lib !== null;
}

export function loadPhoneLib(): Promise<void> {
  loading ??= import('libphonenumber-js').then((module) => {
    lib = module;
  });
  return loading;
}

/**
 * A phone number in national format ("06 12 34 56 78") for a French number, international otherwise, as a `tel:`
 * link in E.164 so that a tap calls it from a phone. A number that does not parse is shown as typed, still callable.
 */
export function formatPhone(phone: string): { text: string; href: string } {
  const parsed = lib?.parsePhoneNumberFromString(phone, 'FR');
  if (!parsed?.isPossible()) return { text: phone, href: `tel:${phone.replace(/[^\d+]/g, '')}` };
  return {
    text: parsed.country === 'FR' ? parsed.formatNational() : parsed.formatInternational(),
    href: parsed.getURI(),
  };
}
