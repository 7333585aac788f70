import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@contracts';
import { LOCALES } from '../api/contract-values';
import { en } from './en';
import { fr } from './fr';

const STORAGE_KEY = 'harmonie.lang';

export const DEFAULT_LANGUAGE: Locale = 'fr';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLanguage(): Locale | null {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(saved) ? saved : null;
  } catch {
    return null;
  }
}

/** The language in force now; 'fr' until i18next is initialised. */
export function currentLanguage(): Locale {
  const lang = i18next.resolvedLanguage ?? i18next.language;
  return isLocale(lang) ? lang : DEFAULT_LANGUAGE;
}

/** Remembers the choice in this browser; the account's locale is saved separately (useChangeLanguage). */
export function rememberLanguage(lang: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function hasStoredLanguage(): boolean {
  return storedLanguage() !== null;
}

/** Initialises i18next once; runs when this module is first imported (main.tsx imports it first). */
export function initI18n(): typeof i18next {
  if (i18next.isInitialized) return i18next;
  // French unless this browser chose otherwise; a logged-in user's own locale applies when nothing was chosen here
  const lng = storedLanguage() ?? DEFAULT_LANGUAGE;
  i18next.on('languageChanged', (lang) => {
    document.documentElement.lang = isLocale(lang) ? lang : DEFAULT_LANGUAGE;
  });
  void i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    // a key no language has is a bug (an English code or a default shown instead of words): the console says
    // which, and the browser tests fail on it (e2e/languages.spec.ts)
    saveMissing: true,
    missingKeyHandler: (languages, namespace, key) =>
      console.warn(`i18n missing key: ${namespace}:${key} (${[languages].flat().join(', ')})`),
  });
  document.documentElement.lang = lng;
  return i18next;
}

// Modules that add their own resource bundles (addResourceBundle) need an initialised instance when
// they are evaluated, so initialisation happens here, before the rest of the app is imported.
initI18n();
