import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Locale, Me } from '@contracts';
import { rememberLanguage } from '../../i18n/i18n';
import { ME_KEY, updateMe } from '../auth/api';

/** Switches the interface language, remembers it here and, when logged in, on the account. */
export function useChangeLanguage(): (lang: Locale) => Promise<void> {
  const { i18n } = useTranslation();
  const client = useQueryClient();
  return useCallback(
    async (lang: Locale) => {
      rememberLanguage(lang);
      await i18n.changeLanguage(lang);
      const me = client.getQueryData<Me | null>(ME_KEY);
      if (me && me.locale !== lang) {
        try {
          client.setQueryData(ME_KEY, await updateMe({ locale: lang }));
        } catch {
          // the interface already switched; the account keeps its old locale until next time
        }
      }
    },
    [client, i18n],
  );
}
