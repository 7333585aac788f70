import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../api/contract-values';
import { useChangeLanguage } from './use-change-language';
import { currentLanguage } from '../../i18n/i18n';

/** Two toggle buttons, each labelled in its own language. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const change = useChangeLanguage();
  const active = currentLanguage();
  return (
    <Group gap={4} role="group" aria-label={t('language.label')}>
      {LOCALES.map((lang) => (
        <Button
          key={lang}
          size="compact-sm"
          variant={lang === active ? 'filled' : 'default'}
          aria-pressed={lang === active}
          lang={lang}
          onClick={() => void change(lang)}
        >
          {t(`language.${lang}`)}
        </Button>
      ))}
    </Group>
  );
}
