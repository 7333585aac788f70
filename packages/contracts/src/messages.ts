import type { Locale } from './common.js';
import { messagesIn } from './errors/index.js';

/**
 * Error and validation messages shared by the API (problem details) and the web app (inline errors), read from
 * the one catalogue (`errors/`). Keys are the `code` of a DomainError or the `message` code of a zod issue.
 */
export const ERROR_MESSAGES: Record<Locale, Record<string, string>> = { fr: messagesIn('fr'), en: messagesIn('en') };

export function messageFor(locale: Locale, code: string): string {
  return ERROR_MESSAGES[locale][code] ?? ERROR_MESSAGES[locale].invalid_value ?? code;
}
