import type { Locale } from '@contracts';
import { ERROR_MESSAGES } from '../api/contract-values';
import i18next from 'i18next';
import { currentLanguage } from './i18n';

/**
 * The localised text for an error code: the web app's own copy first (codes the API never sends,
 * like NETWORK), then the shared ERROR_MESSAGES of the contracts, then a generic message.
 */
export function errorMessage(code: string, lang: Locale = currentLanguage()): string {
  const own = `errors.${code}`;
  if (i18next.exists(own, { lng: lang })) return i18next.t(own, { lng: lang });
  const shared = ERROR_MESSAGES[lang] ?? ERROR_MESSAGES.fr;
  return shared[code] ?? shared.invalid_value ?? code;
}
